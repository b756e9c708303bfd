import type { Database } from 'better-sqlite3';
import { itemSearchFields, packageSearchFields, type ContentSet, type SearchFields } from '../model';
import { pinyinForms } from '../db/pinyin';
import { FIELD_B, FIELD_WEIGHT, FIELDS, IMPACT_SCALE, K1, SENTENCE_DDL } from './format';
import { loadSegmenter } from './segmenter';
import { catalogueTokens, stopWords } from './tokens';
import { isHan } from './text';

/** The words jieba must know as words for this content: lexicon words and terms, keywords, synonyms. */
export function contentWords(content: ContentSet): string[] {
  const lex = content.lexicon;
  return [
    ...new Set([
      ...lex.concepts.flatMap((c) => [...c.words, ...c.terms]),
      ...lex.fillers,
      ...content.items.flatMap((i) => i.keywords),
      ...content.synonyms.flat(),
    ]),
  ].filter((w) => isHan(w) && !/\s/.test(w));
}

interface DocTerms {
  /** word → count per field */
  readonly tf: Map<string, number[]>;
  readonly lengths: number[];
}

/**
 * Packs what sentence search needs into the content database at bundle build, so a kiosk only
 * reads: every item and package as an entry, the BM25F impact of each word for each entry (with the
 * first field it is in, for the reason shown), the vocabulary with document frequencies and pinyin,
 * the lexicon and the content words jieba must know. `rids` are the items' row ids in the database;
 * packages are numbered after the items.
 */
export function packSentenceIndex(db: Database, content: ContentSet, rids: ReadonlyMap<string, number>): void {
  db.exec(SENTENCE_DDL);
  const words = contentWords(content);
  const seg = loadSegmenter(words);
  const stop = stopWords(content.lexicon.fillers);

  const docs: { did: number; kind: 'item' | 'package'; ref: string; flowId: string | null; fields: SearchFields }[] = [];
  for (const item of content.items) docs.push({ did: rids.get(item.code) ?? 0, kind: 'item', ref: item.code, flowId: item.flowId ?? null, fields: itemSearchFields(item, content.synonyms) });
  const nameOf = new Map(content.items.map((i) => [i.code, i.name.zh]));
  content.packages.forEach((p, i) => docs.push({ did: rids.size + i + 1, kind: 'package', ref: p.id, flowId: null, fields: packageSearchFields(p, (c) => nameOf.get(c)) }));

  // Catalogue texts repeat (shared guides, materials): each distinct text is cut once.
  const cache = new Map<string, string[]>();
  const tokens = (text: string): string[] => {
    let t = cache.get(text);
    if (!t) cache.set(text, (t = catalogueTokens(text, seg, stop)));
    return t;
  };
  const terms: DocTerms[] = docs.map((d) => {
    const tf = new Map<string, number[]>();
    const lengths = FIELDS.map((f, fi) => {
      const list = tokens(d.fields[f]);
      for (const w of list) {
        let counts = tf.get(w);
        if (!counts) tf.set(w, (counts = FIELDS.map(() => 0)));
        counts[fi] = (counts[fi] ?? 0) + 1;
      }
      return list.length;
    });
    return { tf, lengths };
  });

  const n = docs.length;
  const avg = FIELDS.map((_, fi) => Math.max(1, terms.reduce((s, t) => s + (t.lengths[fi] ?? 0), 0) / Math.max(1, n)));
  const df = new Map<string, number>();
  for (const t of terms) for (const w of t.tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);

  const insertDoc = db.prepare('INSERT INTO sentence_docs (did, kind, ref, flow_id) VALUES (?, ?, ?, ?)');
  const insertPosting = db.prepare('INSERT INTO sentence_postings (term, impact, did, field) VALUES (?, ?, ?, ?)');
  docs.forEach((d, i) => {
    insertDoc.run(d.did, d.kind, d.ref, d.flowId);
    const { tf, lengths } = terms[i]!;
    for (const [w, counts] of tf) {
      let weighted = 0;
      let first = -1;
      FIELDS.forEach((f, fi) => {
        const c = counts[fi] ?? 0;
        if (c === 0) return;
        if (first < 0) first = fi;
        weighted += (FIELD_WEIGHT[f] * c) / (1 - FIELD_B[f] + (FIELD_B[f] * (lengths[fi] ?? 0)) / (avg[fi] ?? 1));
      });
      const d_ = df.get(w) ?? 1;
      const idf = Math.log(1 + (n - d_ + 0.5) / (d_ + 0.5));
      const impact = Math.round(IMPACT_SCALE * idf * ((weighted * (K1 + 1)) / (weighted + K1)));
      if (impact > 0) insertPosting.run(w, impact, d.did, first);
    }
  });

  // The vocabulary: catalogue words, and the lexicon's words and terms (df 0 when the catalogue lacks them).
  const lex = content.lexicon;
  const vocabulary = new Map<string, number>(df);
  for (const w of [...lex.concepts.flatMap((c) => [...c.words, ...c.terms]), ...lex.fillers]) if (!vocabulary.has(w)) vocabulary.set(w, 0);
  const insertTerm = db.prepare('INSERT INTO sentence_terms (term, df, pinyin) VALUES (?, ?, ?)');
  for (const [w, count] of vocabulary) insertTerm.run(w, count, isHan(w) ? pinyinForms(w).full : '');

  const info = db.prepare('INSERT INTO bundle_info (key, value) VALUES (?, ?)');
  info.run('lexicon', JSON.stringify(lex));
  info.run('sentence_words', JSON.stringify(words));
}

