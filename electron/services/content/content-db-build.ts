import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import type { ContentSet, ServiceItem } from '../../contract/content';
import { pinyinForms } from './pinyin';
import { grams, hasCjk } from './search-text';

import { CONTENT_DB_FORMAT, FIELD_WEIGHT } from './content-db-format';

const DDL = `
CREATE TABLE bundle_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE items (
  rid INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name_zh TEXT NOT NULL, name_en TEXT,
  department_id TEXT NOT NULL, stages TEXT NOT NULL, kiosk_filable INTEGER NOT NULL,
  name_pinyin TEXT NOT NULL, keyword_text TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX items_department ON items (department_id);
CREATE TABLE docs (kind TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (kind, id));
CREATE VIRTUAL TABLE search_fts USING fts5(name, keywords, body, pinyin, content='', tokenize='trigram');
CREATE TABLE search_short (term TEXT NOT NULL, rid INTEGER NOT NULL, weight INTEGER NOT NULL, PRIMARY KEY (term, rid)) WITHOUT ROWID;
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
 * time, so the kiosk never rebuilds an index).
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
      `INSERT INTO items (rid, code, name_zh, name_en, department_id, stages, kiosk_filable, name_pinyin, keyword_text, doc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertFts = db.prepare('INSERT INTO search_fts (rowid, name, keywords, body, pinyin) VALUES (?, ?, ?, ?, ?)');
    const insertShort = db.prepare(
      'INSERT INTO search_short (term, rid, weight) VALUES (?, ?, ?) ON CONFLICT (term, rid) DO UPDATE SET weight = max(weight, excluded.weight)',
    );
    const insertDoc = db.prepare('INSERT INTO docs (kind, id, doc) VALUES (?, ?, ?)');
    db.transaction(() => {
      content.items.forEach((item, i) => {
        const rid = i + 1;
        const keywords = [...new Set([...item.keywords, ...expandSynonyms(item, content.synonyms)])];
        const name = pinyinForms(item.name.zh);
        const kw = keywords.filter(hasCjk).map(pinyinForms);
        const pinyinText = [name.full, name.initials, ...kw.flatMap((k) => [k.full, k.initials])].join(' ');
        const keywordText = [...keywords, ...kw.flatMap((k) => [k.full, k.initials])].join(' ');
        insertItem.run(rid, item.code, item.name.zh, item.name.en ?? null, item.departmentId, `,${item.stages.join(',')},`, item.kioskFilable ? 1 : 0, `${name.full} ${name.initials}`, keywordText, JSON.stringify(item));
        insertFts.run(rid, `${item.name.zh} ${item.name.en ?? ''}`.toLowerCase(), keywords.join(' ').toLowerCase(), guideText(item), pinyinText);
        for (const g of grams(item.name.zh, 2)) insertShort.run(g, rid, FIELD_WEIGHT.name);
        for (const k of keywords) for (const g of grams(k, 2)) insertShort.run(g, rid, FIELD_WEIGHT.keywords);
        for (const g of grams(name.initials, 2)) if (g.length === 2) insertShort.run(g, rid, FIELD_WEIGHT.body);
        for (const k of kw) if (k.initials.length === 2) insertShort.run(k.initials, rid, FIELD_WEIGHT.keywords);
        for (const m of item.guide.materials) for (const g of grams(m.name.zh, 2)) if (g.length === 2) insertShort.run(g, rid, FIELD_WEIGHT.body);
        if (onProgress && (rid % 1000 === 0 || rid === content.items.length)) onProgress(rid, content.items.length);
      });
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
    db.exec("INSERT INTO search_fts (search_fts) VALUES ('optimize')");
    db.exec('VACUUM');
  } finally {
    db.close();
  }
  return { items: content.items.length, bytes: fs.statSync(file).size };
}
