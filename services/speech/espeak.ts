import { spawn } from 'node:child_process';

export interface SynthesisOptions {
  /** Path or name of the espeak-ng binary. */
  readonly binary: string;
  /** espeak-ng voice, e.g. `cmn` (Mandarin) or `en`. */
  readonly voice: string;
  /** Words per minute; espeak-ng's default (175) is fast for older listeners. */
  readonly wordsPerMinute: number;
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

export type SynthesisFailure = { kind: 'missing' | 'timeout' | 'too-large' | 'failed'; detail: string };

/**
 * Runs espeak-ng once: the text goes in on stdin (never on a command line, never through a shell,
 * so no text can become an option), the WAV comes back on stdout. Bounded in time and size.
 */
export function synthesize(text: string, o: SynthesisOptions): Promise<{ ok: true; wav: Buffer } | { ok: false; failure: SynthesisFailure }> {
  return new Promise((resolve) => {
    const child = spawn(o.binary, ['-v', o.voice, '-s', String(o.wordsPerMinute), '--stdout'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      shell: false,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let settled = false;
    const finish = (r: { ok: true; wav: Buffer } | { ok: false; failure: SynthesisFailure }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null) child.kill('SIGKILL');
      resolve(r);
    };
    const timer = setTimeout(() => finish({ ok: false, failure: { kind: 'timeout', detail: `no result within ${o.timeoutMs} ms` } }), o.timeoutMs);
    child.on('error', (err: NodeJS.ErrnoException) =>
      finish({ ok: false, failure: { kind: err.code === 'ENOENT' ? 'missing' : 'failed', detail: err.message } }),
    );
    child.stdout.on('data', (c: Buffer) => {
      size += c.length;
      if (size > o.maxBytes) finish({ ok: false, failure: { kind: 'too-large', detail: `audio over ${o.maxBytes} bytes` } });
      else chunks.push(c);
    });
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-500)));
    child.on('close', (code) => {
      const wav = Buffer.concat(chunks);
      if (code === 0 && wav.length > 44 && wav.subarray(0, 4).toString('ascii') === 'RIFF') finish({ ok: true, wav });
      else finish({ ok: false, failure: { kind: 'failed', detail: `espeak-ng exited with ${code}: ${stderr.trim()}` } });
    });
    child.stdin.on('error', () => undefined); // the child may exit before reading everything
    child.stdin.end(text, 'utf8');
  });
}
