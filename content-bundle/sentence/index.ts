import type { Database, Statement } from 'better-sqlite3';
import { BUILT_IN_FILLERS, lexicon as lexiconSchema, type Lexicon, type LifeEventRule, type LocalText } from '../model';
import { rankSlots, type Scored } from './rank';
import { loadSegmenter } from './segmenter';
import { isHan, stemEnglish } from './text';
import { createUnderstander, type Understander, type Understanding } from './understand';
import { Vocabulary } from './vocabulary';
import { lifeEventReason, reasons } from './why';

/** One thing the kiosk offers for a sentence: a catalogue item or 一件事 package, and why. */
export interface SentenceResult {
  readonly kind: 'item' | 'package';
  /** Item code or package id. */
  readonly ref: string;
  readonly name: LocalText;
  /** The item's guided flow (情形引导), when it has one. */
  readonly flowId: string | null;
  readonly why: readonly LocalText[];
  /** Put first by a life-event rule of the lexicon. */
  readonly lifeEvent: boolean;
  readonly score: number;
}

export interface SentenceAnswer {
  /** What was typed reads as a sentence (fillers, several parts, everyday words), not as a catalogue word. */
  readonly sentence: boolean;
  readonly results: readonly SentenceResult[];
  /** Asked back when the sentence is ambiguous; an option's id is what `answers` takes. */
  readonly clarify: { id: string; question: LocalText; options: { id: string; label: LocalText }[] } | null;
  readonly understood: Understanding;
}

export interface AskOptions {
  /** Options tapped in answer to clarifying questions (`question:option`). */
  readonly answers?: readonly string[];
  readonly limit?: number;
}

/**
 * Sentence search over a packed content database (format 3): understands a sentence with the
 * content's lexicon, ranks items and packages by BM25F over the packed impacts, puts a life event's
 * package first and says why for each result. Everything is read from the database; nothing is
 * fetched, and only catalogue entries are ever returned.
 */
export class SentenceIndex {
  readonly lexicon: Lexicon;
  private readonly understander: Understander;
  private readonly postings: Statement;
  private readonly docByDid: Statement;
  private readonly didOf: Statement;
  private readonly itemRow: Statement;
  private readonly itemByCode: Statement;
  private readonly packageDoc: Statement;
  /** Each package's entry and the entries of its items. */
  private readonly packageItems = new Map<number, number[]>();

  constructor(db: Database) {
    const info = db.prepare('SELECT value FROM bundle_info WHERE key = ?').pluck();
    const json = <T>(key: string, fallback: T): T => {
      const v = info.get(key) as string | undefined;
      return v === undefined ? fallback : (JSON.parse(v) as T);
    };
    this.lexicon = lexiconSchema.parse(json('lexicon', {}));
    const seg = loadSegmenter(json<string[]>('sentence_words', []));
    const fillers = new Set([...BUILT_IN_FILLERS, ...this.lexicon.fillers]);
    const spoken = new Set([...this.lexicon.concepts.flatMap((c) => c.words.filter(isHan)), ...fillers]);
    const vocab = new Vocabulary(db, spoken);
    const englishFillers = new Set([...fillers].filter((f) => !isHan(f)).map(stemEnglish));
    this.understander = createUnderstander(this.lexicon, vocab, seg, json<string[][]>('synonyms', []), new Set([...fillers, ...englishFillers]));
    this.postings = db.prepare('SELECT did, impact, field FROM sentence_postings WHERE term = ? ORDER BY impact DESC LIMIT ?').raw();
    this.docByDid = db.prepare('SELECT kind, ref FROM sentence_docs WHERE did = ?');
    this.didOf = db.prepare('SELECT did FROM sentence_docs WHERE kind = ? AND ref = ?').pluck();
    this.itemRow = db.prepare("SELECT i.name_zh, i.name_en, s.flow_id FROM items i JOIN sentence_docs s ON s.kind = 'item' AND s.ref = i.code WHERE i.code = ?");
    this.itemByCode = db.prepare('SELECT name_zh, name_en FROM items WHERE code = ?');
    this.packageDoc = db.prepare("SELECT doc FROM docs WHERE kind = 'package' AND id = ?").pluck();
    for (const { did, ref } of db.prepare("SELECT did, ref FROM sentence_docs WHERE kind = 'package'").all() as { did: number; ref: string }[]) {
      const codes = this.package(ref)?.itemCodes ?? [];
      this.packageItems.set(did, codes.flatMap((c) => (this.didOf.get('item', c) as number | undefined) ?? []));
    }
  }

