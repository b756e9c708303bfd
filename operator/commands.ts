import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateOperatorKey, publicPart, readOperatorKey } from '../content-bundle/bundle/keys';
import { buildRoot, sha256File, signBundle, TARGET_NAME, TARGETS_DIR } from '../content-bundle/bundle/metadata';
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

export async function sign(o: { dir: string; version: number; keys: string; roots: string; expiresDays: number }, say: Out): Promise<void> {
  const signers = list(o.keys).map(readOperatorKey);
  const roots = list(o.roots).map(readJson).sort((a, b) => (a.signed as { version: number }).version - (b.signed as { version: number }).version);
  if (roots.length === 0) throw new Error('--roots: give every root.json from version 1 to the current one');
  say(`hashing ${TARGET_NAME} …`);
  await signBundle(o.dir, { version: o.version, expires: new Date(Date.now() + o.expiresDays * DAY), signers, roots });
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

/** Copies a signed bundle into a content server directory and then repoints latest.json atomically. */
export async function publish(dir: string, serverDir: string, say: Out): Promise<void> {
  const targets = readJson(path.join(dir, 'targets.json')) as { signed: { version: number } };
  const version = targets.signed.version;
  const rel = `bundles/v${version}`;
  const dest = path.join(serverDir, rel);
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
  files.push(`${TARGETS_DIR}/${TARGET_NAME}`);
  fs.mkdirSync(path.join(dest, TARGETS_DIR), { recursive: true });
  const entries: { name: string; length: number }[] = [];
  for (const f of files) {
    fs.copyFileSync(path.join(dir, f), path.join(dest, f));
    entries.push({ name: f, length: fs.statSync(path.join(dest, f)).size });
    say(`  copied ${f}`);
  }
  const db = await sha256File(path.join(dest, TARGETS_DIR, TARGET_NAME));
  const tmp = path.join(serverDir, `.latest-${process.pid}.json`);
  fs.writeFileSync(tmp, `${JSON.stringify({ version, path: rel, files: entries }, null, 2)}\n`);
  fs.renameSync(tmp, path.join(serverDir, 'latest.json'));
  say(`published v${version} (${(db.length / 1024 / 1024).toFixed(1)} MiB) → ${serverDir}/latest.json`);
}
