import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Fetcher } from 'tuf-js';
import { DownloadHTTPError, DownloadLengthMismatchError } from 'tuf-js/dist/error.js';
import { BundleRejected } from './rejection';

/**
 * tuf-js fetcher for a repository in a local directory (a USB drive, or a copied export). Only
 * regular files inside the directory are read: a FIFO would block the kiosk, a device or socket is no
 * bundle, and a link out of the tree could read anything on the machine. A missing file is a 404, so
 * the root-rotation walk stops where the chain ends; the caps are the same as over the network.
 */
export class DirectoryFetcher implements Fetcher {
  private readonly root: string;

  constructor(
    root: string,
    private readonly scratchDir: string,
  ) {
    this.root = fs.realpathSync(root);
  }

  private regularFile(url: string, maxLength: number): { file: string; size: number } {
    const file = fileURLToPath(url);
    let real: string;
    let stat: fs.Stats;
    try {
      fs.lstatSync(file);
    } catch {
      throw new DownloadHTTPError(`${path.basename(file)} not found`, 404);
    }
    try {
      real = fs.realpathSync(file);
      stat = fs.statSync(real);
    } catch {
      throw new BundleRejected('not-a-file', `${path.basename(file)} is a broken link`);
    }
    const rel = path.relative(this.root, real);
    if (rel.startsWith('..') || path.isAbsolute(rel)) throw new BundleRejected('not-a-file', `${path.basename(file)} lies outside the bundle directory`);
    if (!stat.isFile()) throw new BundleRejected('not-a-file', `${path.basename(file)} is not a regular file (a FIFO, device, socket or folder)`);
    if (stat.size > maxLength) throw new DownloadLengthMismatchError(`${path.basename(file)} exceeds ${maxLength} bytes`);
    return { file: real, size: stat.size };
  }

  /** Reads at most `maxLength + 1` bytes whatever the file grows to while it is read. */
  private readBounded(file: string, maxLength: number): Buffer {
    const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    try {
      const buf = Buffer.alloc(Math.min(maxLength + 1, 64 * 1024 * 1024));
      let n = 0;
      for (;;) {
        const r = fs.readSync(fd, buf, n, buf.length - n, null);
        if (r === 0) break;
        n += r;
        if (n > maxLength) throw new DownloadLengthMismatchError(`${path.basename(file)} exceeds ${maxLength} bytes`);
        if (n === buf.length) break;
      }
      return buf.subarray(0, n);
    } finally {
      fs.closeSync(fd);
    }
  }

  async downloadFile<T>(url: string, maxLength: number, handler: (file: string) => Promise<T>): Promise<T> {
    // A target's limit is its signed length: longer is a wrong file, not merely a big one.
    const { file } = this.regularFile(url, Number.MAX_SAFE_INTEGER);
    if (fs.statSync(file).size > maxLength) throw new BundleRejected('hash', `${path.basename(file)} is longer than its signed ${maxLength} bytes`);
    const tmp = path.join(this.scratchDir, `dl-${process.pid}-${path.basename(file)}`);
    // A private copy of exactly the bytes that are verified, so nothing can change them after the check.
    const src = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const dst = fs.openSync(tmp, 'w', 0o600);
    try {
      const chunk = Buffer.alloc(1 << 20);
      let total = 0;
      for (;;) {
        const r = fs.readSync(src, chunk, 0, chunk.length, null);
        if (r === 0) break;
        total += r;
        if (total > maxLength) throw new BundleRejected('hash', `${path.basename(file)} is longer than its signed ${maxLength} bytes`);
        fs.writeSync(dst, chunk, 0, r);
      }
    } finally {
      fs.closeSync(src);
      fs.closeSync(dst);
    }
    try {
      return await handler(tmp);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }

  async downloadBytes(url: string, maxLength: number): Promise<Buffer> {
    const { file } = this.regularFile(url, maxLength);
    return this.readBounded(file, maxLength);
  }
}
