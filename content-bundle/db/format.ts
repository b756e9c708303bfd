/** Format tag of the packed content database; the kiosk refuses any other. */
export const CONTENT_DB_FORMAT = 'kiosk.content-db/2';

/** Ranking weights per field; the reader relies on name > keywords > guide text. */
export const FIELD_WEIGHT = { name: 100, keywords: 10, body: 1 } as const;
