import type { Database, Statement } from 'better-sqlite3';
import { FIELD_WEIGHT } from './content-db-format';
import { ftsLiteral, hasCjk, normaliseQuery, queryTerms, trigrams } from './search-text';

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
  /** Where the best match was: name, keywords (incl. synonyms and pinyin) or guide text. */
  matchedIn: 'name' | 'keywords' | 'guide';
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

const CANDIDATES = 200;

/**
 * Item search over the packed content database. Every statement is prepared once with bound
 * parameters; user text reaches FTS5 only as quoted literals, so FTS syntax in input is just text.
 */
export class ContentSearch {
  private readonly ftsAll: Statement;
  private readonly ftsPinyin: Statement;
  private readonly short: Statement;
  private readonly rows: Statement;
  private readonly synonyms: string[][];

  constructor(private readonly db: Database) {
    this.ftsAll = db.prepare(
      `SELECT rowid AS rid, bm25(search_fts, ${FIELD_WEIGHT.name}, ${FIELD_WEIGHT.keywords}, ${FIELD_WEIGHT.body}, ${FIELD_WEIGHT.keywords}) AS score
       FROM search_fts WHERE search_fts MATCH ? ORDER BY score LIMIT ${CANDIDATES}`,
    );
    this.ftsPinyin = db.prepare(
      `SELECT rowid AS rid, bm25(search_fts, 0, 0, 0, 1) AS score FROM search_fts WHERE search_fts MATCH ? ORDER BY score LIMIT ${CANDIDATES}`,
    );
    this.short = db.prepare(`SELECT rid, weight FROM search_short WHERE term = ? ORDER BY weight DESC LIMIT ${CANDIDATES}`);
    this.rows = db.prepare(
      'SELECT rid, code, name_zh, name_en, department_id, stages, name_pinyin, keyword_text FROM items WHERE rid IN (SELECT value FROM json_each(?))',
    );
    const syn = db.prepare("SELECT value FROM bundle_info WHERE key = 'synonyms'").get() as { value: string } | undefined;
    this.synonyms = syn ? (JSON.parse(syn.value) as string[][]) : [];
  }

  search(q: SearchQuery): SearchHit[] {
    const terms = queryTerms(normaliseQuery(q.query));
    if (terms.length === 0) return [];
    let fuzzy = false;
    let ids = this.exact(terms);
    if (ids.size === 0) {
      ids = this.fuzzy(terms);
      fuzzy = true;
    }
    if (ids.size === 0 && terms.length > 1) ids = this.mostTerms(terms);
    if (ids.size === 0) return [];
    const rows = this.rows.all(JSON.stringify([...ids.keys()])) as Row[];
    const hits = rows
      .filter((r) => (!q.stage || r.stages.includes(`,${q.stage},`)) && (!q.department || r.department_id === q.department))
      .map((r) => ({ row: r, tier: this.tier(r, terms), score: ids.get(r.rid) ?? 0 }))
      .sort((a, b) => b.tier - a.tier || b.score - a.score || a.row.code.localeCompare(b.row.code))
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

  /** Items matching every term; value = summed score (higher is better). */
  private exact(terms: string[]): Map<number, number> {
    let acc: Map<number, number> | null = null;
    for (const term of terms) {
      const found = this.matchTerm(term);
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

  private matchTerm(term: string): Map<number, number> {
    const out = new Map<number, number>();
    const len = [...term].length;
    if (len >= 3) {
      const stmt = hasCjk(term) ? this.ftsAll : this.ftsPinyin;
      for (const r of stmt.all(ftsLiteral(term)) as { rid: number; score: number }[]) out.set(r.rid, -r.score);
    } else if (hasCjk(term) || len === 2) {
      for (const r of this.short.all(term) as { rid: number; weight: number }[]) out.set(r.rid, r.weight);
    }
    return out;
  }

  /** Last resort for several terms: items matching the most of them (stray words or operators in input). */
  private mostTerms(terms: string[]): Map<number, number> {
    const out = new Map<number, number>();
    for (const term of terms) for (const [rid, s] of this.matchTerm(term)) out.set(rid, (out.get(rid) ?? 0) + 1000 + s);
    return out;
  }

  /** Typo path: any trigram of the terms; kept when at least half the query's trigrams are in the item's own text. */
  private fuzzy(terms: string[]): Map<number, number> {
    const tris = [...new Set(terms.flatMap((t) => ([...t].length >= 3 ? trigrams(t) : [])))];
    if (tris.length < 2) return new Map();
    const cjk = tris.some(hasCjk);
    const stmt = cjk ? this.ftsAll : this.ftsPinyin;
    const rows = stmt.all(tris.map(ftsLiteral).join(' OR ')) as { rid: number; score: number }[];
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
  private tier(r: Row, terms: string[]): number {
    const name = `${r.name_zh} ${(r.name_en ?? '').toLowerCase()} ${r.name_pinyin}`;
    // A 2-letter Latin term is a pair of initials: it must start a reading, not sit inside one.
    const inName = (t: string) => (!hasCjk(t) && t.length < 3 ? r.name_pinyin.split(' ').some((p) => p.startsWith(t)) : name.includes(t));
    if (terms.every(inName)) return 3;
    const kw = `${name} ${r.keyword_text.toLowerCase()}`;
    if (terms.every((t) => kw.includes(t) || this.synonymOf(t).some((s) => kw.includes(s)))) return 2;
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
