import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentSet } from '../../../content-bundle/model';
import { buildContentDb } from '../../../content-bundle/db/build';
import { openContentDb } from '../../../content-bundle/db/read';
import { pinyinForms } from '../../../content-bundle/db/pinyin';
import { ContentSearch } from '../../../services/content/search';
import { sampleContent } from '../../../content/src/index';
import { syntheticContent } from '../../../content/src/synthetic';
import { tmp } from '../../integration/content/fixtures';

const sample = contentSet.parse(sampleContent);
const file = path.join(tmp('search'), 'content.db');
buildContentDb(sample, file);
const db = openContentDb(file);
const search = new ContentSearch(db);
afterAll(() => db.close());
const codes = (query: string, limit = 5) => search.search({ query, limit }).map((h) => h.code);
const names = (query: string, limit = 5) => search.search({ query, limit }).map((h) => h.name);

describe('content search', () => {
  it('finds 2-character terms that trigram indexing alone would miss', () => {
    expect(codes('社保')).toEqual(expect.arrayContaining(['NH-SI-1001', 'NH-SI-0903']));
    expect(codes('执照').slice(0, 2)).toEqual(expect.arrayContaining(['NH-AMR-0101', 'NH-AMR-0102']));
    expect(names('注销').slice(0, 3).every((n) => n.includes('注销'))).toBe(true);
  });

  it('finds 1-character terms', () => {
    expect(names('药', 3)[0]).toBe('药品零售企业许可（核发）');
  });

  it('finds 3+ character terms and ranks name matches above keyword and guide matches', () => {
    const hits = search.search({ query: '营业执照', limit: 20 });
    expect(hits.length).toBeGreaterThan(3);
    const tiers = hits.map((h) => ['name', 'keywords', 'guide'].indexOf(h.matchedIn));
    expect([...tiers].sort((a, b) => a - b)).toEqual(tiers);
    expect(hits[0]?.matchedIn).not.toBe('guide');
    expect(search.search({ query: '住房公积金', limit: 1 })[0]).toMatchObject({ code: 'NH-HPF-1002', matchedIn: 'name', highlights: [[0, 5]] });
  });

  it('finds items by pinyin full spelling and by initials', () => {
    expect(codes('gongjijin')[0]).toBe('NH-HPF-1002');
    expect(codes('shipinjingying')).toContain('NH-AMR-0301');
    expect(codes('sbdj')[0]).toBe('NH-SI-1001');
    expect(codes('sb').slice(0, 2)).toEqual(expect.arrayContaining(['NH-SI-1001', 'NH-SI-0903']));
  });

  it('reads polyphones of domain words correctly (会计 is kuàijì)', () => {
    expect(pinyinForms('会计师').full).toBe('kuaijishi');
    expect(pinyinForms('银行开户').full).toBe('yinhangkaihu');
    expect(codes('kuaiji')).toContain('NH-HRS-1105');
    expect(codes('huiji')).not.toContain('NH-HRS-1105');
  });

  it('expands synonyms from the content', () => {
    expect(codes('关闭公司')).toEqual(expect.arrayContaining(['NH-AMR-0901', 'NH-AMR-0902']));
    expect(codes('社会保险')).toContain('NH-SI-1001');
    expect(codes('开公司').slice(0, 2)).toContain('NH-AMR-0101');
  });

  it('still finds the item when the query has a typo', () => {
    const hits = search.search({ query: '食品经营许课', limit: 5 });
    expect(hits.map((h) => h.code)).toContain('NH-AMR-0301');
    expect(hits[0]?.fuzzy).toBe(true);
    expect(codes('gongjijing')).toContain('NH-HPF-1002');
  });

  it('finds the item when a Chinese word has a wrong character: of the same sound, or one of four', () => {
    const spelled = new ContentSearch(db, (text) => pinyinForms(text).full);
    const deregistration = sample.items.filter((i) => i.name.zh.includes('注销')).map((i) => i.code);
    const byHomophone = spelled.search({ query: '注消', limit: 10 });
    expect(byHomophone.map((h) => h.code)).toEqual(expect.arrayContaining(deregistration));
    expect(byHomophone.every((h) => h.fuzzy)).toBe(true);
    expect(byHomophone[0]?.matchedIn).toBe('name');
    expect(search.search({ query: '注消', limit: 10 })).toEqual([]); // without pinyin there is no way to tell
    const byShape = spelled.search({ query: '食吕经营', limit: 5 });
    expect(byShape.map((h) => h.code)).toContain('NH-AMR-0301');
    expect(byShape[0]?.fuzzy).toBe(true);
  });

  it('treats FTS syntax in user input as plain text', () => {
    for (const q of ['"', '食品" OR "*', 'NEAR(食品 许可)', '^社保', 'items:*', '社保 AND', '\'; DROP TABLE items; --', '(((', '食品*']) {
      expect(() => search.search({ query: q, limit: 5 }), q).not.toThrow();
    }
    expect(codes('食品" OR "*')).toContain('NH-AMR-0301');
    expect(db.prepare('SELECT count(*) AS n FROM items').get()).toEqual({ n: 36 });
  });

  it('filters by life-cycle stage and department', () => {
    const hits = search.search({ query: '登记', stage: 'exit', limit: 10 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => ['NH-AMR-0901', 'NH-AMR-0902', 'NH-SI-0903'].includes(h.code))).toBe(true);
    expect(search.search({ query: '登记', department: 'si', limit: 10 }).every((h) => h.departmentId === 'si')).toBe(true);
  });

  it('lists a stage or a department in catalogue order when nothing is typed', () => {
    const exit = sample.items.filter((i) => i.stages.includes('exit')).map((i) => i.code);
    const listed = search.search({ query: '', stage: 'exit', limit: 50 });
    expect(listed.map((h) => h.code)).toEqual(exit);
    expect(listed.every((h) => h.matchedIn === 'catalogue')).toBe(true);
    const amr = sample.items.filter((i) => i.departmentId === 'amr').map((i) => i.code);
    expect(search.search({ query: ' ', department: 'amr', limit: 50 }).map((h) => h.code)).toEqual(amr);
    expect(search.search({ query: '', stage: 'licence', department: 'amr', limit: 50 }).map((h) => h.code)).toEqual(
      sample.items.filter((i) => i.stages.includes('licence') && i.departmentId === 'amr').map((i) => i.code),
    );
    expect(search.search({ query: '', stage: 'licence', limit: 3 })).toHaveLength(3);
  });

  it('ranks the closest name first: among name matches, shorter names come first', () => {
    const hits = search.search({ query: '许可', limit: 50 }).filter((h) => h.matchedIn === 'name');
    expect(hits.length).toBeGreaterThan(5);
    const lengths = hits.map((h) => [...h.name].length);
    expect([...lengths].sort((a, b) => a - b)).toEqual(lengths);
  });

  it('returns nothing for empty or unmatched input', () => {
    expect(search.search({ query: '   ', limit: 5 })).toEqual([]);
    expect(search.search({ query: '量子计算机', limit: 5 })).toEqual([]);
  });
});

