/**
 * The list of materials still to provide as it travels in a QR code: a public page on the platform
 * (what a phone opens) shows the same list the kiosk printed. Compact and URL-safe: one entry per
 * material, `id.originals.copies.flags`, joined by `~`; names come from the platform's catalogue.
 */
export interface LinkedMaterial {
  readonly id: string;
  /** null: not handed in as an original at all; 0: as an original, the guide gives no count. */
  readonly originals: number | null;
  readonly copies: number | null;
  readonly paperOnly: boolean;
  /** 如适用: depends on something not asked yet. */
  readonly conditional: boolean;
  readonly optional: boolean;
  /** 容缺: may follow within this time (unit w working days, n natural days, h hours). */
  readonly deferral: { readonly value: number; readonly unit: 'w' | 'n' | 'h' } | null;
}

/** 原件1份，复印件2份 — the count only when the guide gives one. The kiosk's paper and the public page say it alike. */
export function handInText(originals: number | null, copies: number | null): string {
  const parts: string[] = [];
  if (originals !== null) parts.push(`原件${originals ? `${originals}份` : ''}`);
  if (copies !== null) parts.push(`复印件${copies ? `${copies}份` : ''}`);
  return parts.join('，');
}

const count = (n: number | null): string => (n === null ? 'x' : String(n));

export function encodeMaterialsLink(list: readonly LinkedMaterial[]): string {
  return list
    .map((m) => {
      const flags = `${m.paperOnly ? 'p' : ''}${m.conditional ? 'i' : ''}${m.optional ? 'o' : ''}${m.deferral ? `${m.deferral.unit}${m.deferral.value}` : ''}`;
      return `${m.id}.${count(m.originals)}.${count(m.copies)}.${flags}`;
    })
    .join('~');
}

const ENTRY = /^([a-z0-9][a-z0-9_-]{0,79})\.(x|\d{1,2})\.(x|\d{1,2})\.(p?)(i?)(o?)(?:([wnh])(\d{1,3}))?$/;

/** Reads a list back; null when any entry is not in the format (a tampered or truncated code shows nothing wrong). */
export function decodeMaterialsLink(text: string): LinkedMaterial[] | null {
  if (!text) return [];
  const out: LinkedMaterial[] = [];
  for (const part of text.split('~')) {
    const m = ENTRY.exec(part);
    if (!m) return null;
    const num = (s: string | undefined): number | null => (s === undefined || s === 'x' ? null : Number(s));
    out.push({
      id: m[1]!,
      originals: num(m[2]),
      copies: num(m[3]),
      paperOnly: m[4] === 'p',
      conditional: m[5] === 'i',
      optional: m[6] === 'o',
      deferral: m[7] ? { unit: m[7] as 'w' | 'n' | 'h', value: Number(m[8]) } : null,
    });
  }
  return out;
}
