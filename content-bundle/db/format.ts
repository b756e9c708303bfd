/** Format tag of the packed content database; the kiosk refuses any other. */
// 3: the sentence index (sentence_* tables, the lexicon and the content words in bundle_info).
export const CONTENT_DB_FORMAT = 'kiosk.content-db/3';

/** Ranking weights per field; the reader relies on name > keywords > guide text. */
export const FIELD_WEIGHT = { name: 100, keywords: 10, body: 1 } as const;
