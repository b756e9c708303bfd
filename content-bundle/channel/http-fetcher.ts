import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Fetcher } from 'tuf-js';
import { DownloadHTTPError, DownloadLengthMismatchError } from 'tuf-js/dist/error.js';
import { BundleRejected } from './rejection';

export interface HttpFetcherOptions {
  /** The repository: every request stays under this URL (same origin, same path prefix). */
  readonly baseUrl: string;
  /** Where partial target downloads wait to be resumed. */
  readonly partialDir: string;
  /** A response that sends nothing for this long is abandoned (a slow drip), default 15 s. */
  readonly idleTimeoutMs?: number;
  /** No single file may take longer than this, default 10 minutes. */
  readonly fileTimeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/**
 * The kiosk's HTTP fetcher for tuf-js. It trusts nothing the mirror says before TUF does: requests go
 * only under the configured repository URL (redirects are refused, never followed), every read stops
 * at the length TUF allows (a metadata cap, or a target's signed length) however much the mirror
 * sends, a response that stalls is abandoned, and target downloads resume where they stopped.
 */
export class HttpFetcher implements Fetcher {
  private readonly base: URL;

  constructor(private readonly o: HttpFetcherOptions) {
    this.base = new URL(o.baseUrl.endsWith('/') ? o.baseUrl : `${o.baseUrl}/`);
    fs.mkdirSync(o.partialDir, { recursive: true, mode: 0o700 });
  }

  /** The URL, if it lies under the repository; anything else is refused before a byte is sent. */
  private checked(raw: string): URL {
    const url = new URL(raw);
    const inside = url.origin === this.base.origin && url.pathname.startsWith(this.base.pathname) && !url.pathname.split('/').includes('..');
    if (!inside || url.username || url.password) throw new BundleRejected('redirect', `refused a request outside the repository: ${url.origin}${url.pathname}`);
    return url;
  }

  /** Opens a response, refusing redirects, with an abort that fires when the body stalls or takes too long. */
  private async open(url: URL, headers: Record<string, string>): Promise<{ res: Response; idle: () => void; done: () => void; signal: AbortSignal }> {
    const controller = new AbortController();
    const idleMs = this.o.idleTimeoutMs ?? 15_000;
    let idleTimer = setTimeout(() => controller.abort(new BundleRejected('stalled', `${url.pathname}: no data for ${idleMs} ms`)), idleMs);
    const fileTimer = setTimeout(
      () => controller.abort(new BundleRejected('stalled', `${url.pathname}: not complete within ${this.o.fileTimeoutMs ?? 600_000} ms`)),
      this.o.fileTimeoutMs ?? 600_000,
    );
    const done = (): void => {
      clearTimeout(idleTimer);
      clearTimeout(fileTimer);
    };
    const idle = (): void => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => controller.abort(new BundleRejected('stalled', `${url.pathname}: no data for ${idleMs} ms`)), idleMs);
    };
    let res: Response;
    try {
      res = await (this.o.fetch ?? fetch)(url, { headers, redirect: 'manual', signal: controller.signal });
    } catch (err) {
      done();
      if (controller.signal.aborted) throw controller.signal.reason;
      throw new BundleRejected('unreachable', `${url.origin}: ${(err as Error).message}`);
    }
    if (res.status >= 300 && res.status < 400) {
      done();
      await res.body?.cancel().catch(() => undefined);
      throw new BundleRejected('redirect', `${url.pathname}: the mirror answered ${res.status} (to ${res.headers.get('location') ?? '?'}); redirects are not followed`);
    }
    return { res, idle, done, signal: controller.signal };
  }

  /** Reads a body chunk by chunk, handing each on, until it ends or passes `limit` bytes. */
  private async *chunks(res: Response, idle: () => void, signal: AbortSignal): AsyncGenerator<Uint8Array> {
    const reader = res.body?.getReader();
    if (!reader) return;
    try {
      for (;;) {
        let next: Awaited<ReturnType<typeof reader.read>>;
        try {
          next = await reader.read();
        } catch (err) {
          throw signal.aborted ? signal.reason : new BundleRejected('unreachable', (err as Error).message);
        }
        if (next.done) return;
        idle();
        yield next.value;
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
  }

  async downloadBytes(rawUrl: string, maxLength: number): Promise<Buffer> {
    const url = this.checked(rawUrl);
    const { res, idle, done, signal } = await this.open(url, {});
    try {
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        throw new DownloadHTTPError(`${url.pathname}: HTTP ${res.status}`, res.status);
      }
      if (Number(res.headers.get('content-length')) > maxLength) throw new DownloadLengthMismatchError(`${url.pathname} exceeds ${maxLength} bytes`);
      const parts: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of this.chunks(res, idle, signal)) {
        size += chunk.length;
        // The cap, not the mirror, decides how much is held in memory.
        if (size > maxLength) throw new DownloadLengthMismatchError(`${url.pathname} exceeds ${maxLength} bytes`);
        parts.push(chunk);
      }
      return Buffer.concat(parts);
    } finally {
      done();
    }
  }

  async downloadFile<T>(rawUrl: string, maxLength: number, handler: (file: string) => Promise<T>): Promise<T> {
    const url = this.checked(rawUrl);
    // One partial file per target and signed length: a different version never resumes another's bytes.
    const partial = path.join(this.o.partialDir, `${crypto.createHash('sha256').update(`${url.pathname}\n${maxLength}`).digest('hex').slice(0, 32)}.part`);
    let have = fs.existsSync(partial) ? fs.statSync(partial).size : 0;
    if (have > maxLength) {
      fs.rmSync(partial);
      have = 0;
    }
    if (have < maxLength) {
      const { res, idle, done, signal } = await this.open(url, have > 0 ? { Range: `bytes=${have}-` } : {});
      try {
        if (!res.ok) {
          await res.body?.cancel().catch(() => undefined);
          throw new DownloadHTTPError(`${url.pathname}: HTTP ${res.status}`, res.status);
        }
        if (res.status !== 206) have = 0;
        const fd = fs.openSync(partial, have > 0 ? 'a' : 'w', 0o600);
        try {
          for await (const chunk of this.chunks(res, idle, signal)) {
            const room = maxLength - have;
            // The signed length is the end: bytes beyond it are never written, and the download stops.
            fs.writeSync(fd, chunk, 0, Math.min(room, chunk.length));
            have += Math.min(room, chunk.length);
            if (chunk.length > room) throw new BundleRejected('hash', `${url.pathname}: the mirror sent more than the signed ${maxLength} bytes`);
          }
        } finally {
          fs.closeSync(fd);
        }
        // A response that ended early is kept and resumed at the next try.
        if (have < maxLength) throw new BundleRejected('stalled', `${url.pathname}: ended after ${have} of ${maxLength} bytes; will resume`);
      } catch (err) {
        // Overlong data is wrong data; a stall or a broken connection keeps what came for the next try.
        if (err instanceof BundleRejected && err.reason === 'hash') fs.rmSync(partial, { force: true });
        throw err;
      } finally {
        done();
      }
    }
    try {
      return await handler(partial);
    } finally {
      // Verified and copied, or refused: either way these bytes are not needed again.
      fs.rmSync(partial, { force: true });
    }
  }
}
