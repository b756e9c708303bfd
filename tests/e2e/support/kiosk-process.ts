import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '..', '..', '..');

export interface KioskProcess {
  readonly url: string;
  /** Whether it printed `Kiosk ready` (false: `Kiosk not ready at …`, the maintenance screen). */
  readonly ready: boolean;
  /** The host's process id (its simulators, in the demo, are its children). */
  readonly pid: number;
  readonly dataDir: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts the compiled host (dist/node/host.mjs) as a real child process, exactly as `npm run kiosk` does
 * after its build steps (demo profile unless KIOSK_PROFILE says otherwise), on a free port with a
 * temporary data directory, and waits for the line that gives its URL.
 */
export async function startKiosk(env: Record<string, string> = {}, dataDir?: string): Promise<KioskProcess> {
  const rendererIndex = path.join(projectRoot, 'dist', 'renderer', 'index.html');
  if (!fs.existsSync(rendererIndex)) throw new Error('renderer not built: run "npm run build:renderer" (npm test does it)');
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-'));
  const host = path.join(projectRoot, 'dist', 'node', 'host.mjs');
  if (!fs.existsSync(host)) throw new Error('host not built: run "npm run build:node" (npm test does it)');
  const child: ChildProcess = spawn(process.execPath, [host, '--default-profile', 'demo'], {
    cwd: projectRoot,
    // The journeys were written against a reader that finds a card lying on it again (removal seen);
    // a test of the other kind of reader passes KIOSK_READER_REMOVAL=unreliable.
    env: { ...process.env, KIOSK_PORT: '0', KIOSK_DATA_DIR: dir, KIOSK_READER_REMOVAL: 'reliable', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const { url, ready } = await new Promise<{ url: string; ready: boolean }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kiosk did not start in time:\n${out}`)), 90_000);
    const check = (): void => {
      const m = /Kiosk (not )?ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m?.[2]) {
        clearTimeout(timer);
        resolve({ url: m[2], ready: m[1] === undefined });
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kiosk exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    ready,
    pid: child.pid!,
    dataDir: dir,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }, 5000).unref();
      }),
  };
}

/**
 * Calls a bridge method on a running kiosk over its HTTP transport, as the renderer would (same Origin),
 * and answers its value; a refused call throws. Tests take expected values from here, not from lists.
 */
export async function kioskApi<T>(kiosk: KioskProcess, method: string, input: unknown = {}): Promise<T> {
  const res = await fetch(`${kiosk.url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: kiosk.url, 'x-kiosk-capability': await pageCapability(kiosk.url) },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value?: T; error?: unknown };
  if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.value as T;
}

const capabilities = new Map<string, Promise<string>>();
/** The capability the host writes into the page it serves (what the renderer sends with every call). */
export function pageCapability(url: string): Promise<string> {
  let c = capabilities.get(url);
  if (!c) {
    c = fetch(`${url}/`).then(async (r) => {
      const m = /<meta name="kiosk-capability" content="([^"]+)"/.exec(await r.text());
      if (!m?.[1]) throw new Error(`${url}/ carries no capability`);
      return m[1];
    });
    capabilities.set(url, c);
  }
  return c;
}
