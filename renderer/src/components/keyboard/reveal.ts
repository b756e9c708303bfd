/** Smooth scrolling helps people follow where the screen went, unless they asked for less motion. */
export const scrollBehavior = (): ScrollBehavior => (window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth');

/**
 * Scrolls so that the field being typed into and the keyboard that just opened below it are both on
 * screen (in portrait a lower field's keyboard opened mostly below the screen). `entry` is the
 * field's container, label included, that also holds the keyboard.
 */
export function revealFieldAndKeyboard(entry: HTMLElement, field: HTMLElement | null, keyboard: HTMLElement): void {
  const behavior = scrollBehavior();
  if (entry.getBoundingClientRect().height <= window.innerHeight) {
    entry.scrollIntoView({ block: 'nearest', behavior });
    return;
  }
  // Too tall for the screen (a long label and a multi-line field): keep the keyboard's bottom on screen
  // and, above it, as much of the field as fits.
  const fieldTop = field?.getBoundingClientRect().top ?? keyboard.getBoundingClientRect().top;
  const overflowBelow = keyboard.getBoundingClientRect().bottom - window.innerHeight;
  const by = Math.min(Math.max(0, overflowBelow), Math.max(0, fieldTop));
  if (by > 0) window.scrollBy({ top: by, behavior });
}
