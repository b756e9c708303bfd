import type { ServicePackage } from './catalogue';
import type { ServiceItem } from './item';

/** The texts a sentence is matched against, field by field (the ranking weighs them differently). */
export interface SearchFields {
  /** Name (zh and en) and the name of the catalogue entry it implements. */
  readonly name: string;
  /** Keywords, and the synonyms of the synonym groups they belong to. */
  readonly keywords: string;
  /** Questions and answers of the guide's FAQ. */
  readonly faq: string;
  /** Department, conditions, materials, legal basis, process, result. */
  readonly guide: string;
}

/** Synonyms of a group belong to an item when any member appears in its name or keywords. */
export const synonymsOf = (own: string, groups: readonly (readonly string[])[]): string[] =>
  groups.filter((g) => g.some((w) => own.includes(w))).flat();

export function itemSearchFields(item: ServiceItem, synonyms: readonly (readonly string[])[]): SearchFields {
  const g = item.guide;
  return {
    name: [item.name.zh, item.name.en ?? '', item.parentName?.zh ?? ''].join(' '),
    keywords: [...new Set([...item.keywords, ...synonymsOf([item.name.zh, ...item.keywords].join(' '), synonyms)])].join(' '),
    faq: g.faq.map((f) => `${f.q.zh} ${f.a.zh}`).join(' '),
    guide: [
      item.department.zh,
      ...g.conditions.map((c) => c.text.zh),
      ...g.materials.map((m) => m.name.zh),
      ...g.legalBasis.map((l) => l.law.zh),
      ...g.process.map((p) => p.name.zh),
      g.result?.name.zh ?? '',
    ].join(' '),
  };
}

/** A 一件事 package as a searchable entry: its name, its description and the names of its items. */
export function packageSearchFields(p: ServicePackage, itemName: (code: string) => string | undefined): SearchFields {
  return {
    name: [p.name.zh, p.name.en ?? ''].join(' '),
    keywords: '',
    faq: '',
    guide: [p.description.zh, ...p.itemCodes.map((c) => itemName(c) ?? '')].join(' '),
  };
}

/** Whether any field of any entry contains the text (for the lexicon check that a catalogue word exists). */
export function catalogueContains(items: readonly ServiceItem[], packages: readonly ServicePackage[], synonyms: readonly (readonly string[])[]): (term: string) => boolean {
  const known = new Map<string, boolean>();
  const texts = function* (): Generator<string> {
    for (const p of packages) yield `${p.name.zh} ${p.description.zh}`;
    for (const i of items) {
      const f = itemSearchFields(i, synonyms);
      yield `${f.name} ${f.keywords} ${f.faq} ${f.guide}`;
    }
  };
  return (term) => {
    let hit = known.get(term);
    if (hit === undefined) {
      hit = false;
      for (const t of texts()) if (t.includes(term)) { hit = true; break; }
      known.set(term, hit);
    }
    return hit;
  };
}
