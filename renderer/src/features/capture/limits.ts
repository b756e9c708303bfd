import { PAGE_LIMITS } from '../../../../contract';

/** What a page's size means for the person: it fits, or which cap it meets (each has its own words). */
export type PageFit = 'fits' | 'page-too-large' | 'too-many-pages' | 'application-too-large';

/** Checks one more page of `bytes` against the caps, given what the application already carries. */
export function pageFit(bytes: number, held: { pages: number; bytes: number }): PageFit {
  if (held.pages >= PAGE_LIMITS.pagesPerApplication) return 'too-many-pages';
  if (bytes > PAGE_LIMITS.pageBytes) return 'page-too-large';
  if (held.bytes + bytes > PAGE_LIMITS.applicationBytes) return 'application-too-large';
  return 'fits';
}

/** JPEG qualities tried in turn until a page fits its cap (text stays legible down to the last). */
export const JPEG_QUALITIES = [0.85, 0.72, 0.6, 0.5] as const;

/** Bytes of a `data:image/jpeg;base64,` URL's image. */
export const dataUrlBytes = (url: string): number => {
  const b64 = url.slice(url.indexOf(',') + 1);
  return Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
};
