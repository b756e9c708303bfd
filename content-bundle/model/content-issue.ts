import type { ServiceItem } from './item';

/** One problem found in a content set; a bundle build fails when there is any. */
export interface ContentIssue {
  readonly where: string;
  readonly message: string;
}

/** What the whole-set checks need of the items: which codes exist, and an item on demand. */
export interface ItemLookup {
  has(code: string): boolean;
  get(code: string): ServiceItem | undefined;
}

export const itemLookup = (items: readonly ServiceItem[]): ItemLookup => {
  const byCode = new Map(items.map((i) => [i.code, i]));
  return { has: (code) => byCode.has(code), get: (code) => byCode.get(code) };
};
