import type { LifeEventRule, LocalText } from '../model';
import type { Field } from './format';
import type { SlotMatch } from './rank';
import type { Slot } from './understand';

/** At most this many reasons per result: the screen shows them under the name. */
const MAX_REASONS = 4;

const quoted = (s: string) => `“${s}”`;
const en = (t: LocalText) => t.en ?? t.zh;

/** Where a word was found, in words. */
const FOUND_IN: Record<Field, { zh: string; en: string }> = {
  name: { zh: '名称中有', en: 'Its name has' },
  keywords: { zh: '关键词中有', en: 'A keyword is' },
  faq: { zh: '常见问题中讲到', en: 'Its FAQ mentions' },
  guide: { zh: '办事指南中讲到', en: 'Its guide mentions' },
};

export interface ReasonSubject {
  readonly kind: 'item' | 'package';
  readonly name: LocalText;
}

/** 您说的“奶茶店”属于餐饮服务，通常需要办理“食品经营许可（新办）” — or, matched only in the guide, where. */
function conceptReason(m: SlotMatch, subject: ReasonSubject, first: boolean): LocalText {
  const slot = m.slot;
  const label = slot.concept?.label ?? { zh: slot.said };
  // A typo or pinyin is named as read here; the correction reason says what was typed.
  const word = slot.meant ?? slot.said;
  const said = slot.chosen ? { zh: `您选择了${quoted(slot.chosen.zh)}，属于${label.zh}`, en: `You chose ${quoted(en(slot.chosen))}: that is ${en(label)}` } : { zh: `您说的${quoted(word)}属于${label.zh}`, en: `You said ${quoted(word)}: that is ${en(label)}` };
  if (!first) return said;
  if (subject.kind === 'package') return { zh: `${said.zh}，可以作为一件事一次办好`, en: `${said.en}, done in one go` };
  if (m.field === 'name' || m.field === 'keywords' || m.field === 'target') {
    return { zh: `${said.zh}，通常需要办理${quoted(subject.name.zh)}`, en: `${said.en}, which usually needs ${quoted(en(subject.name))}` };
  }
  return { zh: `${said.zh}，${FOUND_IN[m.field].zh}${quoted(m.token)}`, en: `${said.en}; ${FOUND_IN[m.field].en.toLowerCase()} ${quoted(m.token)}` };
}

function correction(slot: Slot): LocalText | null {
  if (!slot.via || !slot.meant) return null;
  return slot.via === 'pinyin'
    ? { zh: `拼音${quoted(slot.said)}按${quoted(slot.meant)}理解`, en: `Pinyin ${quoted(slot.said)} read as ${quoted(slot.meant)}` }
    : { zh: `${quoted(slot.said)}按${quoted(slot.meant)}理解`, en: `Read ${quoted(slot.said)} as ${quoted(slot.meant)}` };
}

/** 您要开办餐饮店，以下事项可以一次办好：食品经营许可（新办）、… */
export function lifeEventReason(rule: LifeEventRule, items: readonly LocalText[]): LocalText {
  return {
    zh: `您要${rule.label.zh}，以下事项可以一次办好：${items.map((i) => i.zh).join('、')}`,
    en: `For ${en(rule.label)}, these are done in one go: ${items.map(en).join(', ')}`,
  };
}

/**
 * Why a result was offered, in the person's own words: concepts first (what their word means),
 * then their words and where each was found (grouped by field), then how a typo or pinyin was read.
 * Every reason is a template over content: nothing is made up.
 */
export function reasons(subject: ReasonSubject, matches: readonly SlotMatch[], lead: readonly LocalText[] = []): LocalText[] {
  const out: LocalText[] = [...lead];
  // Context concepts (开, 公司) go unsaid when a concept that says more was found too.
  const all = matches.filter((m) => m.slot.kind === 'concept');
  const concepts = all.some((m) => m.slot.weight >= 1) ? all.filter((m) => m.slot.weight >= 1) : all;
  concepts.forEach((m, i) => out.push(conceptReason(m, subject, i === 0 && lead.length === 0)));
  const byField = new Map<string, string[]>();
  for (const m of matches) {
    if (m.slot.kind !== 'word' || m.field === 'target') continue;
    const words = byField.get(m.field) ?? [];
    if (!words.includes(m.token)) words.push(m.token);
    byField.set(m.field, words);
  }
  // How a typo or pinyin was read comes before where the words were found: it explains them.
  for (const m of matches) {
    const c = correction(m.slot);
    if (c) out.push(c);
  }
  for (const [field, words] of byField) {
    const f = FOUND_IN[field as Field];
    out.push({ zh: `${f.zh}${words.map(quoted).join('')}`, en: `${f.en} ${words.map(quoted).join(', ')}` });
  }
  return out.slice(0, MAX_REASONS);
}
