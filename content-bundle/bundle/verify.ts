import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BundleRejected } from '../channel/rejection';
import { UpdateChannel, type ChannelLimits, type TrustedMetadata } from '../channel/update-channel';
import type { SignedTarget } from '../channel/targets';

export { BundleRejected, classifyTufError, type RejectReason } from '../channel/rejection';
export type { TrustedMetadata } from '../channel/update-channel';

export interface VerifiedBundle {
  /** The content version the signed target carries. */
  readonly version: number;
  readonly expires: string;
  /** The verified content database, copied to the path the caller asked for. */
  readonly contentFile: string;
  /** The metadata to trust from now on (only to be stored once the content is live). */
  readonly trusted: TrustedMetadata;
  readonly target: SignedTarget;
}

/** The newest content target of a refreshed channel, or null. */
export const newestContent = (targets: readonly SignedTarget[]): Extract<SignedTarget, { kind: 'content' }> | null =>
  targets.filter((t): t is Extract<SignedTarget, { kind: 'content' }> => t.kind === 'content').sort((a, b) => b.version - a.version)[0] ?? null;

/**
 * Verifies a bundle directory (a USB drive, an operator's export) through the same update channel the
 * kiosk uses on the network: the TUF client workflow against the metadata the kiosk trusts, regular
 * files only, the same caps; the newest content target is copied to `stagingFile` and checked against
 * its signed length and hash. Nothing trusted changes unless the caller later commits `trusted`.
 */
export async function verifyBundleDir(bundleDir: string, trusted: TrustedMetadata, stagingFile: string, limits: Partial<ChannelLimits> = {}): Promise<VerifiedBundle> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-import-'));
  const channel = new UpdateChannel({ kind: 'directory', dir: bundleDir }, work, limits);
  try {
    const refreshed = await channel.refresh(trusted);
    const target = newestContent(refreshed.targets);
    if (!target) throw new BundleRejected('missing', 'the signed targets list no content');
    await channel.fetch(target, stagingFile);
    return { version: target.version, expires: refreshed.expires, contentFile: stagingFile, trusted: refreshed.trusted, target };
  } finally {
    channel.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
