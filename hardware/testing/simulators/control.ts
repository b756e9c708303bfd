import http from 'node:http';
import readline from 'node:readline';

/** A control action: takes the parsed JSON body, returns a JSON-able answer (or throws a ControlError). */
export type ControlRoute = (body: Record<string, unknown>) => unknown;
export class ControlError extends Error {}

/**
 * Loopback HTTP control channel (`POST /card/insert {"card":"valid"}` …) and the same actions from
 * stdin (`card/insert {"card":"valid"}` per line). Only 127.0.0.1 is bound.
 */
export async function startControl(routes: Record<string, ControlRoute>, port = 0): Promise<{ url: string; close(): Promise<void> }> {
  const run = async (key: string, body: Record<string, unknown>): Promise<{ status: number; json: unknown }> => {
    const route = routes[key];
    if (!route) return { status: 404, json: { error: `no control action ${key}`, actions: Object.keys(routes) } };
    try {
      return { status: 200, json: (await route(body)) ?? { ok: true } };
    } catch (err) {
      return { status: err instanceof ControlError ? 400 : 500, json: { error: err instanceof Error ? err.message : String(err) } };
    }
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => {
      raw += d.toString();
      if (raw.length > 65536) req.destroy();
    });
    req.on('end', async () => {
      let body: Record<string, unknown>;
      try {
        const parsed: unknown = raw ? JSON.parse(raw) : {};
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
        else throw new Error('body must be a JSON object');
      } catch (err) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(err) }));
        return;
      }
      const pathname = new URL(req.url ?? '/', 'http://x').pathname;
      const { status, json } = await run(`${req.method} ${pathname}`, body);
      if (Buffer.isBuffer(json)) res.writeHead(status, { 'content-type': 'image/png' }).end(json);
      else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const addr = server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : port}`;

  const rl = readline.createInterface({ input: process.stdin, terminal: false });
  rl.on('line', async (line) => {
    const m = /^\s*(?:(GET|POST)\s+)?\/?(\S+)\s*(.*)$/.exec(line);
    if (!m) return;
    let body: Record<string, unknown>;
    try {
      body = m[3] ? (JSON.parse(m[3]) as Record<string, unknown>) : {};
    } catch {
      process.stdout.write(`${JSON.stringify({ error: 'arguments must be JSON' })}\n`);
      return;
    }
    const { json } = await run(`${m[1] ?? (m[2]!.endsWith('last') ? 'GET' : 'POST')} /${m[2]}`, body);
    process.stdout.write(`${JSON.stringify(Buffer.isBuffer(json) ? { png: json.length } : json)}\n`);
  });
  return {
    url,
    close: () => {
      rl.close();
      return new Promise((r) => server.close(() => r()));
    },
  };
}
