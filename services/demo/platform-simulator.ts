import { spawn, type ChildProcess } from 'node:child_process';
import { nodeProgram } from '../../kernel/node/project-root';
import { projectRoot } from '../config';

export interface SimulatorProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts `platform-sim/cli.ts` as a child process on a free loopback port and waits for its
 * READY line. The kiosk's public key is registered at start, as a real platform would have it
 * provisioned.
 */
export function startPlatformSimulator(kioskKeys: Record<string, string>, timeoutMs = 20_000): Promise<SimulatorProcess> {
  const child: ChildProcess = spawn(process.execPath, [...nodeProgram(projectRoot, import.meta.url, 'platform-sim/cli.ts', 'platform-sim.mjs'), '--port', '0'], {
    cwd: projectRoot,
    env: { ...process.env, PLATFORM_SIM_KIOSK_KEYS: JSON.stringify(kioskKeys), PLATFORM_SIM_EXIT_WITH_PARENT: '1' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('platform simulator did not start in time'));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`platform simulator exited with code ${code}`));
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const m = /PLATFORM_SIM_READY (\S+)/.exec(buffer);
      if (!m?.[1]) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout?.removeAllListeners('data');
      child.stdout?.resume();
      resolve({
        url: m[1],
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 3_000).unref();
          }),
      });
    });
  });
}
