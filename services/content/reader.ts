import type { Database } from 'better-sqlite3';
import {
  explainFieldRule,
  lifeStage,
  type FormDefinition,
  type LocalText,
  type Notice,
  type Policy,
  type ServiceItem,
  type ServicePackage,
  type ServicePoint,
  type SituationFlow,
} from '../../content-bundle/model';
import type { EnterpriseProfile } from '../../platform-wire/model/enterprise';
import { CONTENT_DB_FORMAT } from '../../content-bundle/db/format';
import { contentDbFormat, openContentDb } from '../../content-bundle/db/read';
import { pinyinForms } from '../../content-bundle/db/pinyin';
import { ContentSearch, type SearchHit, type SearchQuery } from './search';
import { SentenceIndex } from '../../content-bundle/sentence/index';

/** Installed content this build cannot read (packed by an older or newer operator tool). */
export class UnsupportedContentFormat extends Error {
  constructor(readonly format: string | null) {
    super(`content database format ${format ?? '(none)'} is not ${CONTENT_DB_FORMAT}`);
    this.name = 'UnsupportedContentFormat';
  }
}

/** Read side of one installed content version (a packed database opened read-only). */
export class ContentReader {
  private readonly db: Database;
  private readonly searcher: ContentSearch;
  private readonly docStmt;
  private sentenceIndex: SentenceIndex | null = null;

  constructor(file: string, readonly version: number) {
    this.db = openContentDb(file);
    const format = contentDbFormat(this.db);
    if (format !== CONTENT_DB_FORMAT) {
      this.db.close();
      throw new UnsupportedContentFormat(format);
    }
    this.searcher = new ContentSearch(this.db, (text) => pinyinForms(text).full);
    this.docStmt = this.db.prepare('SELECT doc FROM docs WHERE kind = ? AND id = ?');
  }

  close(): void {
    this.db.close();
  }

  search(q: SearchQuery): SearchHit[] {
    return this.searcher.search(q);
  }

  /** Sentence search of this version, opened on first use (jieba's dictionary loads then, once per process). */
  sentences(): SentenceIndex {
    this.sentenceIndex ??= new SentenceIndex(this.db);
    return this.sentenceIndex;
  }

  item(code: string): ServiceItem | null {
    const r = this.db.prepare('SELECT d.doc FROM items i JOIN item_docs d ON d.rid = i.rid WHERE i.code = ?').get(code) as { doc: string } | undefined;
    return r ? (JSON.parse(r.doc) as ServiceItem) : null;
  }

  private doc<T>(kind: string, id: string): T | null {
    const r = this.docStmt.get(kind, id) as { doc: string } | undefined;
    return r ? (JSON.parse(r.doc) as T) : null;
  }

  private docs<T>(kind: string): T[] {
    return (this.db.prepare('SELECT doc FROM docs WHERE kind = ? ORDER BY rowid').all(kind) as { doc: string }[]).map((r) => JSON.parse(r.doc) as T);
  }

  flow = (id: string) => this.doc<SituationFlow>('flow', id);
  department = (id: string) => this.doc<{ id: string; name: LocalText }>('department', id);
  form = (id: string) => this.doc<FormDefinition>('form', id);
  package = (id: string) => this.doc<ServicePackage>('package', id);

  meta(): { title: LocalText; sample: boolean } {
    const r = this.db.prepare("SELECT value FROM bundle_info WHERE key = 'meta'").get() as { value: string };
    return JSON.parse(r.value) as { title: LocalText; sample: boolean };
  }

  catalogue() {
    const stageRows = this.db.prepare('SELECT stages FROM items').all() as { stages: string }[];
    const stageCounts = new Map<string, number>();
    for (const r of stageRows) for (const s of r.stages.split(',').filter(Boolean)) stageCounts.set(s, (stageCounts.get(s) ?? 0) + 1);
    const deptCounts = new Map(
      (this.db.prepare('SELECT department_id AS id, count(*) AS n FROM items GROUP BY department_id').all() as { id: string; n: number }[]).map((r) => [r.id, r.n]),
    );
    const count = (kind: string) => (this.db.prepare('SELECT count(*) AS n FROM docs WHERE kind = ?').get(kind) as { n: number }).n;
    const meta = this.meta();
    return {
      version: this.version,
      title: meta.title,
      sample: meta.sample,
      stages: lifeStage.options.filter((st) => stageCounts.has(st)).map((stage) => ({ stage, count: stageCounts.get(stage) ?? 0 })),
      departments: this.docs<{ id: string; name: LocalText }>('department').map((d) => ({ ...d, count: deptCounts.get(d.id) ?? 0 })),
      packages: this.docs<ServicePackage>('package'),
      notices: this.docs<Notice>('notice').filter((n) => !n.expiresAt || n.expiresAt >= new Date().toISOString().slice(0, 10)),
      counts: {
        items: (this.db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n,
        flows: count('flow'),
        policies: count('policy'),
        servicePoints: count('service_point'),
      },
    };
  }

  /** Every policy; with a profile, whether it matches and why (free of eval: a declarative rule). */
  policies(profile: EnterpriseProfile | undefined, now = new Date()) {
    return this.docs<Policy>('policy').map((p) => {
      if (!profile) return { policy: p, matched: null, noApplication: p.mode === 'no_application', reasons: [] };
      const outcome = explainFieldRule(p.eligibility, profile, now);
      return {
        policy: p,
        matched: outcome.matched,
        noApplication: p.mode === 'no_application',
        reasons: outcome.reasons.map((r, i) => ({ label: p.ruleLabels[i] ?? { zh: r.rule, en: r.rule }, passed: r.passed })),
      };
    });
  }

  servicePoints(itemCode?: string): ServicePoint[] {
    const all = this.docs<ServicePoint>('service_point');
    return itemCode ? all.filter((p) => p.itemCodes.includes(itemCode)) : all;
  }
}
