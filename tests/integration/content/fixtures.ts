import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { contentSet, type ContentSet } from '../../../content-bundle/model';
import { generateOperatorKey, publicPart, type OperatorKey } from '../../../content-bundle/bundle/keys';
import { buildRoot, signBundle } from '../../../content-bundle/bundle/metadata';
import { packBundle } from '../../../content-bundle/bundle/pack';
import { ContentStore, contentMigrations } from '../../../services/content/store';
import { silentLogger } from '../../../services/log/logger';
import { coreMigrations } from '../../../services/store/core-migrations';
import { openStore } from '../../../services/store/database';
import { sampleContent } from '../../../content/src/index';

export const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), `kiosk-${prefix}-`));

/** The sample content with a marker notice naming the version, so a test can tell versions apart. */
export function contentForVersion(version: number): ContentSet {
  const c = contentSet.parse(sampleContent);
  return { ...c, notices: [...c.notices, { id: `n_version_${version}`, title: { zh: `版本${version}` }, body: { zh: '测试' }, publishedAt: '2026-11-25', level: 'info' }] };
}

export interface Operators {
  keys: OperatorKey[];
  root: Record<string, unknown>;
}

export function makeOperators(n = 3, threshold = 2): Operators {
  const keys = Array.from({ length: n }, (_, i) => generateOperatorKey(`test-${i}`));
  const root = buildRoot({ version: 1, expires: new Date(Date.now() + 365 * 86_400_000), keys: keys.map(publicPart), threshold }, keys.slice(0, threshold));
  return { keys, root };
}

export interface BundleOptions {
  version: number;
  signers: OperatorKey[];
  roots: Record<string, unknown>[];
  expires?: Date;
  content?: ContentSet;
}

export async function makeBundle(dir: string, o: BundleOptions): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  packBundle(o.content ?? contentForVersion(o.version), dir);
  await signBundle(dir, { version: o.version, expires: o.expires ?? new Date(Date.now() + 30 * 86_400_000), signers: o.signers, roots: o.roots });
  return dir;
}

export function openTestStore(dataDir: string, root: Record<string, unknown>): { store: ContentStore; close: () => void; db: BetterSqlite3.Database } {
  const db = openStore(dataDir, [...coreMigrations, ...contentMigrations]);
  const store = new ContentStore(db, dataDir, silentLogger());
  store.pinRoot(JSON.stringify(root));
  return { store, db, close: () => db.close() };
}

/** Which version the live content database really holds (by its marker notice). */
export function liveMarker(file: string | null): number | null {
  if (!file) return null;
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const row = db.prepare("SELECT id FROM docs WHERE kind = 'notice' AND id LIKE 'n_version_%'").get() as { id: string } | undefined;
    const items = (db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
    const expected = Number((db.prepare("SELECT value FROM bundle_info WHERE key = 'itemCount'").get() as { value: string }).value);
    if (items !== expected) throw new Error(`content db holds ${items} items, expected ${expected}`);
    return row ? Number(row.id.slice('n_version_'.length)) : null;
  } finally {
    db.close();
  }
}
