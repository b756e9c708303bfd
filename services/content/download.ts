import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** What the content server publishes at `<url>/latest.json`: a pointer, verified later by TUF. */
export const latestPointer = z.object({
  version: z.number().int().positive(),
  path: z.string().regex(/^[A-Za-z0-9._/-]+$/).refine((p) => !p.split('/').includes('..'), 'no ..'),
  files: z.array(z.object({ name: z.string().regex(/^[A-Za-z0-9._/-]+$/).refine((p) => !p.split('/').includes('..')), length: z.number().int().nonnegative() })).min(1).max(100),
});
export type LatestPointer = z.infer<typeof latestPointer>;

export async function fetchLatest(baseUrl: string, signal?: AbortSignal): Promise<LatestPointer> {
  const res = await fetch(new URL('latest.json', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`), signal ? { signal } : {});
  if (!res.ok) throw new Error(`latest.json: HTTP ${res.status}`);
  return latestPointer.parse(await res.json());
}

/**
 * Downloads every file of a published bundle into `dir`, resuming partial files with HTTP Range
 * requests (a kiosk on a flaky link keeps what it already has). Lengths are checked here only to
 * know when a file is complete; authenticity is TUF's job afterwards.
 */
export async function downloadBundle(
  baseUrl: string,
  latest: LatestPointer,
  dir: string,
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  const base = new URL(`${latest.path.replace(/\/?$/, '/')}`, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  const total = latest.files.reduce((s, f) => s + f.length, 0);
  let done = 0;
  for (const f of latest.files) {
    const dest = path.join(dir, f.name);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    let have = fs.existsSync(dest) ? fs.statSync(dest).size : 0;
    if (have > f.length) {
      fs.rmSync(dest);
      have = 0;
    }
    if (have < f.length) {
      const res = await fetch(new URL(f.name, base), { headers: have > 0 ? { Range: `bytes=${have}-` } : {}, ...(signal ? { signal } : {}) });
      if (!res.ok || !res.body) throw new Error(`${f.name}: HTTP ${res.status}`);
      const append = have > 0 && res.status === 206;
      if (!append) have = 0;
      const out = fs.createWriteStream(dest, { flags: append ? 'a' : 'w' });
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
          have += chunk.length;
          onProgress?.(done + have, total);
          if (have > f.length) throw new Error(`${f.name}: longer than announced`);
        }
      } finally {
        await new Promise<void>((r) => out.end(() => r()));
      }
    }
    done += f.length;
    onProgress?.(done, total);
  }
}
