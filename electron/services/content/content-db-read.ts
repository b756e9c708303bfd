import BetterSqlite3, { type Database } from 'better-sqlite3';
import {
  checkContent,
  contentSet,
  type ContentIssue,
  type ContentSet,
} from '../../contract/content';
import { CONTENT_DB_FORMAT } from './content-db-format';

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

/** Reads a packed content database back into a content set (no validation). */
export function readContentSet(db: Database): unknown {
  const info = Object.fromEntries(
    (db.prepare('SELECT key, value FROM bundle_info').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]),
  );
  const out: Record<string, unknown> = {
    meta: JSON.parse(info.meta ?? 'null'),
    synonyms: JSON.parse(info.synonyms ?? '[]'),
    items: (db.prepare('SELECT d.doc FROM items i JOIN item_docs d ON d.rid = i.rid ORDER BY i.ord').all() as { doc: string }[]).map((r) => JSON.parse(r.doc)),
  };
  for (const key of Object.values(DOC_KIND_KEYS)) out[key] = [];
  for (const row of db.prepare('SELECT kind, doc FROM docs ORDER BY rowid').iterate() as Iterable<{ kind: string; doc: string }>) {
    const key = DOC_KIND_KEYS[row.kind as keyof typeof DOC_KIND_KEYS];
    if (key) (out[key] as unknown[]).push(JSON.parse(row.doc));
  }
  return out;
}

export type ContentDbCheck = { ok: true; content: ContentSet } | { ok: false; issues: ContentIssue[] };

/**
 * Checks a (verified) content database before it goes live: its format tag, its tables, every
 * document against the content schema, and the cross-reference and flow checks.
 */
export function checkContentDb(file: string): ContentDbCheck {
  let db: Database;
  try {
    db = openContentDb(file);
  } catch (err) {
    return { ok: false, issues: [{ where: 'content.db', message: `not a readable database: ${(err as Error).message}` }] };
  }
  try {
    const format = contentDbFormat(db);
    if (format !== CONTENT_DB_FORMAT) return { ok: false, issues: [{ where: 'content.db', message: `unknown format ${format ?? '(none)'}` }] };
    const parsed = contentSet.safeParse(readContentSet(db));
    if (!parsed.success) {
      return { ok: false, issues: parsed.error.issues.slice(0, 20).map((i) => ({ where: i.path.join('.'), message: i.message })) };
    }
    const issues = checkContent(parsed.data);
    return issues.length > 0 ? { ok: false, issues } : { ok: true, content: parsed.data };
  } catch (err) {
    return { ok: false, issues: [{ where: 'content.db', message: (err as Error).message }] };
  } finally {
    db.close();
  }
}
