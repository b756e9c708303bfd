import type { Statement } from 'better-sqlite3';
import { FIELDS, type Field } from './format';
import type { Slot } from './understand';

/** Entries read per index word: the strongest ones (the index hands them out first). */
const POSTINGS_PER_WORD = 250;
/** A concept is what the person meant; a word of theirs may be incidental. */
const CONCEPT_WEIGHT = 1.3;
/** Entries scoring below this share of the best are not worth showing. */
const RELATIVE_FLOOR = 0.2;

/** How one slot matched one entry: its score and the field of the word that matched best. */
export interface SlotMatch {
  readonly slot: Slot;
  readonly score: number;
  readonly field: Field | 'target';
  readonly token: string;
}

export interface Scored {
  readonly did: number;
  readonly score: number;
  /** Slots that matched, strongest first. */
  readonly matches: readonly SlotMatch[];
}

type Posting = { impact: number; field: number };

/**
 * BM25F over slots: each slot scores an entry by its best alternative (a bag of index words, partly
 * matched bags scaled by the share matched), a concept also by the entries it names directly (as
 * strong as its best word match); the entry's score is the weighted sum, scaled by the share of
 * slots it matches, so an entry that fits the whole sentence beats one that fits one word loudly.
 */
export function rankSlots(slots: readonly Slot[], postings: Statement, targetDid: (kind: 'item' | 'package', ref: string) => number | undefined): Scored[] {
  const cache = new Map<string, Map<number, Posting>>();
  const read = (token: string): Map<number, Posting> => {
    let m = cache.get(token);
    if (!m) {
      m = new Map();
      for (const [did, impact, field] of postings.all(token, POSTINGS_PER_WORD) as [number, number, number][]) m.set(did, { impact, field });
      cache.set(token, m);
    }
    return m;
  };

  const perSlot: Map<number, SlotMatch>[] = slots.map((slot) => {
    const best = new Map<number, SlotMatch>();
    for (const alt of slot.alternatives) {
      const maps = alt.tokens.map(read);
      const dids = new Set(maps.flatMap((m) => [...m.keys()]));
      for (const did of dids) {
        let sum = 0;
        let matched = 0;
        let top: { token: string; impact: number; field: number } | null = null;
        for (let k = 0; k < maps.length; k++) {
          const p = maps[k]!.get(did);
          if (!p) continue;
          sum += p.impact;
          matched++;
          if (!top || p.impact > top.impact) top = { token: alt.tokens[k]!, impact: p.impact, field: p.field };
        }
        const score = alt.weight * sum * (matched / alt.tokens.length);
        const held = best.get(did);
        if (top && (!held || score > held.score)) best.set(did, { slot, score, field: FIELDS[top.field] ?? 'guide', token: top.token });
      }
    }
    const c = slot.concept;
    if (c && c.items.length + c.packages.length > 0) {
      const strongest = Math.max(1, ...[...best.values()].map((m) => m.score));
      const targets = [...c.items.map((r) => targetDid('item', r)), ...c.packages.map((r) => targetDid('package', r))];
      for (const did of targets) {
        if (did === undefined) continue;
        const held = best.get(did);
        if (!held || held.score < strongest) best.set(did, { slot, score: strongest, field: 'target', token: slot.said });
      }
    }
    return best;
  });

  const totals = new Map<number, SlotMatch[]>();
  perSlot.forEach((m) => {
    for (const [did, match] of m) totals.set(did, [...(totals.get(did) ?? []), match]);
  });
  // One word of the person's found only somewhere in a long guide is no evidence that the entry fits,
  // and a lone character (小, 证) outside the lexicon is hardly a word of theirs at all.
  const strong = (m: SlotMatch) => m.slot.kind === 'concept' || [...(m.slot.meant ?? m.slot.said)].length > 1;
  const evident = (matches: readonly SlotMatch[]) => matches.some((m) => m.slot.kind === 'concept' || (strong(m) && m.field !== 'guide')) || matches.filter(strong).length >= 2;
  // The share of the sentence an entry fits counts what was said of substance: context (开, 公司) adds
  // to the score but matching it does not make an entry fit the sentence better.
  const substantive = slots.filter((sl) => sl.weight >= 1).length;
  const share = (matches: readonly SlotMatch[]) =>
    substantive > 0 ? (1 + matches.filter((m) => m.slot.weight >= 1).length) / (1 + substantive) : (1 + matches.length) / (1 + slots.length);
  const scored: Scored[] = [...totals].filter(([, matches]) => evident(matches)).map(([did, matches]) => {
    const sum = matches.reduce((s, m) => s + m.score * m.slot.weight * (m.slot.kind === 'concept' ? CONCEPT_WEIGHT : 1), 0);
    return { did, score: sum * share(matches), matches: [...matches].sort((a, b) => b.score - a.score) };
  });
  scored.sort((a, b) => b.score - a.score || a.did - b.did);
  const floor = (scored[0]?.score ?? 0) * RELATIVE_FLOOR;
  return scored.filter((s) => s.score > 0 && s.score >= floor);
}
