import { catalogueContains, type ContentSet, type Lexicon, type ServiceItem } from '../../content-bundle/model';

const TOWNS = ['桂城', '九江', '西樵', '丹灶', '狮山', '大沥', '里水', '松岗', '小塘', '官窑', '黄岐', '盐步', '和顺', '罗村', '大圃'];
const SUBJECTS = ['食品', '药品', '医疗器械', '建筑工程', '道路运输', '出版物', '特种设备', '排水', '户外广告', '公共场所', '危险化学品', '劳务派遣', '旅行社', '娱乐场所', '网吧', '烟草', '酒类', '粮食', '农药', '兽药', '种子', '消防', '人防', '燃气', '供水', '园林绿化', '档案', '测绘', '气象', '文物'];
const ACTIONS = ['经营许可', '备案', '登记', '变更登记', '延续', '注销', '许可证核发', '资质认定', '年度报告', '证书补办', '信息变更', '设立审批'];
const SUFFIX = ['（新办）', '（变更）', '（延续）', '（注销）', '', '（补证）'];

/** A deterministic pseudo-random generator, so benchmark runs are comparable. */
const rng = (seed: number) => () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};

/** N synthetic items built from the sample's guides with varied names, for benchmarks (never shipped). */
export function syntheticContent(sample: ContentSet, n = 20_000, seed = 42): ContentSet {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const items: ServiceItem[] = [];
  for (let i = 0; i < n; i++) {
    const base = pick(sample.items);
    const name = `${pick(TOWNS)}${pick(SUBJECTS)}${pick(ACTIONS)}${pick(SUFFIX)}`;
    items.push({
      ...base,
      code: `SYN-${String(i).padStart(6, '0')}`,
      name: { zh: name, en: `Synthetic item ${i}` },
      keywords: [pick(SUBJECTS), pick(ACTIONS), ...base.keywords.slice(0, 2)],
      flowId: undefined,
      formId: undefined,
      kioskFilable: false,
      // Synthetic items have no forms, so they cannot carry 秒批 rules over form fields.
      smartApproval: undefined,
      guide: { ...base.guide, materials: base.guide.materials.map((m) => ({ ...m, appliesWhen: undefined, formId: undefined })) },
    });
  }
  return { ...sample, meta: { ...sample.meta, sample: true }, items, flows: [], forms: [], packages: [], policies: [], servicePoints: [], lexicon: lexiconFor(sample.lexicon, items, sample.synonyms) };
}

/**
 * The sample lexicon as it applies to synthetic items: no direct items or packages (none exist),
 * no life events (no packages), only the terms the synthetic catalogue holds.
 */
function lexiconFor(lexicon: Lexicon, items: ServiceItem[], synonyms: string[][]): Lexicon {
  const has = catalogueContains(items, [], synonyms);
  const concepts = lexicon.concepts.map((c) => ({ ...c, items: [], packages: [], terms: c.terms.filter(has) })).filter((c) => c.terms.length > 0);
  const ids = new Set(concepts.map((c) => c.id));
  const clarify = lexicon.clarify.filter((q) => ids.has(q.when) && q.options.every((o) => ids.has(o.concept)));
  return { fillers: lexicon.fillers, concepts, lifeEvents: [], clarify };
}
