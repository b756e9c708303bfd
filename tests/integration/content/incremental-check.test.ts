import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { contentSet, type ContentSet } from '../../../content-bundle/model';
import { buildContentDb } from '../../../content-bundle/db/build';
import { checkContentDb } from '../../../content-bundle/db/check';
import { sampleContent } from '../../../content/src/index';
import { makeBundle, makeOperators, openTestStore, tmp } from './fixtures';

/**
 * A content update is checked against the installed version: only changed items are read, and
 * anything an unchanged item's checks depend on (departments, forms, flows) forces a full check.
 * Every case here must give the same verdict as checking the new version from scratch.
 */
const work = tmp('incremental');
const base = contentSet.parse(sampleContent);
const clone = (): ContentSet => structuredClone(base);
let n = 0;
const build = (content: ContentSet): string => {
  const file = path.join(work, `c${++n}.db`);
  buildContentDb(content, file);
  return file;
};
const installed = build(base);
const problems = (r: ReturnType<typeof checkContentDb>) => (r.ok ? [] : r.issues.map((i) => `${i.where}: ${i.message}`));

/** The incremental verdict, after checking it matches the full one. */
const check = (file: string) => {
  const incremental = checkContentDb(file, installed);
  const full = checkContentDb(file);
  expect(incremental.ok).toBe(full.ok);
  return incremental;
};

describe('checking a content update against the installed version', () => {
  it('reads no item when nothing changed, and only the changed one after an edit', () => {
    expect(checkContentDb(installed)).toEqual({ ok: true, items: base.items.length, checkedItems: base.items.length });
    expect(check(build(clone()))).toEqual({ ok: true, items: base.items.length, checkedItems: 0 });
    const c = clone();
    c.items[3]!.guide.timeLimits.promised.value = 1;
    expect(check(build(c))).toEqual({ ok: true, items: base.items.length, checkedItems: 1 });
    c.items.push({ ...structuredClone(c.items[0]!), code: 'NH-NEW-0001' });
    expect(check(build(c))).toMatchObject({ ok: true, checkedItems: 2 });
  });

  it('refuses a changed item that breaks the schema, and one that names an unknown department', () => {
    const file = build(clone());
    const db = new BetterSqlite3(file);
    db.prepare("UPDATE item_docs SET doc = json_set(doc, '$.maxVisits', 'many') WHERE rid = (SELECT rid FROM items WHERE ord = 5)").run();
    db.close();
    expect(problems(check(file)).some((p) => p.startsWith('items.5.maxVisits'))).toBe(true);

    const c = clone();
    c.items[2]!.departmentId = 'nowhere';
    expect(problems(check(build(c)))).toContain(`item ${c.items[2]!.code}: unknown department nowhere`);
  });

  it('checks unchanged items again when a form they use lost a field their 秒批 rules read', () => {
    const c = clone();
    const item = c.items.find((i) => i.smartApproval && i.formId);
    const form = c.forms.find((f) => f.id === item?.formId);
    const field = form?.sections.flatMap((s) => s.fields).find((f) => JSON.stringify(item?.smartApproval).includes(`"form.${f.id}"`));
    expect(field).toBeDefined();
    for (const s of form!.sections) s.fields = s.fields.filter((f) => f.id !== field!.id);
    const r = check(build(c));
    expect(r.ok).toBe(false);
    expect(problems(r).some((p) => p.startsWith(`item ${item!.code}:`) && p.includes(field!.id))).toBe(true);
  });

  it('refuses packages and service points that name what an update removed or never had', () => {
    const c = clone();
    const pkg = c.packages[0]!;
    pkg.mergedMaterials[0]!.ref = `${pkg.itemCodes[0]}:m_ghost`;
    expect(problems(check(build(c)))).toContain(`package ${pkg.id}: unknown material ${pkg.itemCodes[0]}:m_ghost`);

    const d = clone();
    const point = d.servicePoints[0]!;
    const gone = point.itemCodes[0]!;
    d.items = d.items.filter((i) => i.code !== gone);
    expect(problems(check(build(d)))).toContain(`service point ${point.id}: unknown item ${gone}`);
  });
});

describe('the content store', () => {
  it('checks only what changed between versions checked by the same build, and everything after an upgrade', async () => {
    const ops = makeOperators(2, 2);
    const bundle = (v: number, content: ContentSet) => makeBundle(path.join(work, `b${v}`), { version: v, signers: ops.keys, roots: [ops.root], content });
    const dataDir = tmp('incremental-store');
    const edited = (v: number) => {
      const c = clone();
      c.items[v]!.guide.timeLimits.promised.value = 1;
      return c;
    };

    const a = openTestStore(dataDir, ops.root);
    expect(await a.store.applyBundleDir(await bundle(1, clone()), 'test')).toMatchObject({ version: 1, checkedItems: base.items.length });
    expect(await a.store.applyBundleDir(await bundle(2, edited(1)), 'test')).toMatchObject({ version: 2, checkedItems: 1 });
    a.close();

    // Another kiosk build: its checks may differ, so the first update after it checks everything.
    const { ContentStore } = await import('../../../services/content/store');
    const { silentLogger } = await import('../../../services/log/logger');
    const b = openTestStore(dataDir, ops.root);
    const upgraded = new ContentStore(b.db, dataDir, silentLogger(), '99.0.0');
    expect(await upgraded.applyBundleDir(await bundle(3, edited(2)), 'test')).toMatchObject({ version: 3, checkedItems: base.items.length });
    // Version 4 puts item 2 back as it was and edits item 3: two documents differ from version 3.
    expect(await upgraded.applyBundleDir(await bundle(4, edited(3)), 'test')).toMatchObject({ version: 4, checkedItems: 2 });
    b.close();
  });
});
