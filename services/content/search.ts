import type { Database, Statement } from 'better-sqlite3';
import { FIELD_WEIGHT } from '../../content-bundle/db/format';
import { ftsLiteral, hasCjk, normaliseQuery, queryTerms, trigrams } from '../../content-bundle/db/search-text';

export interface SearchQuery {
  readonly query: string;
  readonly stage?: string | undefined;
  readonly department?: string | undefined;
  readonly limit: number;
}

export interface SearchHit {
  code: string;
  name: string;
  nameEn: string | null;
  departmentId: string;
  /** Where the best match was: name, keywords (incl. synonyms and pinyin), guide text; `catalogue` when browsing without a query. */
  matchedIn: 'name' | 'keywords' | 'guide' | 'catalogue';
  /** [start, end) code-unit ranges of the name to highlight. */
  highlights: [number, number][];
  fuzzy: boolean;
}

interface Row {
  rid: number;
  code: string;
  name_zh: string;
  name_en: string | null;
  department_id: string;
  stages: string;
  name_pinyin: string;
  keyword_text: string;
}

/** Candidates read per term: enough to fill a page after the stage/department filters. */
const CANDIDATES = 200;
/** With several terms the first ones are intersected with the others, so each reads more. */
const CANDIDATES_PER_TERM_OF_MANY = 2000;

interface Filter {
  stage: string | null;
  department: string | null;
}

const ROW_COLUMNS = 'rid, code, name_zh, name_en, department_id, stages, name_pinyin, keyword_text';

/**
 * Item search over the packed content database. Every statement is prepared once with bound
 * parameters; user text reaches FTS5 only as quoted literals, so FTS syntax in input is just text.
 *
 * Matching reads the fields in rank order (name, keywords, guide text) and stops once it has
 * enough; the database numbers items best first (see content-db-build), so no match list is ever
 * scored or sorted in full, however common the term.
 */
export class ContentSearch {
  private readonly ftsName: Statement;
  private readonly ftsKeywords: Statement;
  private readonly ftsBody: Statement;
  private readonly ftsRanked: Statement;
  private readonly short: Statement;
  private readonly rows: Statement;
  private readonly browseRows: Statement;
  private readonly synonyms: string[][];

  /**
   * `spell`: the toneless pinyin of Chinese text (pinyin-pro); with it, a query written with the
   * wrong character of the right sound (注消 for 注销, the usual slip of a pinyin keyboard) still
   * finds the item.
   */
  constructor(
    private readonly db: Database,
    private readonly spell?: (text: string) => string,
  ) {
    // Stage and department filters run inside each index read, so LIMIT counts only what is kept.
    const filter = `(@stage IS NULL OR instr(i.stages, ',' || @stage || ',') > 0) AND (@department IS NULL OR i.department_id = @department)`;
    const fts = (table: string, columns: string) =>
      db.prepare(`SELECT f.rowid AS rid FROM ${table} f JOIN items i ON i.rid = f.rowid WHERE ${table} MATCH '${columns}' || @match AND ${filter} LIMIT @limit`);
    this.ftsName = fts('search_head', '{name name_pinyin} : ');
    this.ftsKeywords = fts('search_head', '{keywords keyword_pinyin} : ');
    this.ftsBody = fts('search_body', '');
    // Only the typo path scores (an OR of trigrams), and only when nothing matched exactly.
    this.ftsRanked = db.prepare(
      `SELECT rowid AS rid, bm25(search_head, ${FIELD_WEIGHT.name}, ${FIELD_WEIGHT.name}, ${FIELD_WEIGHT.keywords}, ${FIELD_WEIGHT.keywords}) AS score
       FROM search_head WHERE search_head MATCH ? ORDER BY score LIMIT ${CANDIDATES}`,
    );
    // The key (term, weight DESC, rid) hands out the best-weighted rows first without sorting.
    this.short = db.prepare(
      `SELECT s.rid, s.weight FROM search_short s JOIN items i ON i.rid = s.rid WHERE s.term = @term AND ${filter} ORDER BY s.weight DESC, s.rid LIMIT @limit`,
    );
    this.rows = db.prepare(`SELECT ${ROW_COLUMNS} FROM items WHERE rid IN (SELECT value FROM json_each(?))`);
    this.browseRows = db.prepare(
      `SELECT ${ROW_COLUMNS} FROM items WHERE (@stage IS NULL OR instr(stages, ',' || @stage || ',') > 0)
       AND (@department IS NULL OR department_id = @department) ORDER BY ord LIMIT @limit`,
    );
    const syn = db.prepare("SELECT value FROM bundle_info WHERE key = 'synonyms'").get() as { value: string } | undefined;
    this.synonyms = syn ? (JSON.parse(syn.value) as string[][]) : [];
  }

