import { SPEECH_MAX_CHARS } from '../../../../contract/api/speech';

/**
 * The text a read-out speaks for the current screen: the main heading, then every visible element
 * the screen marked `data-read-aloud` (its main message), bounded to what one call may speak.
 */
export function screenText(root: ParentNode = document, maxChars = SPEECH_MAX_CHARS): string {
  const main = root.querySelector('main') ?? root;
  const visible = (el: Element): boolean => (el as HTMLElement).offsetParent !== null || getComputedStyle(el).position === 'fixed';
  const parts = [main.querySelector('h1'), ...main.querySelectorAll('[data-read-aloud]')]
    .filter((el): el is Element => el !== null && visible(el))
    .map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0);
  const seen = new Set<string>();
  const text = parts.filter((p) => (seen.has(p) ? false : (seen.add(p), true))).join('。 ');
  return text.length > maxChars ? text.slice(0, maxChars) : text;
}
