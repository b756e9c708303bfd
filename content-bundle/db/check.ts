import crypto from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import {
  checkContent,
  checkItem,
  checkPartIds,
  checkParts,
  contentSet,
  itemContext,
  serviceItem,
  type ContentIssue,
  type ContentParts,
  type ItemLookup,
  type ServiceItem,
} from '../model';
import { CONTENT_DB_FORMAT } from './format';
import { contentDbFormat, openContentDb, readContentParts, readContentSet } from './read';
import { ftsLiteral } from './search-text';

export type ContentDbCheck =
  | { ok: true; items: number; /** How many item documents were read and checked (the others were unchanged). */ checkedItems: number }
  | { ok: false; issues: ContentIssue[] };

const MAX_ISSUES = 20;
const contentParts = contentSet.omit({ items: true });

/**
 * What an installed version's checks were made with: the item schema and the kiosk build. An
 * unchanged item is taken as checked only under the same two; a kiosk upgrade re-checks everything.
 */
export const checkFingerprint = (appVersion: string): string =>
  crypto
    .createHash('sha256')
    .update(JSON.stringify(z.toJSONSchema(serviceItem, { unrepresentable: 'any' })))
    .update(`\n${CONTENT_DB_FORMAT}\n${appVersion}`)
    .digest('hex')
    .slice(0, 32);

/**
 * Checks a (verified) content database before it goes live: its format tag, every document against
 * the content schema, and the cross-reference and flow checks.
 *
 * With `previous`, the installed database that passed these checks under the same fingerprint,
 * only what changed is read: when the departments, forms and flows are the same, an item whose
 * document is byte for byte the installed one passes as it did (its checks read nothing else), so
 * the changed items and every non-item document are checked, and the rest is compared inside
 * SQLite. Anything else, or any doubt, takes the full path.
 */
export function checkContentDb(file: string, previous: string | null = null): ContentDbCheck {
  let db: Database;
  try {
    db = openContentDb(file);
  } catch (err) {
    return { ok: false, issues: [{ where: 'content.db', message: `not a readable database: ${(err as Error).message}` }] };
  }
  try {
    const format = contentDbFormat(db);
    if (format !== CONTENT_DB_FORMAT) return { ok: false, issues: [{ where: 'content.db', message: `unknown format ${format ?? '(none)'}` }] };
    return (previous !== null ? checkChanges(db, previous) : null) ?? checkAll(db);
  } catch (err) {
    return { ok: false, issues: [{ where: 'content.db', message: (err as Error).message }] };
  } finally {
    db.close();
  }
}

const zodIssues = (error: z.ZodError, prefix: (string | number)[] = []): ContentIssue[] =>
  error.issues.slice(0, MAX_ISSUES).map((i) => ({ where: [...prefix, ...i.path].join('.'), message: i.message }));

function checkAll(db: Database): ContentDbCheck {
  const parsed = contentSet.safeParse(readContentSet(db));
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error) };
  const issues = checkContent(parsed.data);
  const n = parsed.data.items.length;
  return issues.length > 0 ? { ok: false, issues } : { ok: true, items: n, checkedItems: n };
}

/**
 * Whether a lexicon term occurs in the packed catalogue: the name/keyword/guide index first, then
 * (a term it lacks, e.g. one only in an FAQ) the documents themselves, stopping at the first hit.
 */
const catalogueHasIn = (db: Database) => {
  const head = db.prepare('SELECT 1 FROM search_head WHERE search_head MATCH ? LIMIT 1');
  const body = db.prepare('SELECT 1 FROM search_body WHERE search_body MATCH ? LIMIT 1');
  const scan = db.prepare("SELECT 1 FROM main.item_docs WHERE instr(doc, @t) > 0 UNION ALL SELECT 1 FROM main.docs WHERE kind = 'package' AND instr(doc, @t) > 0 LIMIT 1");
  return (term: string): boolean => {
    if ([...term].length >= 3) {
      const literal = ftsLiteral(term);
      if (head.get(literal) !== undefined || body.get(literal) !== undefined) return true;
    }
    return scan.get({ t: term }) !== undefined;
  };
};

