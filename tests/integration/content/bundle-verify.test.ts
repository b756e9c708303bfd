import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOperatorKey, publicPart } from '../../../content-bundle/bundle/keys';
import { buildRoot } from '../../../content-bundle/bundle/metadata';
import { BundleRejected } from '../../../content-bundle/bundle/verify';
import { ContentReader } from '../../../services/content/reader';
import { liveMarker, makeBundle, makeOperators, openTestStore, tmp } from './fixtures';

const ops = makeOperators(3, 2);
const [k0, k1, k2] = ops.keys as [typeof ops.keys[0], typeof ops.keys[0], typeof ops.keys[0]];
const work = tmp('bundles');
const dataDir = tmp('data');
const { store, close } = openTestStore(dataDir, ops.root);

const rejectReason = async (dir: string): Promise<string> => {
  try {
    await store.applyBundleDir(dir, 'test');
  } catch (err) {
    if (err instanceof BundleRejected) return err.reason;
    throw err;
  }
  return 'applied';
};

/** The kiosk still serves version 1 exactly as before: pointer, file contents and search. */
const expectVersion1Live = () => {
  const s = store.state();
  expect(s.currentVersion).toBe(1);
  expect(liveMarker(s.currentFile)).toBe(1);
  const reader = new ContentReader(s.currentFile ?? '', 1);
  expect(reader.search({ query: '社保', limit: 5 }).length).toBeGreaterThan(0);
  reader.close();
};

const editJson = (file: string, edit: (j: any) => void) => {
  const j = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(j);
  fs.writeFileSync(file, JSON.stringify(j));
};

beforeAll(async () => {
  await makeBundle(path.join(work, 'v1'), { version: 1, signers: [k0, k1], roots: [ops.root] });
  expect(await rejectReason(path.join(work, 'v1'))).toBe('applied');
});
afterAll(() => close());

