import { describe, expect, it } from 'vitest';
import { sampleContent } from '../../../content/src/index';
import { syntheticContent } from '../../../content/src/synthetic';
import { checkContent, contentSet } from '../../../content-bundle/model';

describe('synthetic content for benchmarks', () => {
  it('builds N distinct items that pass the same checks as real bundles, the same way every run', () => {
    const sample = contentSet.parse(sampleContent);
    const a = syntheticContent(sample, 500);
    expect(a.items).toHaveLength(500);
    expect(new Set(a.items.map((i) => i.code)).size).toBe(500);
    expect(checkContent(contentSet.parse(a))).toEqual([]);
    expect(syntheticContent(sample, 500).items.map((i) => i.name.zh)).toEqual(a.items.map((i) => i.name.zh));
  });
});
