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
  readonly version: number;
  readonly expires: Date;
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

/**
 * Writes the signed, versioned, expiring TUF metadata of a bundle directory whose content file is
 * already at `targets/content.db`: targets (length + hash of every file), snapshot, timestamp,
 * and the root chain (`N.root.json` plus `root.json`).
 */
export async function signBundle(dir: string, spec: SignSpec, custom: Json = {}): Promise<void> {
  const target = await sha256File(path.join(dir, TARGETS_DIR, TARGET_NAME));
  const common = { spec_version: SPEC_VERSION, version: spec.version, expires: isoSeconds(spec.expires) };
  const write = (name: string, json: Json) => fs.writeFileSync(path.join(dir, name), `${JSON.stringify(json)}\n`);
  write('targets.json', signMetadata(MetadataKind.Targets, {
    _type: 'targets', ...common,
    targets: { [TARGET_NAME]: { length: target.length, hashes: { sha256: target.sha256 }, custom } },
  }, spec.signers));
  write('snapshot.json', signMetadata(MetadataKind.Snapshot, { _type: 'snapshot', ...common, meta: { 'targets.json': { version: spec.version } } }, spec.signers));
  write('timestamp.json', signMetadata(MetadataKind.Timestamp, { _type: 'timestamp', ...common, meta: { 'snapshot.json': { version: spec.version } } }, spec.signers));
  for (const root of spec.roots) write(`${(root.signed as { version: number }).version}.root.json`, root);
  const latest = spec.roots[spec.roots.length - 1];
  if (latest) write('root.json', latest);
}
