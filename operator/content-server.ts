import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';

/**
 * Serves published bundles as static files, with HTTP Range support so kiosks resume interrupted
 * downloads. Read-only; only files under --dir; no directory listings.
 */
export function createContentServer(root: string): http.Server {
  const base = path.resolve(root);
  return http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.resolve(base, `.${urlPath}`);
    if (!file.startsWith(base + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return void res.writeHead(404).end();
    const size = fs.statSync(file).size;
    const type = file.endsWith('.json') ? 'application/json' : 'application/octet-stream';
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (range) {
      const start = Number(range[1]);
      const end = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      if (start >= size || start > end) return void res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
      res.writeHead(206, { 'Content-Type': type, 'Content-Length': end - start + 1, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-cache' });
      if (req.method === 'HEAD') return void res.end();
      return void fs.createReadStream(file, { start, end }).pipe(res);
    }
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': size, 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-cache' });
    if (req.method === 'HEAD') return void res.end();
    fs.createReadStream(file).pipe(res);
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } } });
  const dir = values.dir ?? 'dist/content-server';
  fs.mkdirSync(dir, { recursive: true });
  const port = Number(values.port ?? process.env.CONTENT_SERVER_PORT ?? 8090);
  createContentServer(dir).listen(port, values.host ?? '127.0.0.1', () => {
    process.stdout.write(`content server: serving ${path.resolve(dir)} on http://${values.host ?? '127.0.0.1'}:${port}/ (KIOSK_CONTENT_URL)\n`);
  });
}