describe('signed bundle verification keeps the current content on every refusal', () => {
  it('refuses a bundle whose signed metadata was altered (bad signature)', async () => {
    const dir = await makeBundle(path.join(work, 'badsig'), { version: 2, signers: [k0, k1], roots: [ops.root] });
    editJson(path.join(dir, 'timestamp.json'), (j) => { j.signed.expires = '2099-01-01T00:00:00Z'; });
    expect(await rejectReason(dir)).toBe('signature');
    expectVersion1Live();
  });

  it('refuses a bundle with its signatures removed', async () => {
    const dir = await makeBundle(path.join(work, 'nosig'), { version: 2, signers: [k0, k1], roots: [ops.root] });
    editJson(path.join(dir, 'targets.json'), (j) => { j.signatures = []; });
    expect(await rejectReason(dir)).toBe('signature');
    expectVersion1Live();
  });

  it('refuses a bundle signed by fewer keys than the threshold', async () => {
    const dir = await makeBundle(path.join(work, 'onesig'), { version: 2, signers: [k2], roots: [ops.root] });
    expect(await rejectReason(dir)).toBe('signature');
    expectVersion1Live();
  });

  it('refuses a bundle signed by keys the root does not know', async () => {
    const strangers = [generateOperatorKey('x'), generateOperatorKey('y')];
    const dir = await makeBundle(path.join(work, 'unknown'), { version: 2, signers: strangers, roots: [ops.root] });
    expect(await rejectReason(dir)).toBe('signature');
    expectVersion1Live();
  });

  it('refuses a content file whose hash differs from the signed one', async () => {
    const dir = await makeBundle(path.join(work, 'hash'), { version: 2, signers: [k0, k1], roots: [ops.root] });
    const file = path.join(dir, 'targets', 'content.db');
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0xff;
    fs.writeFileSync(file, bytes);
    expect(await rejectReason(dir)).toBe('hash');
    expectVersion1Live();
  });

  it('refuses a content file whose length differs', async () => {
    const dir = await makeBundle(path.join(work, 'length'), { version: 2, signers: [k0, k1], roots: [ops.root] });
    fs.appendFileSync(path.join(dir, 'targets', 'content.db'), Buffer.alloc(10));
    expect(await rejectReason(dir)).toBe('hash');
    expectVersion1Live();
  });

  it('refuses a bundle with a missing content file', async () => {
    const dir = await makeBundle(path.join(work, 'missing'), { version: 2, signers: [k0, k1], roots: [ops.root] });
    fs.rmSync(path.join(dir, 'targets', 'content.db'));
    expect(await rejectReason(dir)).toBe('missing');
    expectVersion1Live();
  });

  it('refuses expired metadata', async () => {
    const dir = await makeBundle(path.join(work, 'expired'), { version: 2, signers: [k0, k1], roots: [ops.root], expires: new Date(Date.now() - 60_000) });
    expect(await rejectReason(dir)).toBe('expired');
    expectVersion1Live();
  });

  it('refuses a correctly signed bundle whose content breaks the schema', async () => {
    const dir = path.join(work, 'schema');
    await makeBundle(dir, { version: 2, signers: [k0, k1], roots: [ops.root] });
    // Corrupt one item document, then re-sign: the signature is fine, the content is not.
    const db = new BetterSqlite3(path.join(dir, 'targets', 'content.db'));
    db.prepare("UPDATE item_docs SET doc = json_set(doc, '$.maxVisits', 'many') WHERE rid = 1").run();
    db.close();
    const { signBundle } = await import('../../../content-bundle/bundle/metadata');
    await signBundle(dir, { version: 2, expires: new Date(Date.now() + 86_400_000), signers: [k0, k1], roots: [ops.root] });
    expect(await rejectReason(dir)).toBe('schema');
    expectVersion1Live();
  });

  it('refuses the same version again and an older one (rollback), then accepts a newer one', async () => {
    expect(await rejectReason(path.join(work, 'v1'))).toBe('rollback');
    expectVersion1Live();
    await makeBundle(path.join(work, 'v3'), { version: 3, signers: [k0, k1], roots: [ops.root] });
    expect(await rejectReason(path.join(work, 'v3'))).toBe('applied');
    expect(store.state().previousVersion).toBe(1);
    const older = await makeBundle(path.join(work, 'v2'), { version: 2, signers: [k0, k1], roots: [ops.root] });
    expect(await rejectReason(older)).toBe('rollback');
    expect(liveMarker(store.state().currentFile)).toBe(3);
    expect(fs.existsSync(store.state().previousFile ?? '')).toBe(true);
  });

  it('rotates keys through a new root signed by the old and the new keys', async () => {
    const fresh = [generateOperatorKey('n0'), generateOperatorKey('n1'), generateOperatorKey('n2')];
    const root2 = buildRoot({ version: 2, expires: new Date(Date.now() + 365 * 86_400_000), keys: fresh.map(publicPart), threshold: 2 }, [k0, k1, fresh[0]!, fresh[1]!]);
    const dir = await makeBundle(path.join(work, 'v4'), { version: 4, signers: [fresh[0]!, fresh[1]!], roots: [ops.root, root2] });
    expect(await rejectReason(dir)).toBe('applied');
    expect(liveMarker(store.state().currentFile)).toBe(4);
    // The old keys are no longer trusted.
    const stale = await makeBundle(path.join(work, 'v5-old-keys'), { version: 5, signers: [k0, k1], roots: [ops.root, root2] });
    expect(await rejectReason(stale)).toBe('signature');
    // A root rotation not signed by the old keys is refused.
    const rogue = [generateOperatorKey('r0'), generateOperatorKey('r1')];
    const root3 = buildRoot({ version: 3, expires: new Date(Date.now() + 365 * 86_400_000), keys: rogue.map(publicPart), threshold: 2 }, rogue);
    const hijack = await makeBundle(path.join(work, 'v6-rogue'), { version: 6, signers: rogue, roots: [ops.root, root2, root3] });
    expect(await rejectReason(hijack)).toBe('signature');
    expect(store.state().currentVersion).toBe(4);
  });

  it('records every attempt for technicians', () => {
    const attempts = store.attempts(50);
    expect(attempts.filter((a) => a.outcome === 'rejected').map((a) => a.reason)).toEqual(
      expect.arrayContaining(['signature', 'hash', 'missing', 'expired', 'schema', 'rollback']),
    );
  });
});
