import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSet } from '../../../content-bundle/model';
import { packBundle } from '../../../content-bundle/bundle/pack';
import { sampleContent } from '../../../content/src/index';
import { sentenceTest } from '../../../operator/sentence-test';
import { tmp } from './fixtures';

/** Operators run a published sentence file against their content before they publish it. */
describe('operator sentence-test', () => {
  const dir = tmp('sentence-test');
  const file = path.join(dir, 'sentences.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      sentences: [
        { text: '我想开个奶茶店', expect: ['NH-AMR-0301'] },
        { text: '电梯要登记吗', expect: ['NH-AMR-0802'] },
        // An expectation the content does not meet: the report names it and what came instead.
        { text: '公司搬家了', expect: ['NH-HOU-0501'] },
      ],
    }),
  );

  it('names each sentence whose entry is not in the top 3, with what came instead, and fails', () => {
    const lines: string[] = [];
    expect(() => sentenceTest({ source: 'content/sample', sentences: file, within: 3 }, (l) => lines.push(l))).toThrow('1 sentence(s) do not find their entry in the top 3');
    expect(lines.filter((l) => l.includes('✗'))).toEqual([expect.stringMatching(/^ {2}✗ 公司搬家了 — expected NH-HOU-0501, got pkg_change_info, .*NH-AMR-0202/)]);
    expect(lines.at(-1)).toBe('top-1 33.3%, top-3 66.7%; 1 of 3 not in the top 3'); // 奶茶店 puts its 一件事 first
  });

  it('reads a built bundle as well as a content directory', () => {
    const bundle = path.join(dir, 'bundle');
    packBundle(contentSet.parse(sampleContent), bundle);
    const passing = path.join(dir, 'passing.json');
    fs.writeFileSync(passing, JSON.stringify({ sentences: [{ text: 'gongsi banjia', expect: ['NH-AMR-0202', 'pkg_change_info'] }] }));
    const lines: string[] = [];
    sentenceTest({ source: bundle, sentences: passing, within: 3 }, (l) => lines.push(l));
    expect(lines.at(-1)).toBe('top-1 100.0%, top-3 100.0%; 0 of 1 not in the top 3');
  });
});
