import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentSet } from '../../../content-bundle/model';
import { buildContentDb } from '../../../content-bundle/db/build';
import { openContentDb } from '../../../content-bundle/db/read';
import { SentenceIndex } from '../../../content-bundle/sentence/index';
import { readSentenceTestFile, runSentenceTests } from '../../../content-bundle/sentence/test-file';
import { sampleContent } from '../../../content/src/index';
import { syntheticContent } from '../../../content/src/synthetic';
import { projectRoot } from '../../../services/config';
import { tmp } from '../../integration/content/fixtures';

/**
 * 智能导办 over the sample catalogue, as a person at the kiosk meets it: sentences in their own words
 * (Chinese, pinyin, English, with typos) find the right item or 一件事 package and say why; an
 * ambiguous one is asked back; nonsense finds nothing rather than something made up.
 */
const sample = contentSet.parse(sampleContent);
const file = path.join(tmp('sentences'), 'content.db');
buildContentDb(sample, file);
const db = openContentDb(file);
const index = new SentenceIndex(db);
afterAll(() => db.close());

const refs = (sentence: string, answers: string[] = []) => index.ask(sentence, { answers }).results.map((r) => r.ref);
const whyOf = (sentence: string, ref: string) => index.ask(sentence).results.find((r) => r.ref === ref)?.why.map((w) => w.zh) ?? [];
const catalogue = new Set([...sample.items.map((i) => i.code), ...sample.packages.map((p) => p.id)]);

