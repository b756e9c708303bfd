import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Updater, type Fetcher } from 'tuf-js';
import { DirectoryFetcher } from './directory-fetcher';
import { HttpFetcher } from './http-fetcher';
import { BundleRejected, classifyTufError } from './rejection';
import { targetName, targetsOf, type SignedTarget } from './targets';

/** The TUF metadata a kiosk trusts between updates (JSON text per role file). */
export type TrustedMetadata = Partial<Record<'root.json' | 'timestamp.json' | 'snapshot.json' | 'targets.json', string>>;

/** How much of each kind of file the kiosk reads at most, whatever a mirror or a drive offers. */
export interface ChannelLimits {
  readonly rootMaxLength: number;
  readonly timestampMaxLength: number;
  readonly snapshotMaxLength: number;
  readonly targetsMaxLength: number;
  readonly contentMaxLength: number;
  readonly appMaxLength: number;
}

export const DEFAULT_LIMITS: ChannelLimits = {
  rootMaxLength: 512 * 1024,
  timestampMaxLength: 16 * 1024,
  snapshotMaxLength: 1024 * 1024,
  targetsMaxLength: 4 * 1024 * 1024,
  contentMaxLength: 512 * 1024 * 1024,
  appMaxLength: 1024 * 1024 * 1024,
};

/** Where updates come from: a repository on HTTP(S) (the mirror), or a directory (a USB drive). */
export type ChannelSource =
  | { readonly kind: 'http'; readonly baseUrl: string; readonly idleTimeoutMs?: number; readonly fileTimeoutMs?: number; readonly fetch?: typeof fetch }
  | { readonly kind: 'directory'; readonly dir: string };

export interface RefreshedChannel {
  /** The metadata to trust from now on (store it: rollback and freeze protection build on it). */
  readonly trusted: TrustedMetadata;
  /** Every usable target the signed targets metadata lists. */
  readonly targets: readonly SignedTarget[];
  /** The earliest expiry of the timestamp, snapshot and targets metadata: past it, the mirror is frozen or stale. */
  readonly expires: string;
  readonly metadataVersion: number;
}

const ROLES = ['root.json', 'timestamp.json', 'snapshot.json', 'targets.json'] as const;

/** The earliest `signed.expires` of trusted metadata (root excluded: it rotates on its own schedule). */
export function earliestExpiry(trusted: TrustedMetadata): string | null {
  const dates = (['timestamp.json', 'snapshot.json', 'targets.json'] as const)
    .map((r) => trusted[r])
    .filter((t): t is string => typeof t === 'string')
    .map((t) => (JSON.parse(t) as { signed: { expires: string } }).signed.expires)
    .sort();
  return dates[0] ?? null;
}

/**
 * One update channel for content bundles and app builds: every refresh runs the TUF client workflow
 * (root rotation → timestamp → snapshot → targets; signatures, thresholds, versions and expiry checked
 * each time, so a frozen mirror is noticed even when nothing is new); what to install is named only by
 * signed targets metadata; downloads are bounded by the signed length and checked against the signed hash.
 */
export class UpdateChannel {
  private updater: Updater | null = null;
  private scratch: string | null = null;
  private readonly limits: ChannelLimits;

  constructor(
    private readonly source: ChannelSource,
    private readonly workDir: string,
    limits: Partial<ChannelLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    fs.mkdirSync(workDir, { recursive: true, mode: 0o700 });
  }

  private fetcher(scratch: string): Fetcher {
    if (this.source.kind === 'directory') return new DirectoryFetcher(this.source.dir, scratch);
    return new HttpFetcher({
      baseUrl: this.source.baseUrl,
      partialDir: path.join(this.workDir, 'partial'),
      ...(this.source.idleTimeoutMs !== undefined ? { idleTimeoutMs: this.source.idleTimeoutMs } : {}),
      ...(this.source.fileTimeoutMs !== undefined ? { fileTimeoutMs: this.source.fileTimeoutMs } : {}),
      ...(this.source.fetch ? { fetch: this.source.fetch } : {}),
    });
  }

  private baseUrl(): string {
    if (this.source.kind === 'http') return this.source.baseUrl.replace(/\/+$/, '');
    if (!fs.existsSync(this.source.dir)) throw new BundleRejected('missing', `bundle directory ${this.source.dir} not found`);
    return pathToFileURL(path.resolve(this.source.dir)).toString();
  }

  /** Runs the TUF client workflow against the source, starting from what the kiosk trusts. */
  async refresh(trusted: TrustedMetadata): Promise<RefreshedChannel> {
    this.close();
    if (!trusted['root.json']) throw new BundleRejected('signature', 'no trusted root');
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-tuf-'));
    this.scratch = scratch;
    const metaDir = path.join(scratch, 'metadata');
    fs.mkdirSync(metaDir);
    for (const [name, text] of Object.entries(trusted)) if (text) fs.writeFileSync(path.join(metaDir, name), text);
    const base = this.baseUrl();
    const updater = new Updater({
      metadataDir: metaDir,
      metadataBaseUrl: base,
      targetBaseUrl: `${base}/targets`,
      fetcher: this.fetcher(scratch),
      config: {
        rootMaxLength: this.limits.rootMaxLength,
        timestampMaxLength: this.limits.timestampMaxLength,
        snapshotMaxLength: this.limits.snapshotMaxLength,
        targetsMaxLength: this.limits.targetsMaxLength,
      },
    });
    try {
      await updater.refresh();
    } catch (err) {
      throw classifyTufError(err);
    }
    this.updater = updater;
    const next: TrustedMetadata = {};
    for (const r of ROLES) {
      const file = path.join(metaDir, r);
      if (fs.existsSync(file)) next[r] = fs.readFileSync(file, 'utf8');
    }
    const targetsText = next['targets.json'];
    if (!targetsText) throw new BundleRejected('missing', 'targets.json was not loaded');
    return {
      trusted: next,
      targets: targetsOf(targetsText),
      expires: earliestExpiry(next) ?? new Date(0).toISOString(),
      metadataVersion: (JSON.parse(targetsText) as { signed: { version: number } }).signed.version,
    };
  }

  /** Downloads a target the last refresh listed into `dest`, verified against its signed length and hash. */
  async fetch(target: SignedTarget, dest: string): Promise<void> {
    const updater = this.updater;
    if (!updater) throw new Error('refresh the channel before fetching a target');
    if (!targetName.safeParse(target.name).success) throw new BundleRejected('other', `target name ${JSON.stringify(target.name)} refused`);
    const cap = target.kind === 'app' ? this.limits.appMaxLength : this.limits.contentMaxLength;
    if (target.length > cap) throw new BundleRejected('too-large', `${target.name} is signed as ${target.length} bytes, above the ${cap}-byte cap for ${target.kind}`);
    const info = await updater.getTargetInfo(target.name);
    if (!info) throw new BundleRejected('missing', `${target.name} is not listed in the signed targets`);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    try {
      await updater.downloadTarget(info, dest);
    } catch (err) {
      fs.rmSync(dest, { force: true });
      throw classifyTufError(err);
    }
  }

  /** Drops the scratch metadata of the last refresh. */
  close(): void {
    this.updater = null;
    if (this.scratch) fs.rmSync(this.scratch, { recursive: true, force: true });
    this.scratch = null;
  }
}
