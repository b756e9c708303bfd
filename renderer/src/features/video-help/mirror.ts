import { maskIdNumber, maskMobile } from '../../../../kernel/mask';

/**
 * The shared screen of a video call: not a picture of the screen but a text mirror of it, read from
 * the page and masked before it leaves the kiosk. Staff see what the person sees well enough to guide
 * them (headings, texts, buttons, fields by their labels) and nothing personal: elements marked
 * `data-personal`, every value typed into a field, and any ID number, mobile number or other long
 * number in the text are masked here, in the kiosk page, before the snapshot is sent.
 */
export type MirrorRole = 'heading' | 'label' | 'text' | 'button' | 'link' | 'field';

/** One piece of the screen as read from the page, before masking. */
export interface ScreenPiece {
  readonly role: MirrorRole;
  readonly text: string;
  /** Inside an element marked `data-personal` (a name, an address, the person's own values). */
  readonly personal: boolean;
  /** For a field: what is typed in it (never sent; only whether there is something). */
  readonly value?: string;
  /** For a form's field: its id (`field-<id>` on the page), so staff can send a hint for it. */
  readonly fieldId?: string;
}

export interface MirrorBlock {
  readonly role: MirrorRole;
  readonly text: string;
  /** For a field: a mask when something is typed in it, empty otherwise. */
  readonly value?: string;
  readonly fieldId?: string;
}

export interface MirrorSnapshot {
  readonly path: string;
  readonly blocks: readonly MirrorBlock[];
}

export const HIDDEN = '＊＊＊';
/**
 * Screens that show the person's own data (who they are, what they filled in, their filings): there
 * every text but headings, labels and buttons is hidden, whatever it holds — a name or an address has
 * no shape a pattern could find.
 */
const OWN_DATA_SCREENS = /^\/(identify|form\/|review|ecert|submit|progress|my-cases)/;
const MAX_BLOCKS = 300;
const MAX_TEXT = 200;
const FIELD_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Numbers that identify a person, masked wherever they appear in a text (already-masked ones stay as they are). */
export function maskNumbers(text: string): string {
  return (
    text
      // 18-character ID numbers (and 15-digit old ones), in full.
      .replace(/(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g, (id) => maskIdNumber(id))
      // Mainland mobile numbers, with or without spaces or dashes.
      .replace(/(?<!\d)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g, (m) => maskMobile(m.replace(/[\s-]/g, '')))
      // Any other run of 8 or more digits (a bank card, a landline, a licence number): only its last 4 stay.
      .replace(/(?<![0-9*])\d{8,}(?![0-9*])/g, (n) => '*'.repeat(n.length - 4) + n.slice(-4))
  );
}

/** Masks what was read from the screen: the only way anything of it reaches staff. */
export function maskScreen(path: string, pieces: readonly ScreenPiece[]): MirrorSnapshot {
  const blocks: MirrorBlock[] = [];
  const ownData = OWN_DATA_SCREENS.test(path);
  for (const p of pieces) {
    if (blocks.length >= MAX_BLOCKS) break;
    const clean = p.text.replace(/\s+/g, ' ').trim();
    const text = p.personal || (ownData && p.role === 'text' && clean) ? HIDDEN : maskNumbers(clean).slice(0, MAX_TEXT);
    const fieldId = p.fieldId && FIELD_ID.test(p.fieldId) ? { fieldId: p.fieldId } : {};
    if (p.role === 'field') blocks.push({ role: 'field', text, value: p.value ? HIDDEN : '', ...fieldId });
    else if (text) blocks.push({ role: p.role, text });
  }
  // The path can carry an item code or a form id, never a value: its query is dropped.
  return { path: path.split('?')[0]!.slice(0, 200), blocks };
}

const ROLE_OF: Readonly<Record<string, MirrorRole>> = {
  H1: 'heading',
  H2: 'heading',
  H3: 'heading',
  H4: 'heading',
  BUTTON: 'button',
  A: 'link',
  LABEL: 'label',
  DT: 'label',
  TH: 'label',
  LEGEND: 'label',
};
const BLOCKS = 'h1, h2, h3, h4, p, li, button, a, label, td, th, dt, dd, legend, [role="status"], [role="alert"]';

/** Reads the screen under `root` (the page's main area) into pieces; the call panel marks itself `data-mirror-skip`. */
export function readScreen(root: Element): ScreenPiece[] {
  const pieces: ScreenPiece[] = [];
  const seen = new Set<Element>();
  for (const el of root.querySelectorAll(`${BLOCKS}, input, textarea, select`)) {
    if (el.closest('[data-mirror-skip]') || (el instanceof HTMLElement && el.offsetParent === null && getComputedStyle(el).position !== 'fixed')) continue;
    // A block inside another block already read (a <p> in an <li>, a <button> in a <td>) is read with it.
    const outer = el.parentElement?.closest(BLOCKS);
    if (outer && seen.has(outer) && !(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement)) continue;
    seen.add(el);
    const personal = el.closest('[data-personal]') !== null;
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) {
      if (el instanceof HTMLInputElement && (el.type === 'hidden' || el.type === 'button' || el.type === 'submit')) continue;
      const label = el.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.getAttribute('placeholder') ?? '';
      const fieldId = /^field-(.+)$/.exec(el.id)?.[1];
      pieces.push({ role: 'field', text: label, personal, value: el.value, ...(fieldId ? { fieldId } : {}) });
      continue;
    }
    pieces.push({ role: ROLE_OF[el.tagName] ?? 'text', text: el.textContent ?? '', personal });
  }
  return pieces;
}
