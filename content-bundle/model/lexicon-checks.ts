import type { ContentIssue, ItemLookup } from './content-issue';
import type { Lexicon } from './lexicon';
import { BUILT_IN_FILLERS } from './lexicon-fillers';

/** What the lexicon checks look up in the rest of the content set. */
export interface LexiconScope {
  readonly items: ItemLookup;
  readonly packageIds: ReadonlySet<string>;
  /** Whether a catalogue word occurs in some item's name, keywords or guide text, or a package's name or description; omitted: not checked. */
  readonly catalogueHas?: (term: string) => boolean;
}

const duplicates = (ids: readonly string[]): string[] => {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const id of ids) (seen.has(id) ? twice : seen).add(id);
  return [...twice];
};

/**
 * Static checks of the domain lexicon: every concept leads somewhere that exists (a catalogue word
 * the catalogue holds, an item, a package), a word means one concept only (an ambiguous word is a
 * clarifying question, not two concepts), no concept word is a filler the kiosk drops, and the
 * life events and clarifying questions name concepts and packages that exist.
 */
export function checkLexicon(lex: Lexicon, scope: LexiconScope): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const add = (where: string, message: string) => issues.push({ where, message });
  const conceptIds = new Set(lex.concepts.map((c) => c.id));
  for (const d of duplicates(lex.concepts.map((c) => c.id))) add('lexicon', `duplicate concept id ${d}`);
  for (const d of duplicates(lex.lifeEvents.map((r) => r.id))) add('lexicon', `duplicate life event id ${d}`);
  for (const d of duplicates(lex.clarify.map((q) => q.id))) add('lexicon', `duplicate clarifying question id ${d}`);

  const fillers = new Set([...BUILT_IN_FILLERS, ...lex.fillers]);
  const owner = new Map<string, string>();
  for (const c of lex.concepts) {
    const where = `lexicon concept ${c.id}`;
    if (c.terms.length + c.items.length + c.packages.length === 0) add(where, 'leads nowhere: give terms, items or packages');
    for (const w of c.words) {
      const other = owner.get(w);
      if (other !== undefined && other !== c.id) add(where, `word ${w} also belongs to concept ${other}`);
      owner.set(w, c.id);
      if (fillers.has(w)) add(where, `word ${w} is a filler the kiosk drops`);
    }
    for (const code of c.items) if (!scope.items.has(code)) add(where, `unknown item ${code}`);
    for (const id of c.packages) if (!scope.packageIds.has(id)) add(where, `unknown package ${id}`);
    if (scope.catalogueHas) for (const term of c.terms) if (!scope.catalogueHas(term)) add(where, `term ${term} occurs nowhere in the catalogue`);
  }
  for (const r of lex.lifeEvents) {
    const where = `lexicon life event ${r.id}`;
    for (const id of [...r.when, ...r.unless]) if (!conceptIds.has(id)) add(where, `unknown concept ${id}`);
    if (!scope.packageIds.has(r.package)) add(where, `unknown package ${r.package}`);
  }
  for (const q of lex.clarify) {
    const where = `lexicon clarifying question ${q.id}`;
    if (!conceptIds.has(q.when)) add(where, `unknown concept ${q.when}`);
    for (const d of duplicates(q.options.map((o) => o.id))) add(where, `duplicate option ${d}`);
    for (const o of q.options) if (!conceptIds.has(o.concept)) add(where, `option ${o.id}: unknown concept ${o.concept}`);
  }
  return issues;
}