  ask(sentence: string, options: AskOptions = {}): SentenceAnswer {
    const limit = options.limit ?? 5;
    const understood = this.understander.understand(sentence, options.answers ?? []);
    const scored = this.packagesBehindTheirItems(understood.slots.length > 0 ? rankSlots(understood.slots, this.postings, (kind, ref) => this.didOf.get(kind, ref) as number | undefined) : []);
    const results: SentenceResult[] = [];
    const placed = new Set<string>();
    for (const rule of understood.lifeEvents) {
      const did = this.didOf.get('package', rule.package) as number | undefined;
      const own = scored.find((s) => s.did === did);
      const r = this.lifeEventResult(rule, own);
      if (r && !placed.has(`package:${r.ref}`)) {
        placed.add(`package:${r.ref}`);
        results.push(r);
      }
    }
    for (const s of scored) {
      if (results.length >= limit) break;
      const r = this.result(s);
      if (r && !placed.has(`${r.kind}:${r.ref}`)) {
        placed.add(`${r.kind}:${r.ref}`);
        results.push(r);
      }
    }
    const q = understood.clarify;
    return {
      sentence: understood.sentence,
      results: results.slice(0, limit),
      clarify: q ? { id: q.id, question: q.question, options: q.options.map((o) => ({ id: `${q.id}:${o.id}`, label: o.label })) } : null,
      understood,
    };
  }

  /**
   * A package found only through its items' names and its description comes right after the best
   * of those items: the item is what the sentence named. Found by its own name, or named by the
   * lexicon, it keeps its place (and a life event puts it first anyway).
   */
  private packagesBehindTheirItems(scored: Scored[]): Scored[] {
    const score = new Map(scored.map((s) => [s.did, s.score]));
    const out = scored.map((s) => {
      const items = this.packageItems.get(s.did);
      if (!items || s.matches.some((m) => (m.field === 'name' || m.field === 'target') && m.slot.weight >= 1)) return s;
      const best = Math.max(0, ...items.map((d) => score.get(d) ?? 0));
      return best > 0 && best < s.score ? { ...s, score: best * 0.95 } : s;
    });
    return out.sort((a, b) => b.score - a.score || a.did - b.did);
  }

  private result(s: Scored): SentenceResult | null {
    const doc = this.docByDid.get(s.did) as { kind: 'item' | 'package'; ref: string } | undefined;
    if (!doc) return null;
    const entry = doc.kind === 'item' ? this.item(doc.ref) : this.package(doc.ref);
    if (!entry) return null;
    return { kind: doc.kind, ref: doc.ref, name: entry.name, flowId: entry.flowId, why: reasons({ kind: doc.kind, name: entry.name }, s.matches), lifeEvent: false, score: s.score };
  }

  private lifeEventResult(rule: LifeEventRule, own: Scored | undefined): SentenceResult | null {
    const p = this.package(rule.package);
    if (!p) return null;
    const items = p.itemCodes.map((c) => this.itemByCode.get(c) as { name_zh: string; name_en: string | null } | undefined).flatMap((r) => (r ? [local(r.name_zh, r.name_en)] : []));
    const lead = [lifeEventReason(rule, items)];
    return { kind: 'package', ref: rule.package, name: p.name, flowId: null, why: reasons({ kind: 'package', name: p.name }, own?.matches ?? [], lead), lifeEvent: true, score: own?.score ?? 0 };
  }

  private item(code: string): { name: LocalText; flowId: string | null } | null {
    const r = this.itemRow.get(code) as { name_zh: string; name_en: string | null; flow_id: string | null } | undefined;
    return r ? { name: local(r.name_zh, r.name_en), flowId: r.flow_id } : null;
  }

  private package(id: string): { name: LocalText; flowId: null; itemCodes: string[] } | null {
    const doc = this.packageDoc.get(id) as string | undefined;
    if (!doc) return null;
    const p = JSON.parse(doc) as { name: LocalText; itemCodes: string[] };
    return { name: p.name, flowId: null, itemCodes: p.itemCodes };
  }
}

const local = (zh: string, enText: string | null): LocalText => (enText ? { zh, en: enText } : { zh });
