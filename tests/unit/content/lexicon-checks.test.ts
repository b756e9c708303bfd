import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContent, contentFiles, contentSet, type ContentSet } from '../../../content-bundle/model';
import { loadContentDir } from '../../../content-bundle/bundle/pack';
import { buildContentDb } from '../../../content-bundle/db/build';
import { checkContentDb } from '../../../content-bundle/db/check';
import { sampleContent } from '../../../content/src/index';
import { tmp } from '../../integration/content/fixtures';

/** The domain lexicon is content: a mistake in it stops the bundle build, like a broken flow does. */
const sample = contentSet.parse(sampleContent);
const clone = (): ContentSet => structuredClone(sample);
const messages = (c: ContentSet) => checkContent(c).map((i) => `${i.where}: ${i.message}`);
const concept = (c: ContentSet, id: string) => c.lexicon.concepts.find((x) => x.id === id)!;

describe('lexicon checks at bundle build', () => {
  it('the sample lexicon passes, and is part of the exported sample', () => {
    expect(messages(sample)).toEqual([]);
    expect(sample.lexicon.concepts.length).toBeGreaterThan(30);
    expect(JSON.parse(fs.readFileSync(path.join('content/sample', contentFiles.lexicon), 'utf8'))).toMatchObject({ concepts: expect.any(Array) });
  });

  it('refuses a concept that leads to nothing the catalogue has', () => {
    const c = clone();
    concept(c, 'catering').terms.push('宠物美容');
    concept(c, 'pharmacy').items.push('NH-XXX-0000');
    c.lexicon.concepts.push({ id: 'nowhere', label: { zh: '无' }, words: ['无处'], terms: [], items: [], packages: [], weight: 1 });
    expect(messages(c)).toEqual(
      expect.arrayContaining([
        'lexicon concept catering: term 宠物美容 occurs nowhere in the catalogue',
        'lexicon concept pharmacy: unknown item NH-XXX-0000',
        'lexicon concept nowhere: leads nowhere: give terms, items or packages',
      ]),
    );
  });

  it('refuses a word with two meanings (that is a clarifying question) and a concept word the kiosk drops as filler', () => {
    const c = clone();
    concept(c, 'pharmacy').words.push('奶茶店');
    concept(c, 'bank').words.push('怎么办');
    expect(messages(c)).toEqual(
      expect.arrayContaining(['lexicon concept pharmacy: word 奶茶店 also belongs to concept catering', 'lexicon concept bank: word 怎么办 is a filler the kiosk drops']),
    );
  });

  it('refuses life events and clarifying questions that name what does not exist', () => {
    const c = clone();
    c.lexicon.lifeEvents[0]!.package = 'pkg_gone';
    c.lexicon.lifeEvents[1]!.when.push('no_such_concept');
    c.lexicon.clarify[0]!.options[0]!.concept = 'no_such_concept';
    expect(messages(c)).toEqual(
      expect.arrayContaining([
        `lexicon life event ${c.lexicon.lifeEvents[0]!.id}: unknown package pkg_gone`,
        `lexicon life event ${c.lexicon.lifeEvents[1]!.id}: unknown concept no_such_concept`,
        `lexicon clarifying question ${c.lexicon.clarify[0]!.id}: option ${c.lexicon.clarify[0]!.options[0]!.id}: unknown concept no_such_concept`,
      ]),
    );
  });

  it('refuses words people could never type as one word (spaces, capitals, punctuation) with a path to them', () => {
    const bad = structuredClone(sampleContent) as { lexicon: { concepts: { words: string[] }[] } };
    bad.lexicon.concepts[0]!.words.push('Open Shop');
    const r = contentSet.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path.join('.')).toMatch(/^lexicon\.concepts\.0\.words\.\d+$/);
  });

  it('the operator build reads lexicon.json from a content directory and refuses a bad one', () => {
    const dir = tmp('lexicon-dir');
    for (const f of fs.readdirSync('content/sample')) fs.copyFileSync(path.join('content/sample', f), path.join(dir, f));
    expect(loadContentDir(dir).ok).toBe(true);
    const lex = JSON.parse(fs.readFileSync(path.join(dir, 'lexicon.json'), 'utf8')) as { lifeEvents: { package: string }[] };
    lex.lifeEvents[0]!.package = 'pkg_gone';
    fs.writeFileSync(path.join(dir, 'lexicon.json'), JSON.stringify(lex));
    const loaded = loadContentDir(dir);
    expect(loaded.ok).toBe(false);
    expect(!loaded.ok && loaded.issues.map((i) => i.message)).toContain('unknown package pkg_gone');
  });

  it('the kiosk checks the packed lexicon again before content goes live, on the incremental path too', () => {
    const dir = tmp('lexicon-db');
    const installed = path.join(dir, 'installed.db');
    buildContentDb(sample, installed);
    expect(checkContentDb(installed)).toMatchObject({ ok: true });
    const same = path.join(dir, 'same.db');
    buildContentDb(sample, same);
    expect(checkContentDb(same, installed)).toMatchObject({ ok: true, checkedItems: 0 });
    // The same items (so only the rest is read), but a lexicon term the catalogue lacks.
    const c = clone();
    concept(c, 'freight').terms.push('航空货运');
    const next = path.join(dir, 'next.db');
    buildContentDb(c, next);
    const r = checkContentDb(next, installed);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => `${i.where}: ${i.message}`)).toContain('lexicon concept freight: term 航空货运 occurs nowhere in the catalogue');
  });
});
