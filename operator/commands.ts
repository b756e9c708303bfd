import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateOperatorKey, publicPart, readOperatorKey } from '../content-bundle/bundle/keys';
import { buildRoot, renewTimestamp, signBundle, TARGET_NAME, TARGETS_DIR } from '../content-bundle/bundle/metadata';
import { exportRepository, publishToRepository } from '../content-bundle/bundle/repository';
import { loadContentDir, packBundle } from '../content-bundle/bundle/pack';
import { BundleRejected, verifyBundleDir } from '../content-bundle/bundle/verify';
import { checkContentDb } from '../content-bundle/db/check';

type Out = (line: string) => void;
const DAY = 86_400_000;
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
const list = (s: string | undefined) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);

export function keygen(out: string, label: string, say: Out): void {
  if (fs.existsSync(out)) throw new Error(`${out} exists; refusing to overwrite a key`);
  const key = generateOperatorKey(label);
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600 });
  const pub = out.replace(/\.key\.json$|\.json$/, '') + '.pub.json';
  fs.writeFileSync(pub, `${JSON.stringify(publicPart(key), null, 2)}\n`);
  say(`key ${key.keyid.slice(0, 16)}… written to ${out} (private, mode 600) and ${pub}`);
}

/** Writes a (new or rotated) root. For a rotation, `signWith` must include a threshold of the old keys. */
export function makeRoot(o: { keys: string; threshold: number; version: number; signWith: string; out: string; expiresDays: number }, say: Out): void {
  const keys = list(o.keys).map(readOperatorKey);
  const signers = list(o.signWith).map(readOperatorKey);
  const root = buildRoot({ version: o.version, expires: new Date(Date.now() + o.expiresDays * DAY), keys: keys.map(publicPart), threshold: o.threshold }, signers);
  fs.writeFileSync(o.out, `${JSON.stringify(root)}\n`);
  say(`root v${o.version}: ${keys.length} keys, threshold ${o.threshold}, signed by ${signers.length} → ${o.out}`);
}

export function build(contentDir: string, outDir: string, say: Out): void {
  say(`validating ${contentDir} …`);
  const loaded = loadContentDir(contentDir);
  if (!loaded.ok) {
    for (const i of loaded.issues.slice(0, 50)) say(`  ✗ ${i.where}: ${i.message}`);
    throw new Error(`content is invalid (${loaded.issues.length} problem(s)); nothing was built`);
  }
  const c = loaded.content;
  say(`  ✓ ${c.items.length} items, ${c.flows.length} flows (all checked), ${c.forms.length} forms, ${c.packages.length} packages, ${c.policies.length} policies, ${c.servicePoints.length} service points`);
  fs.rmSync(path.join(outDir, TARGETS_DIR), { recursive: true, force: true });
  const packed = packBundle(c, outDir, (done, total) => say(`  packing ${done}/${total} items (${Math.round((done / total) * 100)}%)`));
  say(`packed ${packed.items} items into ${packed.file} (${(packed.bytes / 1024 / 1024).toFixed(1)} MiB); next: operator sign`);
}

export async function sign(o: { dir: string; version: number; keys: string; roots: string; expiresDays: number; timestampDays: number }, say: Out): Promise<void> {
  const signers = list(o.keys).map(readOperatorKey);
  const roots = list(o.roots).map(readJson).sort((a, b) => (a.signed as { version: number }).version - (b.signed as { version: number }).version);
  if (roots.length === 0) throw new Error('--roots: give every root.json from version 1 to the current one');
  say(`hashing ${TARGET_NAME} …`);
  await signBundle(o.dir, {
    version: o.version,
    expires: new Date(Date.now() + o.expiresDays * DAY),
    timestampExpires: new Date(Date.now() + Math.min(o.timestampDays, o.expiresDays) * DAY),
    signers,
    roots,
  });
  say(`signed bundle v${o.version} with ${signers.length} key(s); expires in ${o.expiresDays} days`);
}

