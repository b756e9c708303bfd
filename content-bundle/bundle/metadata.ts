import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Metadata, MetadataKind, Signature } from '@tufjs/models';
import { keyIdOf, signBytes, tufKeyJson, type OperatorKey } from './keys';

export const SPEC_VERSION = '1.0.31';
export const TARGET_NAME = 'content.db';
export const TARGETS_DIR = 'targets';

type Json = Record<string, unknown>;

const signMetadata = (kind: MetadataKind, signed: Json, signers: readonly OperatorKey[]): Json => {
  const md = Metadata.fromJSON(kind as MetadataKind.Root, { signed, signatures: [] } as never);
  for (const key of signers) md.sign((data) => new Signature({ keyID: key.keyid, sig: signBytes(key, data) }), true);
  return md.toJSON() as Json;
};

export interface RootSpec {
  readonly version: number;
  readonly expires: Date;
  readonly keys: readonly OperatorKey[];
  readonly threshold: number;
}

/**
 * Root metadata: pins the operators' keys and the signature threshold for every role. One set of
 * operator keys holds all four roles (small deployments); the threshold applies to each.
 */
export function buildRoot(spec: RootSpec, signers: readonly OperatorKey[]): Json {
  if (spec.threshold < 1 || spec.threshold > spec.keys.length) throw new Error('threshold must be between 1 and the number of keys');
  const keyids = spec.keys.map((k) => keyIdOf(k.public));
  const role = { keyids, threshold: spec.threshold };
  const signed = {
    _type: 'root',
    spec_version: SPEC_VERSION,
    version: spec.version,
    expires: isoSeconds(spec.expires),
    consistent_snapshot: false,
    keys: Object.fromEntries(spec.keys.map((k) => [keyIdOf(k.public), tufKeyJson(k)])),
    roles: { root: role, targets: role, snapshot: role, timestamp: role },
  };
  return signMetadata(MetadataKind.Root, signed, signers);
}

const isoSeconds = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`;

export interface SignSpec {
  /** The version of the targets, snapshot and timestamp metadata (and, for a bundle, of its content). */
  readonly version: number;
  readonly expires: Date;
  /** The timestamp's expiry, usually much shorter: a mirror that stops serving fresh ones is noticed. Default: `expires`. */
  readonly timestampExpires?: Date;
  readonly signers: readonly OperatorKey[];
  /** Every root from 1 to the current one, so a kiosk on an older root can walk the rotation chain. */
  readonly roots: readonly Json[];
}

/** Streams a file through SHA-256 (the files can be large). */
export async function sha256File(file: string): Promise<{ length: number; sha256: string }> {
  const hash = crypto.createHash('sha256');
  let length = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    length += (chunk as Buffer).length;
  }
  return { length, sha256: hash.digest('hex') };
}

/** One target as signed: its name under `targets/`, length, hash and custom fields (kind, version, channel). */
export interface TargetEntry {
  readonly name: string;
  readonly length: number;
  readonly sha256: string;
  readonly custom: Json;
}

/** Writes a file through a temporary name and a rename: a reader never sees half of it. */
const writeAtomically = (file: string, text: string): void => {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
};

/**
 * Writes the signed metadata of a TUF repository in `dir` whose target files are already in place under
 * `targets/`: the root chain (`N.root.json`, `root.json`), then targets, snapshot and, last, timestamp —
 * so a kiosk polling meanwhile sees the old timestamp (and the old set) or the complete new one.
 */
export function signRepository(dir: string, spec: SignSpec, targets: readonly TargetEntry[]): void {
  const common = { spec_version: SPEC_VERSION, version: spec.version, expires: isoSeconds(spec.expires) };
  const write = (name: string, json: Json) => writeAtomically(path.join(dir, name), `${JSON.stringify(json)}\n`);
  for (const root of spec.roots) write(`${(root.signed as { version: number }).version}.root.json`, root);
  const latest = spec.roots[spec.roots.length - 1];
  if (latest) write('root.json', latest);
  write('targets.json', signMetadata(MetadataKind.Targets, {
    _type: 'targets', ...common,
    targets: Object.fromEntries(targets.map((t) => [t.name, { length: t.length, hashes: { sha256: t.sha256 }, custom: t.custom }])),
  }, spec.signers));
  write('snapshot.json', signMetadata(MetadataKind.Snapshot, { _type: 'snapshot', ...common, meta: { 'targets.json': { version: spec.version } } }, spec.signers));
  write('timestamp.json', signMetadata(MetadataKind.Timestamp, {
    _type: 'timestamp', ...common, expires: isoSeconds(spec.timestampExpires ?? spec.expires), meta: { 'snapshot.json': { version: spec.version } },
  }, spec.signers));
}

/**
 * Re-signs only the timestamp (version + 1, a fresh expiry), for the same snapshot: what an operator
 * runs on a schedule so kiosks can tell a live repository from a frozen one.
 */
export function renewTimestamp(dir: string, o: { expires: Date; signers: readonly OperatorKey[] }): number {
  const current = JSON.parse(fs.readFileSync(path.join(dir, 'timestamp.json'), 'utf8')) as { signed: Json & { version: number } };
  const version = current.signed.version + 1;
  const signed = { ...current.signed, version, expires: isoSeconds(o.expires) };
  writeAtomically(path.join(dir, 'timestamp.json'), `${JSON.stringify(signMetadata(MetadataKind.Timestamp, signed, o.signers))}\n`);
  return version;
}

/**
 * Signs a bundle directory whose content file is at `targets/content.db`: a self-contained repository
 * with one content target whose version is the bundle's (a USB drive, or the demo's sample).
 */
export async function signBundle(dir: string, spec: SignSpec, custom: Json = {}): Promise<void> {
  const target = await sha256File(path.join(dir, TARGETS_DIR, TARGET_NAME));
  signRepository(dir, spec, [{ name: TARGET_NAME, ...target, custom: { kind: 'content', version: spec.version, channel: 'stable', ...custom } }]);
}
