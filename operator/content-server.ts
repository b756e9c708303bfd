import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';

/** A regular file under `base`, or null for anything else (a path out of the tree, a folder, a FIFO, a dotfile). */
function servedFile(base: string, rawUrl: string | undefined): { file: string; size: number } | null {
  let urlPath: string;
  try {
    urlPath = decodeURIComponent(new URL(rawUrl ?? '/', 'http://x').pathname);
  } catch {
    return null;
  }
  if (urlPath.includes('\0') || urlPath.split('/').some((s) => s.startsWith('.'))) return null;
  const file = path.resolve(base, `.${urlPath}`);
  if (!file.startsWith(base + path.sep)) return null;
  try {
    const stat = fs.lstatSync(file);
    return stat.isFile() ? { file, size: stat.size } : null;
  } catch {
    return null;
  }
}

/**
 * The demo's content server: serves a TUF repository (metadata and targets) as static files, with
 * HTTP Range support so kiosks resume interrupted downloads. Read-only, only regular files under
 * --dir, no listings; a malformed request gets 400/404, never a crash. In production any static
 * server, object store or CDN does the same job (nginx: `root <repository>;` — kiosks trust only what
 * the signed metadata says, not the server).
 */
export function createContentServer(root: string): http.Server {
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    const found = servedFile(base, req.url);
    if (!found) return void res.writeHead(404).end();
    const { file, size } = found;
    const type = file.endsWith('.json') ? 'application/json' : 'application/octet-stream';
    const send = (status: number, headers: http.OutgoingHttpHeaders, range?: { start: number; end: number }): void => {
      res.writeHead(status, { 'Content-Type': type, 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-cache', ...headers });
      if (req.method === 'HEAD') return void res.end();
      pipeline(fs.createReadStream(file, range ?? {}), res).catch(() => res.destroy());
    };
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (range) {
      const start = Number(range[1]);
      const end = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      if (start >= size || start > end) return void res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
      return send(206, { 'Content-Length': end - start + 1, 'Content-Range': `bytes ${start}-${end}/${size}` }, { start, end });
    }
    send(200, { 'Content-Length': size });
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
  return server;
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
