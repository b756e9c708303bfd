/** Where one page of the candidate bar starts and ends (end exclusive). */
export interface PageRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Splits the candidates into pages that each fit on one row of `room` px, in order, so the bar never
 * wraps or scrolls sideways and every candidate is on some page. A candidate wider than the row gets
 * a page of its own; `maxPerPage` keeps a wide row scannable.
 */
export function pagesThatFit(widths: readonly number[], room: number, gap: number, maxPerPage = 10): PageRange[] {
  const pages: PageRange[] = [];
  let start = 0;
  let used = 0;
  widths.forEach((w, i) => {
    const count = i - start;
    if (count > 0 && (used + gap + w > room || count >= maxPerPage)) {
      pages.push({ start, end: i });
      start = i;
      used = 0;
    }
    used += (i > start ? gap : 0) + w;
  });
  if (widths.length > start) pages.push({ start, end: widths.length });
  return pages;
}
