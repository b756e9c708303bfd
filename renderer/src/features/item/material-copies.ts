import { handInZh, type Material } from '../../../../contract';

/** One form a material is handed in as, with how many (null when the guide gives no count). */
export interface MaterialCopy {
  readonly form: 'original' | 'copy';
  readonly count: number | null;
}

/**
 * What to hand in for a material, each form once: "原件 1 份", "原件 1 份、复印件 2 份", or the bare
 * form when the guide gives no count (the form and its count are one fact, not two).
 */
export function materialCopies(m: Pick<Material, 'originalOrCopy' | 'originalCount' | 'copyCount'>): MaterialCopy[] {
  const out: MaterialCopy[] = [];
  if (m.originalOrCopy !== 'copy' || m.originalCount > 0) out.push({ form: 'original', count: m.originalCount || null });
  if (m.originalOrCopy !== 'original' || m.copyCount > 0) out.push({ form: 'copy', count: m.copyCount || null });
  return out;
}

/** The same in Chinese for printed paper (the official record): 原件1份，复印件2份 — the shared wording. */
export const materialCopiesZh = handInZh;
