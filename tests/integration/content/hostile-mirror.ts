import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** How the mirror misbehaves; `normal` serves the repository folder as a static server would. */
export type MirrorMode =
  | { kind: 'normal' }
  /** Every target answers 200 and then never stops sending. */
  | { kind: 'endless-target' }
  /** A metadata file is sent huge (e.g. 40 MiB), streamed. */
  | { kind: 'huge'; file: string; bytes: number }
  /** A request is sent to another address instead of being answered. */
  | { kind: 'redirect'; file: string; to: string }
  /** Targets send `bytes` and then stall (keep the connection open, send nothing more). */
  | { kind: 'drip'; bytes: number }
  /** Targets send `bytes` and then end the response early. */
  | { kind: 'cut'; bytes: number }
  /** Some files are served from another copy of the repository (a frozen or mixed mirror). */
  | { kind: 'from'; dir: string; files: readonly string[] };

/**
 * A content mirror under test control: a real HTTP server on loopback in front of a repository folder,
 * that can turn hostile in the ways a compromised mirror or a bad network would. Counts what it sends.
 */
export class HostileMirror {
  mode: MirrorMode = { kind: 'normal' };
  readonly requests: Array<{ url: string; range: string | undefined }> = [];
  bytesSent = 0;
  private readonly server: http.Server;
  private readonly open = new Set<http.ServerResponse>();
  url = '';

  constructor(private readonly repo: string) {
    this.server = http.createServer((req, res) => this.handle(req, res));
  }

  async start(host = '127.0.0.1'): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, host, r));
    this.url = `http://${host}:${(this.server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    for (const r of this.open) r.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private write(res: http.ServerResponse, chunk: Buffer): boolean {
    this.bytesSent += chunk.length;
    return res.write(chunk);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\//, '');
    this.requests.push({ url: req.url ?? '', range: req.headers.range });
    this.open.add(res);
    res.on('close', () => this.open.delete(res));
    const m = this.mode;
    const isTarget = name.startsWith('targets/');
    if (m.kind === 'redirect' && name === m.file) return void res.writeHead(302, { Location: `${m.to}${name}` }).end();
    if (m.kind === 'huge' && name === m.file) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const block = Buffer.alloc(64 * 1024, 0x20);
      let left = m.bytes;
      const pump = (): void => {
        while (left > 0) {
          const n = Math.min(left, block.length);
          left -= n;
          if (!this.write(res, block.subarray(0, n))) return void res.once('drain', pump);
        }
        res.end();
      };
      return pump();
    }
    if (m.kind === 'endless-target' && isTarget) {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      const block = Buffer.alloc(64 * 1024, 0x41);
      const pump = (): void => {
        while (!res.destroyed) if (!this.write(res, block)) return void res.once('drain', pump);
      };
      return pump();
    }
    const dir = m.kind === 'from' && m.files.includes(name) ? m.dir : this.repo;
    const file = path.join(dir, name);
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return void res.writeHead(404).end();
    let body = fs.readFileSync(file);
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    if (start > 0) body = body.subarray(start);
    const head = { 'Content-Type': 'application/octet-stream', ...(start > 0 ? { 'Content-Range': `bytes ${start}-${start + body.length - 1}/${start + body.length}` } : {}) };
    if ((m.kind === 'drip' || m.kind === 'cut') && isTarget) {
      res.writeHead(start > 0 ? 206 : 200, head);
      this.write(res, body.subarray(0, m.bytes));
      if (m.kind === 'cut') res.end();
      return;
    }
    res.writeHead(start > 0 ? 206 : 200, { ...head, 'Content-Length': body.length });
    this.write(res, body);
    res.end();
  }
}

/** A copy of the repository as it is now (to replay later: a frozen or rolled-back mirror). */
export function snapshotOf(repo: string, into: string): string {
  fs.cpSync(repo, into, { recursive: true });
  return into;
}
