import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import type { ContentSet, ServiceItem } from '../model';
import { pinyinForms } from './pinyin';
import { grams, hasCjk } from './search-text';

import { packSentenceIndex } from '../sentence/pack';
import { CONTENT_DB_FORMAT, FIELD_WEIGHT } from './format';

const DDL = `
CREATE TABLE bundle_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE items (
  rid INTEGER PRIMARY KEY, ord INTEGER NOT NULL UNIQUE, code TEXT NOT NULL UNIQUE, name_zh TEXT NOT NULL, name_en TEXT,
  department_id TEXT NOT NULL, stages TEXT NOT NULL, kiosk_filable INTEGER NOT NULL,
  name_pinyin TEXT NOT NULL, keyword_text TEXT NOT NULL);
CREATE INDEX items_department ON items (department_id);
-- Apart from items, so that the rows search reads stay small and many share a page.
CREATE TABLE item_docs (rid INTEGER PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE docs (kind TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (kind, id));
CREATE VIRTUAL TABLE search_head USING fts5(name, name_pinyin, keywords, keyword_pinyin, content='', tokenize='trigram');
CREATE VIRTUAL TABLE search_body USING fts5(body, content='', tokenize='trigram');
CREATE TABLE search_short (term TEXT NOT NULL, weight INTEGER NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (term, weight DESC, rid)) WITHOUT ROWID;
`;


const guideText = (item: ServiceItem): string =>
  [
    item.department.zh,
    item.parentName?.zh ?? '',
    ...item.guide.conditions.map((c) => c.text.zh),
    ...item.guide.materials.map((m) => m.name.zh),
    ...item.guide.legalBasis.map((l) => l.law.zh),
    item.guide.result?.name.zh ?? '',
  ].join(' ');

/** Synonyms of a group are added to an item's keywords when any member appears in its name or keywords. */
const expandSynonyms = (item: ServiceItem, groups: readonly string[][]): string[] => {
  const own = [item.name.zh, ...item.keywords].join(' ');
  return groups.filter((g) => g.some((w) => own.includes(w))).flat();
};

export interface BuildProgress {
  (done: number, total: number): void;
}

/**
 * Packs a validated content set into a fresh SQLite file with its search index (FTS5 trigram for
 * terms of 3+ characters, a gram table for 1–2 character terms, pinyin computed here, at build
 * time, so the kiosk never rebuilds an index). Names and keywords (with their pinyin) have their
 * own small FTS table, guide text another, read only when the first finds too little.
 *
 * The ranking is laid out here so that the kiosk never scores a match list: items are numbered
 * (rid) shortest name first, and every index lists items in rid order, so the first matches an index
 * hands out are the best ones of their field (a short name that contains the term is the closest
 * match, as bm25 would also judge it). Catalogue order is kept in `ord`.
 */
export function buildContentDb(content: ContentSet, file: string, onProgress?: BuildProgress): { items: number; bytes: number } {
  fs.rmSync(file, { force: true });
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('page_size = 4096');
    db.exec(DDL);
    const insertItem = db.prepare(
      `INSERT INTO items (rid, ord, code, name_zh, name_en, department_id, stages, kiosk_filable, name_pinyin, keyword_text)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertItemDoc = db.prepare('INSERT INTO item_docs (rid, doc) VALUES (?, ?)');
    const insertHead = db.prepare('INSERT INTO search_head (rowid, name, name_pinyin, keywords, keyword_pinyin) VALUES (?, ?, ?, ?, ?)');
    const insertBody = db.prepare('INSERT INTO search_body (rowid, body) VALUES (?, ?)');
    const insertShort = db.prepare('INSERT INTO search_short (term, weight, rid) VALUES (?, ?, ?)');
    const insertDoc = db.prepare('INSERT INTO docs (kind, id, doc) VALUES (?, ?, ?)');
    db.transaction(() => {
      const byNameLength = content.items
        .map((item, ord) => ({ item, ord }))
        .sort((a, b) => [...a.item.name.zh].length - [...b.item.name.zh].length || a.ord - b.ord);
      const rids = new Map<string, number>();
      byNameLength.forEach(({ item, ord }, i) => {
        const rid = i + 1;
        rids.set(item.code, rid);
        const keywords = [...new Set([...item.keywords, ...expandSynonyms(item, content.synonyms)])];
        const name = pinyinForms(item.name.zh);
        const kw = keywords.filter(hasCjk).map(pinyinForms);
        const keywordPinyin = kw.flatMap((k) => [k.full, k.initials]).join(' ');
        const keywordText = `${keywords.join(' ')} ${keywordPinyin}`;
        insertItem.run(rid, ord, item.code, item.name.zh, item.name.en ?? null, item.departmentId, `,${item.stages.join(',')},`, item.kioskFilable ? 1 : 0, `${name.full} ${name.initials}`, keywordText);
        insertItemDoc.run(rid, JSON.stringify(item));
        insertHead.run(rid, `${item.name.zh} ${item.name.en ?? ''}`.toLowerCase(), `${name.full} ${name.initials}`, keywords.join(' ').toLowerCase(), keywordPinyin);
        insertBody.run(rid, guideText(item));
        // Each 1–2 character term once per item, with the weight of the best field it occurs in.
        const short = new Map<string, number>();
        const add = (term: string, weight: number) => short.set(term, Math.max(weight, short.get(term) ?? 0));
        for (const g of grams(item.name.zh, 2)) add(g, FIELD_WEIGHT.name);
        for (const k of keywords) for (const g of grams(k, 2)) add(g, FIELD_WEIGHT.keywords);
        for (const g of grams(name.initials, 2)) if (g.length === 2) add(g, FIELD_WEIGHT.body);
        for (const k of kw) if (k.initials.length === 2) add(k.initials, FIELD_WEIGHT.keywords);
        for (const m of item.guide.materials) for (const g of grams(m.name.zh, 2)) if (g.length === 2) add(g, FIELD_WEIGHT.body);
        for (const [term, weight] of short) insertShort.run(term, weight, rid);
        if (onProgress && (rid % 1000 === 0 || rid === content.items.length)) onProgress(rid, content.items.length);
      });
      packSentenceIndex(db, content, rids);
      const kinds: [string, { id: string }[]][] = [
        ['department', content.departments],
        ['flow', content.flows],
        ['form', content.forms],
        ['package', content.packages],
        ['policy', content.policies],
        ['notice', content.notices],
        ['service_point', content.servicePoints],
      ];
      for (const [kind, list] of kinds) for (const d of list) insertDoc.run(kind, d.id, JSON.stringify(d));
      const info: Record<string, string> = {
        format: CONTENT_DB_FORMAT,
        meta: JSON.stringify(content.meta),
        synonyms: JSON.stringify(content.synonyms),
        itemCount: String(content.items.length),
      };
      const insertInfo = db.prepare('INSERT INTO bundle_info (key, value) VALUES (?, ?)');
      for (const [k, v] of Object.entries(info)) insertInfo.run(k, v);
    })();
    db.exec("INSERT INTO search_head (search_head) VALUES ('optimize'); INSERT INTO search_body (search_body) VALUES ('optimize')");
    db.exec('VACUUM');
  } finally {
    db.close();
  }
  return { items: content.items.length, bytes: fs.statSync(file).size };
}