  search(q: SearchQuery): SearchHit[] {
    const typed = queryTerms(normaliseQuery(q.query));
    if (typed.length === 0) return q.stage || q.department ? this.browse(q) : [];
    const filter: Filter = { stage: q.stage ?? null, department: q.department ?? null };
    const found = this.find(typed, filter, q.limit);
    if (!found) return [];
    const { ids, terms, fuzzy } = found;
    const rows = this.rows.all(JSON.stringify([...ids.keys()])) as Row[];
    const synonyms = terms.map((t) => this.synonymOf(t));
    const hits = rows
      .filter((r) => (!q.stage || r.stages.includes(`,${q.stage},`)) && (!q.department || r.department_id === q.department))
      .map((r) => ({ row: r, tier: this.tier(r, terms, synonyms), score: ids.get(r.rid) ?? 0 }))
      .sort((a, b) => b.tier - a.tier || b.score - a.score || a.row.rid - b.row.rid)
      .slice(0, q.limit);
    return hits.map(({ row, tier }) => ({
      code: row.code,
      name: row.name_zh,
      nameEn: row.name_en,
      departmentId: row.department_id,
      matchedIn: tier >= 3 ? 'name' : tier === 2 ? 'keywords' : 'guide',
      highlights: this.highlights(row.name_zh, terms),
      fuzzy,
    }));
  }

  /**
   * The matches, tried from the exact to the tolerant: every term; a typo in a longer word (shared
   * trigrams); the same sound written with other characters; all characters but one of a Chinese
   * word; most of the terms. `terms` are the ones that matched, for ranking and highlighting.
   */
  private find(typed: string[], filter: Filter, pageSize: number): { ids: Map<number, number>; terms: string[]; fuzzy: boolean } | null {
    const exact = this.exact(typed, filter, pageSize);
    if (exact.size > 0) return { ids: exact, terms: typed, fuzzy: false };
    const typo = this.fuzzy(typed);
    if (typo.size > 0) return { ids: typo, terms: typed, fuzzy: true };
    if (this.spell && typed.some(hasCjk)) {
      const spoken = typed.map((t) => (hasCjk(t) ? this.spell?.(t) ?? t : t)).filter((t) => t.length > 0);
      const homophones = this.exact(spoken, filter, pageSize);
      if (homophones.size > 0) return { ids: homophones, terms: spoken, fuzzy: true };
    }
    const [only] = typed;
    if (typed.length === 1 && only !== undefined && hasCjk(only)) {
      const alike = this.allButOneCharacter(only, filter);
      if (alike.size > 0) return { ids: alike, terms: typed, fuzzy: true };
    }
    const most = typed.length > 1 ? this.mostTerms(typed, filter) : new Map<number, number>();
    return most.size > 0 ? { ids: most, terms: typed, fuzzy: true } : null;
  }

  /** Browsing a life-cycle stage or a department without a query: its items in catalogue order. */
  private browse(q: SearchQuery): SearchHit[] {
    const rows = this.browseRows.all({ stage: q.stage ?? null, department: q.department ?? null, limit: q.limit }) as Row[];
    return rows.map((r) => ({ code: r.code, name: r.name_zh, nameEn: r.name_en, departmentId: r.department_id, matchedIn: 'catalogue', highlights: [], fuzzy: false }));
  }

  /** Items matching every term; value = summed score (higher is better). */
  private exact(terms: string[], filter: Filter, pageSize: number): Map<number, number> {
    // One Chinese term, or one of 3+ letters, is read in final rank order (the field it is found in
    // is its tier, and rid breaks ties), so one page of it is exactly the page to show.
    const [only] = terms;
    const inRankOrder = terms.length === 1 && only !== undefined && (hasCjk(only) || only.length >= 3);
    const limit = inRankOrder ? pageSize : terms.length > 1 ? CANDIDATES_PER_TERM_OF_MANY : CANDIDATES;
    let acc: Map<number, number> | null = null;
    for (const term of terms) {
      const found = this.matchTerm(term, filter, limit);
      if (acc === null) acc = found;
      else {
        const next = new Map<number, number>();
        for (const [rid, s] of acc) {
          const t = found.get(rid);
          if (t !== undefined) next.set(rid, s + t);
        }
        acc = next;
      }
      if (acc.size === 0) break;
    }
    return acc ?? new Map();
  }

