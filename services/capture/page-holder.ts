import { randomUUID } from 'node:crypto';
import { PAGE_LIMITS, type CapturedPage } from '../../platform-wire/model';

export interface HeldPage {
  readonly pageId: string;
  readonly itemCode: string;
  readonly materialId: string;
  readonly width: number;
  readonly height: number;
  readonly dataBase64: string;
  readonly bytes: number;
}

export type AddRefusal = 'not-a-jpeg' | 'page-too-large' | 'too-many-pages' | 'application-too-large';

/**
 * The services' temporary copy of the pages a person captured, in memory only, until they are filed
 * (sealed into the outbox) or the session ends. Enforces the per-page and per-application caps.
 */
export class PageHolder {
  private pages: HeldPage[] = [];

  get size(): number {
    return this.pages.length;
  }

  add(p: Omit<HeldPage, 'pageId' | 'bytes'>): { ok: true; page: HeldPage } | { ok: false; reason: AddRefusal } {
    const data = Buffer.from(p.dataBase64, 'base64');
    if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8 || data[2] !== 0xff) return { ok: false, reason: 'not-a-jpeg' };
    if (data.length > PAGE_LIMITS.pageBytes) return { ok: false, reason: 'page-too-large' };
    // A page of another item is from an application the person left: this one starts afresh.
    this.pages = this.pages.filter((x) => x.itemCode === p.itemCode);
    if (this.pages.length >= PAGE_LIMITS.pagesPerApplication) return { ok: false, reason: 'too-many-pages' };
    if (this.totalBytes() + data.length > PAGE_LIMITS.applicationBytes) return { ok: false, reason: 'application-too-large' };
    const page: HeldPage = { ...p, pageId: randomUUID(), bytes: data.length };
    this.pages.push(page);
    return { ok: true, page };
  }

  remove(pageId: string): boolean {
    const before = this.pages.length;
    this.pages = this.pages.filter((p) => p.pageId !== pageId);
    return this.pages.length < before;
  }

  totalBytes(): number {
    return this.pages.reduce((n, p) => n + p.bytes, 0);
  }

  summary(): { pages: { pageId: string; materialId: string; page: number; bytes: number }[]; totalBytes: number } {
    return { pages: this.pages.map((p) => ({ pageId: p.pageId, materialId: p.materialId, page: this.numberOf(p), bytes: p.bytes })), totalBytes: this.totalBytes() };
  }

  /** The item's pages as filed, numbered within each material in the order captured. */
  forFiling(itemCode: string, materialIds: ReadonlySet<string>): CapturedPage[] {
    return this.pages
      .filter((p) => p.itemCode === itemCode && materialIds.has(p.materialId))
      .map((p) => ({ materialId: p.materialId, page: this.numberOf(p), mime: 'image/jpeg' as const, width: p.width, height: p.height, dataBase64: p.dataBase64 }));
  }

  /** Drops every page (filed, or the session ended). */
  clear(): void {
    this.pages = [];
  }

  private numberOf(p: HeldPage): number {
    return this.pages.filter((x) => x.materialId === p.materialId && x.itemCode === p.itemCode).indexOf(p) + 1;
  }
}