describe('content search on a large catalogue', () => {
  const big = syntheticContent(sample, 6000);
  const bigFile = path.join(tmp('search-big'), 'content.db');
  buildContentDb(big, bigFile);
  const bigDb = openContentDb(bigFile);
  const bigSearch = new ContentSearch(bigDb);
  afterAll(() => bigDb.close());

  it('finds every item whose name has all the terms, even when each term alone matches hundreds', () => {
    const expected = big.items.filter((i) => i.name.zh.includes('狮山') && i.name.zh.includes('许可证核发')).map((i) => i.code).sort();
    expect(big.items.filter((i) => i.name.zh.includes('狮山')).length).toBeGreaterThan(200);
    expect(big.items.filter((i) => i.name.zh.includes('许可证核发')).length).toBeGreaterThan(200);
    expect(expected.length).toBeGreaterThan(10);
    expect(expected.length).toBeLessThan(50);
    const hits = bigSearch.search({ query: '狮山 许可证核发', limit: 50 });
    // All of them, first; then items that have the terms in their keywords.
    const first = hits.slice(0, expected.length);
    expect(first.map((h) => h.code).sort()).toEqual(expected);
    expect(first.every((h) => h.matchedIn === 'name')).toBe(true);
    expect(hits.slice(expected.length).every((h) => h.matchedIn !== 'name')).toBe(true);
  });

  it('puts name matches of a word that every guide mentions before the guide matches', () => {
    const hits = bigSearch.search({ query: '营业执照', limit: 20 });
    const inNames = big.items.filter((i) => i.name.zh.includes('营业执照')).length;
    expect(hits).toHaveLength(20);
    const tiers = hits.map((h) => ['name', 'keywords', 'guide'].indexOf(h.matchedIn));
    expect([...tiers].sort((a, b) => a - b)).toEqual(tiers);
    expect(hits.filter((h) => h.matchedIn === 'name')).toHaveLength(Math.min(20, inNames));
  });
});