export async function verify(dir: string, rootFile: string, say: Out): Promise<void> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'operator-verify-'));
  try {
    say('verifying signatures, thresholds, expiry, lengths and hashes (tuf-js) …');
    const v = await verifyBundleDir(dir, { 'root.json': fs.readFileSync(rootFile, 'utf8') }, path.join(scratch, TARGET_NAME));
    say(`  ✓ metadata v${v.version}, expires ${v.expires}`);
    const check = checkContentDb(v.contentFile);
    if (!check.ok) throw new BundleRejected('schema', check.issues.slice(0, 5).map((i) => `${i.where}: ${i.message}`).join('; '));
    say(`  ✓ content valid: ${check.items} items`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Publishes a signed, verified bundle's content into the repository the kiosks poll (a static folder
 * for any HTTP server or CDN): verified first exactly as a kiosk would, then added as
 * `targets/content/v<N>/content.db` and the repository's metadata re-signed (timestamp last).
 */
export async function publish(
  o: { dir: string; repo: string; keys: string; roots: string; expiresDays: number; timestampDays: number; keep: number; channel: string },
  say: Out,
): Promise<void> {
  const roots = list(o.roots).map(readJson).sort((a, b) => (a.signed as { version: number }).version - (b.signed as { version: number }).version);
  const latestRoot = roots[roots.length - 1];
  if (!latestRoot) throw new Error('--roots: give every root.json from version 1 to the current one');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'operator-publish-'));
  try {
    const rootFile = path.join(scratch, 'root.json');
    fs.writeFileSync(rootFile, JSON.stringify(roots[0]));
    const v = await verifyBundleDir(o.dir, { 'root.json': fs.readFileSync(rootFile, 'utf8') }, path.join(scratch, TARGET_NAME));
    const check = checkContentDb(v.contentFile);
    if (!check.ok) throw new BundleRejected('schema', check.issues.slice(0, 5).map((i) => `${i.where}: ${i.message}`).join('; '));
    fs.mkdirSync(o.repo, { recursive: true });
    const r = await publishToRepository(
      o.repo,
      { kind: 'content', file: v.contentFile, version: v.version, channel: o.channel },
      { signers: list(o.keys).map(readOperatorKey), roots, expires: new Date(Date.now() + o.expiresDays * DAY), timestampExpires: new Date(Date.now() + o.timestampDays * DAY), keepContent: o.keep },
    );
    say(`published content v${v.version} as ${r.name}; repository metadata v${r.metadataVersion}${r.removed.length ? `; retired ${r.removed.join(', ')}` : ''}`);
    say(`the timestamp expires in ${o.timestampDays} day(s): renew it on a schedule with "operator timestamp"`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Publishes an app build (a packaged kiosk release) into the same repository, for the technicians' A/B installer. */
export async function publishApp(
  o: { file: string; repo: string; version: string; keys: string; roots: string; expiresDays: number; timestampDays: number; channel: string },
  say: Out,
): Promise<void> {
  const roots = list(o.roots).map(readJson).sort((a, b) => (a.signed as { version: number }).version - (b.signed as { version: number }).version);
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(o.version)) throw new Error('--version must be a semantic version such as 0.2.0');
  fs.mkdirSync(o.repo, { recursive: true });
  const r = await publishToRepository(
    o.repo,
    { kind: 'app', file: o.file, version: o.version, channel: o.channel },
    { signers: list(o.keys).map(readOperatorKey), roots, expires: new Date(Date.now() + o.expiresDays * DAY), timestampExpires: new Date(Date.now() + o.timestampDays * DAY) },
  );
  say(`published app ${o.version} as ${r.name}; repository metadata v${r.metadataVersion}`);
}

/** Re-signs the repository's timestamp with a fresh expiry (run it on a schedule: kiosks treat an expired one as a frozen mirror). */
export function timestamp(o: { repo: string; keys: string; days: number }, say: Out): void {
  const version = renewTimestamp(o.repo, { expires: new Date(Date.now() + o.days * DAY), signers: list(o.keys).map(readOperatorKey) });
  say(`timestamp v${version}, expires in ${o.days} day(s)`);
}

/** Copies the repository's metadata and newest content (for a USB drive) into `out`. */
export function exportForDrive(o: { repo: string; out: string; apps: boolean }, say: Out): void {
  const names = exportRepository(o.repo, o.out, { apps: o.apps });
  say(`exported ${names.join(', ') || 'metadata only'} → ${o.out} (a technician imports it with content.importFromDirectory)`);
}