  /** Up to `limit` items containing the term, best field first; value = that field's weight. */
  private matchTerm(term: string, filter: Filter, limit = CANDIDATES): Map<number, number> {
    const out = new Map<number, number>();
    const len = [...term].length;
    if (len >= 3) {
      const match = ftsLiteral(term);
      const fields: [Statement, number][] = [[this.ftsName, FIELD_WEIGHT.name], [this.ftsKeywords, FIELD_WEIGHT.keywords]];
      if (hasCjk(term)) fields.push([this.ftsBody, FIELD_WEIGHT.body]);
      for (const [stmt, weight] of fields) {
        if (out.size >= limit) break;
        for (const r of stmt.all({ match, limit, ...filter }) as { rid: number }[]) if (!out.has(r.rid)) out.set(r.rid, weight);
      }
    } else if (hasCjk(term) || len === 2) {
      for (const r of this.short.all({ term, limit, ...filter }) as { rid: number; weight: number }[]) out.set(r.rid, r.weight);
    }
    return out;
  }

  /** Last resort for several terms: items matching the most of them (stray words or operators in input). */
  private mostTerms(terms: string[], filter: Filter): Map<number, number> {
    const out = new Map<number, number>();
    for (const term of terms) for (const [rid, s] of this.matchTerm(term, filter)) out.set(rid, (out.get(rid) ?? 0) + 1000 + s);
    return out;
  }

  /** A Chinese word of 3+ characters with one wrong (食吕经营 for 食品经营): items that have all the others. */
  private allButOneCharacter(term: string, filter: Filter): Map<number, number> {
    const chars = [...new Set(term)];
    if (chars.length < 3) return new Map();
    const count = new Map<number, number>();
    const weight = new Map<number, number>();
    for (const c of chars) {
      for (const r of this.short.all({ term: c, limit: CANDIDATES_PER_TERM_OF_MANY, ...filter }) as { rid: number; weight: number }[]) {
        count.set(r.rid, (count.get(r.rid) ?? 0) + 1);
        weight.set(r.rid, (weight.get(r.rid) ?? 0) + r.weight);
      }
    }
    const out = new Map<number, number>();
    for (const [rid, n] of count) if (n >= chars.length - 1) out.set(rid, n * 1000 + (weight.get(rid) ?? 0));
    return out;
  }

  /** Typo path: any trigram of the terms; kept when at least half the query's trigrams are in the item's own text. */
  private fuzzy(terms: string[]): Map<number, number> {
    const tris = [...new Set(terms.flatMap((t) => ([...t].length >= 3 ? trigrams(t) : [])))];
    if (tris.length < 2) return new Map();
    const rows = this.ftsRanked.all(tris.map(ftsLiteral).join(' OR ')) as { rid: number; score: number }[];
    if (rows.length === 0) return new Map();
    const text = this.rows.all(JSON.stringify(rows.map((r) => r.rid))) as Row[];
    const byId = new Map(text.map((r) => [r.rid, `${r.name_zh} ${r.keyword_text} ${r.name_pinyin}`.toLowerCase()]));
    const need = Math.max(2, Math.ceil(tris.length / 2));
    const out = new Map<number, number>();
    for (const r of rows) {
      const own = byId.get(r.rid) ?? '';
      const hits = tris.filter((t) => own.includes(t)).length;
      if (hits >= need) out.set(r.rid, hits * 10 - r.score);
    }
    return out;
  }

  /** 3 = every term is in the name (or its pinyin), 2 = in keywords/synonyms, 1 = guide text only. */
  private tier(r: Row, terms: string[], synonyms: string[][]): number {
    // Lower case as the query is, and as FTS5 matches (a name may hold Latin letters: ICP 许可).
    const name = `${r.name_zh} ${r.name_en ?? ''} ${r.name_pinyin}`.toLowerCase();
    // A 2-letter Latin term is a pair of initials: it must start a reading, not sit inside one.
    const inName = (t: string) => (!hasCjk(t) && t.length < 3 ? r.name_pinyin.split(' ').some((p) => p.startsWith(t)) : name.includes(t));
    if (terms.every(inName)) return 3;
    const kw = `${name} ${r.keyword_text.toLowerCase()}`;
    if (terms.every((t, i) => kw.includes(t) || (synonyms[i] ?? []).some((s) => kw.includes(s)))) return 2;
    return 1;
  }

  private synonymOf(term: string): string[] {
    return this.synonyms.filter((g) => g.includes(term)).flat();
  }

  private highlights(name: string, terms: string[]): [number, number][] {
    const out: [number, number][] = [];
    for (const t of terms.flatMap((x) => [x, ...this.synonymOf(x)])) {
      if (!hasCjk(t)) continue;
      let at = name.indexOf(t);
      while (at >= 0) {
        out.push([at, at + t.length]);
        at = name.indexOf(t, at + t.length);
      }
    }
    out.sort((a, b) => a[0] - b[0]);
    // Overlapping ranges (a term and its synonym) become one.
    const merged: [number, number][] = [];
    for (const r of out) {
      const last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    }
    return merged;
  }
}
