import BetterSqlite3, { type Database } from 'better-sqlite3';

const DOC_KIND_KEYS = {
  department: 'departments',
  flow: 'flows',
  form: 'forms',
  package: 'packages',
  policy: 'policies',
  notice: 'notices',
  service_point: 'servicePoints',
} as const;

/** The format tag a packed content database carries (null when it has none). */
export const contentDbFormat = (db: Database): string | null =>
  (db.prepare("SELECT value FROM bundle_info WHERE key = 'format'").get() as { value: string } | undefined)?.value ?? null;

export const openContentDb = (file: string): Database => {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  db.pragma('query_only = ON');
  return db;
};

/** Reads everything of a packed content database but the items back (no validation). */
export function readContentParts(db: Database): Record<string, unknown> {
  const info = Object.fromEntries(
    (db.prepare('SELECT key, value FROM bundle_info').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]),
  );
  const out: Record<string, unknown> = {
    meta: JSON.parse(info.meta ?? 'null'),
    synonyms: JSON.parse(info.synonyms ?? '[]'),
    lexicon: JSON.parse(info.lexicon ?? '{}'),
  };
  for (const key of Object.values(DOC_KIND_KEYS)) out[key] = [];
  for (const row of db.prepare('SELECT kind, doc FROM docs ORDER BY rowid').iterate() as Iterable<{ kind: string; doc: string }>) {
    const key = DOC_KIND_KEYS[row.kind as keyof typeof DOC_KIND_KEYS];
    if (key) (out[key] as unknown[]).push(JSON.parse(row.doc));
  }
  return out;
}

/** Reads a packed content database back into a content set (no validation). */
export function readContentSet(db: Database): unknown {
  const items = (db.prepare('SELECT d.doc FROM items i JOIN item_docs d ON d.rid = i.rid ORDER BY i.ord').all() as { doc: string }[]).map((r) => JSON.parse(r.doc) as unknown);
  return { ...readContentParts(db), items };
}