describe('sentences in people’s own words', () => {
  it('“我想开个奶茶店”: the 开办餐饮店 package first, the food licence next, each saying why', () => {
    const answer = index.ask('我想开个奶茶店');
    expect(answer.results.slice(0, 3).map((r) => r.ref)).toEqual(expect.arrayContaining(['pkg_open_restaurant', 'NH-AMR-0301']));
    expect(answer.results[0]).toMatchObject({ ref: 'pkg_open_restaurant', kind: 'package', lifeEvent: true });
    expect(answer.results[0]!.why[0]!.zh).toMatch(/^您要开办餐饮店，以下事项可以一次办好：食品经营许可（新办）、/);
    expect(whyOf('我想开个奶茶店', 'NH-AMR-0301')).toContain('您说的“奶茶店”属于餐饮服务，通常需要办理“食品经营许可（新办）”');
    expect(answer.sentence).toBe(true);
  });

  it('the examples of the issue find their item or package in the top 3', () => {
    const cases: [string, string[]][] = [
      ['公司搬家了', ['NH-AMR-0202', 'pkg_change_info']],
      ['招人有没有补贴', ['NH-HRS-1103']],
      ['老板换人了执照怎么改', ['NH-AMR-0203']],
      ['员工的五险怎么交', ['NH-SI-1001', 'pkg_hire_employee']],
      ['想在商场里开个小吃摊', ['NH-AMR-0301', 'pkg_open_restaurant']],
      ['公司要换个地方办公', ['NH-AMR-0202', 'pkg_change_info']],
      ['房东要我出个场地证明', ['NH-AMR-0101', 'NH-AMR-0102', 'NH-AMR-0202']],
    ];
    for (const [sentence, right] of cases) expect(refs(sentence).slice(0, 3).some((r) => right.includes(r)), sentence).toBe(true);
    expect(whyOf('公司搬家了', 'NH-AMR-0202')).toContain('您说的“搬家”属于住所（地址），通常需要办理“住所变更登记”');
  });

  it('pinyin, typos and English go through the same path, and the reasons say how they were read', () => {
    expect(refs('gongsi banjia').slice(0, 3)).toContain('NH-AMR-0202');
    expect(whyOf('gongsi banjia', 'NH-AMR-0202')).toContain('拼音“banjia”按“搬家”理解');
    expect(refs('注消公司').slice(0, 3)).toEqual(expect.arrayContaining(['NH-AMR-0901']));
    expect(whyOf('注消公司', 'NH-AMR-0901')).toContain('“注消”按“注销”理解');
    expect(refs('公积今开户')[0]).toBe('NH-HPF-1002');
    const english = index.ask('I want to open a restaurant').results;
    expect(english[0]).toMatchObject({ ref: 'pkg_open_restaurant', name: { en: 'Open a restaurant in one go' } });
    expect(english.find((r) => r.ref === 'NH-AMR-0301')?.why[0]?.en).toBe('You said “restaurant”: that is food service, which usually needs “Food business licence (new)”');
  });

  it('asks back when “开店” alone does not say which licence, and a tapped answer counts as said', () => {
    const answer = index.ask('我想开个店');
    expect(answer.clarify?.question.zh).toBe('您要开什么店？');
    expect(answer.clarify?.options.map((o) => o.label.zh)).toEqual(expect.arrayContaining(['卖吃的（餐饮）', '理发美容', '卖药', '其他']));
    const food = answer.clarify!.options.find((o) => o.label.zh.startsWith('卖吃的'))!;
    const after = index.ask('我想开个店', { answers: [food.id] });
    expect(after.clarify).toBeNull();
    expect(after.results[0]?.ref).toBe('pkg_open_restaurant');
    expect(after.results.find((r) => r.ref === 'NH-AMR-0301')?.why[0]?.zh).toMatch(/^您选择了“卖吃的（餐饮）”，属于餐饮服务/);
    // Naming the trade at once needs no question.
    expect(index.ask('我想开个奶茶店').clarify).toBeNull();
    expect(index.ask('开店卖药').results[0]?.ref).toBe('NH-AMR-0601');
  });

  it('nonsense finds nothing instead of something far-fetched, and a word only mentioned in some guide is no match', () => {
    for (const s of ['今天天气怎么样', 'asdf qwer', '我的电话是多少']) expect(refs(s), s).toEqual([]);
  });

  it('reads a content version the same way whatever other content the process read before', () => {
    const before = ['我想开个奶茶店', '公司搬家了', 'gongsi banjia'].map((s) => refs(s));
    const other = path.join(tmp('sentences-other'), 'content.db');
    buildContentDb(contentSet.parse(syntheticContent(sample, 300, 7)), other);
    const otherDb = openContentDb(other);
    new SentenceIndex(otherDb).ask('奶茶店');
    otherDb.close();
    expect(['我想开个奶茶店', '公司搬家了', 'gongsi banjia'].map((s) => new SentenceIndex(db).ask(s).results.map((r) => r.ref))).toEqual(before);
  });

  it('only ever answers with entries of the catalogue, each with at least one reason', () => {
    const all = [...readSentenceTestFile(path.join(projectRoot, 'tests/sentences/development.json')).sentences, ...readSentenceTestFile(path.join(projectRoot, 'tests/sentences/heldout.json')).sentences];
    for (const s of all) {
      for (const r of index.ask(s.text).results) {
        expect(catalogue.has(r.ref), `${s.text} → ${r.ref}`).toBe(true);
        expect(r.why.length, `${s.text} → ${r.ref}`).toBeGreaterThan(0);
      }
    }
  });
});

describe('the development set', () => {
  it('covers every sample item and package with several sentences', () => {
    const all = ['development', 'heldout'].flatMap((f) => readSentenceTestFile(path.join(projectRoot, `tests/sentences/${f}.json`)).sentences);
    expect(all.length).toBeGreaterThanOrEqual(150);
    for (const ref of catalogue) expect(all.filter((s) => s.expect.includes(ref)).length, ref).toBeGreaterThanOrEqual(3);
    // Pinyin (all letters, not English words) and English sentences are part of it.
    expect(all.filter((s) => /^[a-z ]+$/.test(s.text) && s.text.includes(' ')).length).toBeGreaterThan(20);
  });

  it('keeps the right entry in the top 3 for at least 90% of the held-out sentences (the lexicon was not built from them)', () => {
    const report = runSentenceTests(index, readSentenceTestFile(path.join(projectRoot, 'tests/sentences/heldout.json')));
    expect(report.top3).toBeGreaterThanOrEqual(0.9);
    expect(report.top1).toBeGreaterThanOrEqual(0.75);
  });
});
