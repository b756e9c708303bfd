import fs from 'node:fs';
import path from 'node:path';
import type { OperatorKey } from './keys';
import { sha256File, signRepository, TARGETS_DIR, type TargetEntry } from './metadata';

type Json = Record<string, unknown>;

/** What an operator adds to the repository: a content database or an app build, with its version. */
export type Publication =
  | { readonly kind: 'content'; readonly file: string; readonly version: number; readonly channel?: string }
  | { readonly kind: 'app'; readonly file: string; readonly version: string; readonly channel?: string };

export interface PublishOptions {
  readonly signers: readonly OperatorKey[];
  readonly roots: readonly Json[];
  readonly expires: Date;
  /** Short, so a frozen mirror is noticed soon; renewed with `renewTimestamp` on a schedule. */
  readonly timestampExpires: Date;
  /** Content versions kept for staged rollouts (rings on older versions still fetch theirs). Default 3. */
  readonly keepContent?: number;
}

const readTargets = (repo: string): { version: number; targets: TargetEntry[] } => {
  const file = path.join(repo, 'targets.json');
  if (!fs.existsSync(file)) return { version: 0, targets: [] };
  const t = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    signed: { version: number; targets: Record<string, { length: number; hashes: { sha256: string }; custom?: Json }> };
  };
  return {
    version: t.signed.version,
    targets: Object.entries(t.signed.targets).map(([name, v]) => ({ name, length: v.length, sha256: v.hashes.sha256, custom: v.custom ?? {} })),
  };
};

const contentVersion = (t: TargetEntry): number | null => (t.custom.kind === 'content' && typeof t.custom.version === 'number' ? t.custom.version : null);

/**
 * Adds a content database or an app build to a TUF repository that any static HTTP server, object
 * store or CDN can serve (the kiosks' update channel): the file goes under `targets/` first, then the
 * metadata is re-signed with the next version (timestamp last). Older content versions beyond
 * `keepContent` leave the signed list, then the disk.
 */
export async function publishToRepository(repo: string, add: Publication, o: PublishOptions): Promise<{ name: string; metadataVersion: number; removed: string[] }> {
  const current = readTargets(repo);
  const name = add.kind === 'content' ? `content/v${add.version}/content.db` : `app/${add.version}/${path.basename(add.file)}`;
  if (current.targets.some((t) => t.name === name)) throw new Error(`${name} is already published; publish a new version`);
  if (add.kind === 'content') {
    const newest = Math.max(0, ...current.targets.map((t) => contentVersion(t) ?? 0));
    if (add.version <= newest) throw new Error(`content version ${add.version} is not newer than the published ${newest}`);
  }
  const dest = path.join(repo, TARGETS_DIR, name);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.${process.pid}.tmp`;
  fs.copyFileSync(add.file, tmp);
  fs.renameSync(tmp, dest);
  const digest = await sha256File(dest);
  const custom: Json = { kind: add.kind, version: add.version, channel: add.channel ?? 'stable' };
  const keep = o.keepContent ?? 3;
  const contents = [...current.targets, { name, ...digest, custom }]
    .filter((t) => contentVersion(t) !== null)
    .sort((a, b) => (contentVersion(b) ?? 0) - (contentVersion(a) ?? 0));
  const dropped = new Set(contents.slice(keep).map((t) => t.name));
  const entries = [...current.targets.filter((t) => !dropped.has(t.name)), ...(dropped.has(name) ? [] : [{ name, ...digest, custom }])];
  // Never below the newest content version: a kiosk that took a single signed bundle (a USB drive, the
  // demo's sample: metadata version = content version) then trusts this repository's metadata as newer.
  const metadataVersion = Math.max(current.version + 1, ...entries.map((t) => contentVersion(t) ?? 0));
  signRepository(repo, { version: metadataVersion, expires: o.expires, timestampExpires: o.timestampExpires, signers: o.signers, roots: o.roots }, entries);
  // Only once the signed list no longer names them.
  for (const n of dropped) fs.rmSync(path.join(repo, TARGETS_DIR, n), { force: true });
  return { name, metadataVersion, removed: [...dropped] };
}

/**
 * Copies a repository for a USB drive: its metadata and the newest content target (and app builds when
 * asked), in the same layout, so a kiosk imports it through the same channel and trust as the mirror.
 */
export function exportRepository(repo: string, out: string, o: { apps?: boolean } = {}): string[] {
  const { targets } = readTargets(repo);
  const newest = targets.filter((t) => contentVersion(t) !== null).sort((a, b) => (contentVersion(b) ?? 0) - (contentVersion(a) ?? 0))[0];
  const chosen = [...(newest ? [newest] : []), ...(o.apps ? targets.filter((t) => t.custom.kind === 'app') : [])];
  fs.mkdirSync(path.join(out, TARGETS_DIR), { recursive: true });
  for (const f of fs.readdirSync(repo)) if (f.endsWith('.json')) fs.copyFileSync(path.join(repo, f), path.join(out, f));
  for (const t of chosen) {
    const dest = path.join(out, TARGETS_DIR, t.name);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(path.join(repo, TARGETS_DIR, t.name), dest);
  }
  return chosen.map((t) => t.name);
}