/** The incremental path; null when it does not apply (then everything is checked). */
function checkChanges(db: Database, previous: string): ContentDbCheck | null {
  try {
    db.prepare('ATTACH DATABASE ? AS installed').run(previous);
  } catch {
    return null;
  }
  try {
    const installedFormat = db.prepare("SELECT value FROM installed.bundle_info WHERE key = 'format'").get() as { value: string } | undefined;
    if (installedFormat?.value !== CONTENT_DB_FORMAT) return null;
    // Departments, forms and flows exactly as installed (both ways), or the full path.
    const contextChanged = db
      .prepare(
        `SELECT EXISTS (SELECT kind, id, doc FROM main.docs WHERE kind IN ('department', 'form', 'flow')
                        EXCEPT SELECT kind, id, doc FROM installed.docs WHERE kind IN ('department', 'form', 'flow'))
             OR EXISTS (SELECT kind, id, doc FROM installed.docs WHERE kind IN ('department', 'form', 'flow')
                        EXCEPT SELECT kind, id, doc FROM main.docs WHERE kind IN ('department', 'form', 'flow')) AS changed`,
      )
      .get() as { changed: number };
    if (contextChanged.changed) return null;

    const partsParsed = contentParts.safeParse(readContentParts(db));
    if (!partsParsed.success) return { ok: false, issues: zodIssues(partsParsed.error) };
    const parts: ContentParts = partsParsed.data;
    const issues: ContentIssue[] = [];

    const codes = (db.prepare('SELECT code FROM items').raw().all() as [string][]).map(([c]) => c);
    if (codes.length === 0) issues.push({ where: 'items', message: 'a content set needs at least one item' });
    const seen = new Set<string>();
    for (const c of codes) {
      if (seen.has(c)) issues.push({ where: 'item', message: `duplicate item id ${c}` });
      seen.add(c);
    }
    issues.push(...checkPartIds(parts));

    // Items whose document is new or differs from the installed one (compared inside SQLite).
    const changed = db
      .prepare(
        `SELECT n.ord, d.doc FROM items n JOIN item_docs d ON d.rid = n.rid
         LEFT JOIN installed.items o ON o.code = n.code LEFT JOIN installed.item_docs od ON od.rid = o.rid
         WHERE od.doc IS NULL OR od.doc <> d.doc ORDER BY n.ord`,
      )
      .all() as { ord: number; doc: string }[];
    const checked = new Map<string, ServiceItem>();
    const ctx = itemContext(parts);
    for (const row of changed) {
      const item = serviceItem.safeParse(JSON.parse(row.doc));
      if (!item.success) {
        issues.push(...zodIssues(item.error, ['items', row.ord]));
        continue;
      }
      checked.set(item.data.code, item.data);
      issues.push(...checkItem(item.data, ctx));
      if (issues.length >= MAX_ISSUES) break;
    }

    // The whole-set checks see every item; unchanged ones are read only when a check needs one.
    const docByCode = db.prepare('SELECT d.doc FROM items i JOIN item_docs d ON d.rid = i.rid WHERE i.code = ?').pluck();
    const lookup: ItemLookup = {
      has: (code) => seen.has(code),
      get: (code) => {
        const hit = checked.get(code);
        if (hit || !seen.has(code)) return hit;
        const doc = docByCode.get(code) as string | undefined;
        return doc === undefined ? undefined : (JSON.parse(doc) as ServiceItem);
      },
    };
    issues.push(...checkParts(parts, lookup, catalogueHasIn(db)));
    return issues.length > 0 ? { ok: false, issues: issues.slice(0, MAX_ISSUES) } : { ok: true, items: codes.length, checkedItems: changed.length };
  } finally {
    db.exec('DETACH DATABASE installed');
  }
}
