import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { Updater, type Fetcher } from 'tuf-js';
import { DownloadHTTPError, DownloadLengthMismatchError } from 'tuf-js/dist/error.js';
import { TARGET_NAME, TARGETS_DIR } from './metadata';

/** Why a bundle was refused; the kiosk keeps its current content in every case. */
export type RejectReason =
  | 'signature' // bad, missing, too few signatures or unknown keys
  | 'expired'
  | 'rollback' // version not newer than the installed one
  | 'hash' // a file whose length or hash differs from the signed metadata
  | 'missing' // a metadata or content file is absent
  | 'schema' // the content does not validate
  | 'io'
  | 'other';

export class BundleRejected extends Error {
  constructor(readonly reason: RejectReason, message: string) {
    super(message);
    this.name = 'BundleRejected';
  }
}

/** The trusted TUF metadata the kiosk keeps between updates (JSON text per role file). */
export type TrustedMetadata = Partial<Record<'root.json' | 'timestamp.json' | 'snapshot.json' | 'targets.json', string>>;

/**
 * tuf-js fetcher for a bundle in a local directory (a USB drive, or a downloaded copy): a
 * missing file is a 404 so the root-rotation walk stops where the chain ends. Metadata is read into
 * memory once and verified from there; a file download goes to a private temporary copy first, so
 * what is verified is what is used.
 */
class DirectoryFetcher implements Fetcher {
  constructor(private readonly tmpDir: string) {}

  private stat(url: string, maxLength: number): string {
    const file = fileURLToPath(url);
    let size: number;
    try {
      size = fs.statSync(file).size;
    } catch {
      throw new DownloadHTTPError(`${path.basename(file)} not found`, 404);
    }
    if (size > maxLength) throw new DownloadLengthMismatchError(`${path.basename(file)} exceeds ${maxLength} bytes`);
    return file;
  }

  async downloadFile<T>(url: string, maxLength: number, handler: (file: string) => Promise<T>): Promise<T> {
    const src = this.stat(url, maxLength);
    const tmp = path.join(this.tmpDir, `dl-${path.basename(src)}`);
    fs.copyFileSync(src, tmp);
    try {
      return await handler(tmp);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }

  async downloadBytes(url: string, maxLength: number): Promise<Buffer> {
    return fs.readFileSync(this.stat(url, maxLength));
  }
}

export const classifyTufError = (err: unknown): BundleRejected => {
  if (err instanceof BundleRejected) return err;
  const e = err as Error;
  const name = e?.constructor?.name ?? 'Error';
  const msg = e?.message ?? String(err);
  if (name === 'ExpiredMetadataError' || /expired/i.test(msg)) return new BundleRejected('expired', msg);
  if (name === 'BadVersionError' || name === 'EqualVersionError') return new BundleRejected('rollback', msg);
  if (name === 'UnsignedMetadataError' || /signature|threshold|unsigned|signed by \d+\/\d+ keys/i.test(msg)) return new BundleRejected('signature', msg);
  if (name === 'LengthOrHashMismatchError' || name === 'DownloadLengthMismatchError' || /hash|length/i.test(msg)) return new BundleRejected('hash', msg);
  if (name === 'DownloadHTTPError' || /not found|ENOENT/.test(msg)) return new BundleRejected('missing', msg);
  if (/JSON|Unexpected token/i.test(msg)) return new BundleRejected('signature', `malformed metadata: ${msg}`);
  return new BundleRejected('other', `${name}: ${msg}`);
};

export interface VerifiedBundle {
  /** Version of the targets metadata = the content version. */
  readonly version: number;
  readonly expires: string;
  /** The verified content database, copied to the path the caller asked for. */
  readonly contentFile: string;
  /** The metadata to trust from now on (only to be stored once the content is live). */
  readonly trusted: TrustedMetadata;
  readonly custom: Record<string, unknown>;
}

/**
 * Verifies a bundle directory with tuf-js's Updater (root chain, thresholds, expiry, rollback,
 * lengths and hashes) against the metadata the kiosk trusts, in a scratch directory so nothing
 * trusted changes unless the caller later commits `trusted`.
 */
export async function verifyBundleDir(bundleDir: string, trusted: TrustedMetadata, stagingFile: string): Promise<VerifiedBundle> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-tuf-'));
  try {
    const metaDir = path.join(scratch, 'metadata');
    fs.mkdirSync(metaDir);
    if (!trusted['root.json']) throw new BundleRejected('signature', 'no trusted root');
    for (const [name, text] of Object.entries(trusted)) if (text) fs.writeFileSync(path.join(metaDir, name), text);
    if (!fs.existsSync(bundleDir)) throw new BundleRejected('missing', `bundle directory ${bundleDir} not found`);
    const base = pathToFileURL(path.resolve(bundleDir)).toString();
    const updater = new Updater({
      metadataDir: metaDir,
      metadataBaseUrl: base,
      targetBaseUrl: `${base}/${TARGETS_DIR}`,
      fetcher: new DirectoryFetcher(scratch),
      config: { targetsMaxLength: 50 * 1024 * 1024 },
    });
    try {
      await updater.refresh();
    } catch (err) {
      throw classifyTufError(err);
    }
    const info = await updater.getTargetInfo(TARGET_NAME);
    if (!info) throw new BundleRejected('missing', `${TARGET_NAME} is not listed in targets.json`);
    const targets = JSON.parse(fs.readFileSync(path.join(metaDir, 'targets.json'), 'utf8')) as { signed: { version: number; expires: string } };
    try {
      // One private copy, then tuf-js's length and hash check of exactly that copy (its own
      // downloadTarget would copy twice: into a temporary file, then to the destination).
      const source = path.join(bundleDir, TARGETS_DIR, TARGET_NAME);
      const size = fs.statSync(source, { throwIfNoEntry: false })?.size;
      if (size === undefined) throw new BundleRejected('missing', `${TARGETS_DIR}/${TARGET_NAME} not found`);
      if (size > info.length) throw new BundleRejected('hash', `${TARGET_NAME} is ${size} bytes, the signed metadata says ${info.length}`);
      fs.mkdirSync(path.dirname(stagingFile), { recursive: true });
      fs.copyFileSync(source, stagingFile);
      await info.verify(fs.createReadStream(stagingFile));
    } catch (err) {
      fs.rmSync(stagingFile, { force: true });
      throw classifyTufError(err);
    }
    const read = (n: keyof TrustedMetadata) => fs.readFileSync(path.join(metaDir, n), 'utf8');
    return {
      version: targets.signed.version,
      expires: targets.signed.expires,
      contentFile: stagingFile,
      trusted: { 'root.json': read('root.json'), 'timestamp.json': read('timestamp.json'), 'snapshot.json': read('snapshot.json'), 'targets.json': read('targets.json') },
      custom: (info.custom ?? {}) as Record<string, unknown>,
    };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
