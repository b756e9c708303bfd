import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A linked pair of pseudo-terminals made by `socat` (the notes' test rig). Both ends get stable
 * symlinks, and `ignoreeof` keeps the pair alive when one side closes, so a simulator can be killed
 * and restarted on the same path while the kiosk keeps its end open.
 */
export interface PtyPair {
  /** The end the kiosk's driver opens. */
  readonly hostPath: string;
  /** The end the simulator opens. */
  readonly devicePath: string;
  readonly pid: number;
  close(): Promise<void>;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;
const installExitHook = (): void => {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // No orphans: whatever is still running when this process exits goes with it.
  process.once('exit', () => {
    for (const child of live) child.stdin?.end();
  });
};

export interface PtyPairOptions {
  /** Folder for the symlinks (default: a fresh temp folder). */
  readonly dir?: string;
  /** Name stem of the symlinks, e.g. `idReader` → `idReader.host`, `idReader.device`. */
  readonly name?: string;
  /** How long socat may take to open its PTYs (default 15 s: a loaded machine is slow, not broken). */
  readonly timeoutMs?: number;
}

export async function createPtyPair(options: PtyPairOptions = {}): Promise<PtyPair> {
  installExitHook();
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-pty-'));
  fs.mkdirSync(dir, { recursive: true });
  const stem = options.name ?? 'dev';
  const hostPath = path.join(dir, `${stem}.host`);
  const devicePath = path.join(dir, `${stem}.device`);
  for (const p of [hostPath, devicePath]) fs.rmSync(p, { force: true });
  // socat runs under a small shell that waits on our stdin pipe: when this process dies, even by
  // SIGKILL, the pipe closes and the shell stops socat, so no PTY pair outlives its owner.
  const child = spawn(
    'sh',
    ['-c', 'socat "$@" & s=$!; read _ignored; kill $s 2>/dev/null; wait $s', 'socat-pty',
      '-d', '-d', `pty,raw,echo=0,ignoreeof,link=${hostPath}`, `pty,raw,echo=0,ignoreeof,link=${devicePath}`],
    { stdio: ['pipe', 'ignore', 'pipe'] },
  );
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => live.delete(child));
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => {
      child.stdin!.end();
      reject(new Error(`socat did not start within ${options.timeoutMs ?? 15_000} ms: ${log.trim()}`));
    }, options.timeoutMs ?? 15_000);
    child.stderr!.on('data', (d: Buffer) => {
      log += d.toString();
      if (log.includes('starting data transfer loop')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot run socat (is it installed?): ${err.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`socat exited with ${code}: ${log.trim()}`));
    });
  });
  child.stderr!.resume();
  return {
    hostPath,
    devicePath,
    pid: child.pid!,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) child.stdin!.end();
      await exited;
      for (const p of [hostPath, devicePath]) fs.rmSync(p, { force: true });
    },
  };
}
