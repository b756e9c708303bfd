/** Fields of the sentence index, in the order a reason names them (the first one a word is in). */
export const FIELDS = ['name', 'keywords', 'faq', 'guide'] as const;
export type Field = (typeof FIELDS)[number];

/**
 * BM25F: a word in the name counts most, then keywords, FAQ, guide text; `b` normalises by field
 * length (names and keywords are short and alike, so they are normalised less).
 */
export const FIELD_WEIGHT: Record<Field, number> = { name: 5, keywords: 3, faq: 1.5, guide: 0.6 };
export const FIELD_B: Record<Field, number> = { name: 0.4, keywords: 0.3, faq: 0.75, guide: 0.75 };
export const K1 = 1.2;
/** Impacts are stored as integers: thousandths. */
export const IMPACT_SCALE = 1000;

export const SENTENCE_DDL = `
-- flow_id: an item's guided flow, so a result is shown without reading its whole document.
CREATE TABLE sentence_docs (did INTEGER PRIMARY KEY, kind TEXT NOT NULL, ref TEXT NOT NULL, flow_id TEXT);
CREATE UNIQUE INDEX sentence_docs_ref ON sentence_docs (kind, ref);
-- One row per word and entry: its BM25F impact (idf included) and the first field it is in; the
-- key hands out the strongest entries of a word first, so a common word is read only to a limit.
CREATE TABLE sentence_postings (term TEXT NOT NULL, impact INTEGER NOT NULL, did INTEGER NOT NULL, field INTEGER NOT NULL,
  PRIMARY KEY (term, impact DESC, did)) WITHOUT ROWID;
-- Every word of the catalogue and the lexicon with its document frequency and toneless pinyin
-- (how pinyin sentences and homophone typos are read back into words).
CREATE TABLE sentence_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL, pinyin TEXT NOT NULL) WITHOUT ROWID;
`;
