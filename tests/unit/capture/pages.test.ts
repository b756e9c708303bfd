import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { kioskApi, PAGE_LIMITS, applicationRequest, type KioskBridge } from '../../../contract';
import { capturableMaterials } from '../../../renderer/src/features/capture/capturable';
import { dataUrlBytes, pageFit } from '../../../renderer/src/features/capture/limits';
import { useCaptureStore } from '../../../renderer/src/features/capture/store';
import { setBridge } from '../../../renderer/src/bridge';
import { useSessionStore } from '../../../renderer/src/stores/session';
import { provideFor } from '../../../renderer/src/features/item/provide';
import { createCaptureArea } from '../../../services/capture/area';
import { PageHolder } from '../../../services/capture/page-holder';
import type { AreaDeps } from '../../../services/area';
import type { ContentPort } from '../../../services/content/area';
import { recordingLogger } from '../../support/recording-logger';
import sample from '../../../content/sample/items.json';
import type { ServiceItem } from '../../../contract';

/** A JPEG-looking page of `bytes` bytes (FF D8 FF …), base64 as the bridge carries it. */
const jpeg = (bytes: number): string => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(bytes - 4, 7)]).toString('base64');
const items = (sample as unknown as { items?: ServiceItem[] }).items ?? (sample as unknown as ServiceItem[]);
const item = items.find((i) => i.code === 'NH-AMR-0202')!;
const content = { item: (code: string) => (code === item.code ? item : null) } as unknown as ContentPort;
const deps = { log: recordingLogger(), db: null } as unknown as AreaDeps;
const internal = { via: 'internal' } as const;

describe('size caps of captured pages', () => {
  it('the bridge refuses a page larger than the cap before any service sees it', () => {
    const addPage = kioskApi['capture.addPage'].input;
    const base = { itemCode: item.code, materialId: 'm_resolution', width: 1131, height: 1600 };
    expect(addPage.safeParse({ ...base, jpegBase64: jpeg(PAGE_LIMITS.pageBytes - 1000) }).success).toBe(true);
    expect(addPage.safeParse({ ...base, jpegBase64: jpeg(PAGE_LIMITS.pageBytes + 1000) }).success).toBe(false);
    // Not a JPEG, or larger than a page may be drawn.
    expect(addPage.safeParse({ ...base, jpegBase64: Buffer.from('GIF89a........').toString('base64') }).success).toBe(false);
    expect(addPage.safeParse({ ...base, width: 4000, jpegBase64: jpeg(5000) }).success).toBe(false);
  });

  it('the services hold at most the pages and bytes an application may carry, and say which cap was met', () => {
    const h = new PageHolder();
    const page = { itemCode: 'X', materialId: 'm', width: 800, height: 1131 };
    expect(h.add({ ...page, dataBase64: Buffer.from('not a jpeg at all').toString('base64') })).toEqual({ ok: false, reason: 'not-a-jpeg' });
    let last;
    for (let i = 0; i < PAGE_LIMITS.pagesPerApplication; i++) last = h.add({ ...page, dataBase64: jpeg(200_000) });
    // 12 pages of 200 KB = 2.4 MB: within both caps; a 13th is one page too many.
    expect(last).toMatchObject({ ok: true });
    expect(h.add({ ...page, dataBase64: jpeg(1000) })).toEqual({ ok: false, reason: 'too-many-pages' });
    const big = new PageHolder();
    for (let i = 0; i < 8; i++) big.add({ ...page, dataBase64: jpeg(420_000) });
    expect(big.add({ ...page, dataBase64: jpeg(420_000) })).toEqual({ ok: false, reason: 'application-too-large' });
  });

  it('the screen says the same before it sends (the same caps)', () => {
    expect(pageFit(100_000, { pages: 0, bytes: 0 })).toBe('fits');
    expect(pageFit(PAGE_LIMITS.pageBytes + 1, { pages: 0, bytes: 0 })).toBe('page-too-large');
    expect(pageFit(100_000, { pages: PAGE_LIMITS.pagesPerApplication, bytes: 0 })).toBe('too-many-pages');
    expect(pageFit(300_000, { pages: 3, bytes: PAGE_LIMITS.applicationBytes - 200_000 })).toBe('application-too-large');
    expect(dataUrlBytes(`data:image/jpeg;base64,${jpeg(1234)}`)).toBe(1234);
  });

  it('the platform refuses an application whose pages together are over the cap', () => {
    const app = { itemCode: item.code, applicant: { agentName: '黄测试', agentIdNumber: '440605199001011232' }, formData: {} };
    const p = (n: number) => ({ materialId: 'm_resolution', page: n, mime: 'image/jpeg', width: 1131, height: 1600, dataBase64: jpeg(440_000) });
    expect(applicationRequest.safeParse({ ...app, pages: [1, 2, 3, 4, 5, 6, 7].map(p) }).success).toBe(true);
    expect(applicationRequest.safeParse({ ...app, pages: [1, 2, 3, 4, 5, 6, 7, 8, 9].map(p) }).success).toBe(false);
  });
});

describe('which materials the document camera takes', () => {
  it('what must be provided electronically without an e-certificate; not what is paper-only, optional or 如适用', () => {
    const ids = capturableMaterials(provideFor(item, { answers: { q_who: 'agent' }, role: 'agent', formId: item.formId ?? null })).map((m) => m.id);
    expect(ids).toContain('m_resolution');
    expect(ids).not.toContain('m_licence_original'); // paper only, optional
    expect(ids).not.toContain(item.guide.materials.find((m) => m.formId)?.id); // the form filled here
  });
});

describe('pages are wiped at session end', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('the services drop their copy when the session ends, and hand pages over once when filing', async () => {
    const area = createCaptureArea(deps, { content });
    const added = await area.handlers['capture.addPage']({ itemCode: item.code, materialId: 'm_resolution', jpegBase64: jpeg(50_000), width: 800, height: 1131 }, internal);
    expect(added.ok).toBe(true);
    expect(area.holdsSession()).toBe(true);
    area.wipeSession();
    expect(area.holdsSession()).toBe(false);
    expect(area.port.takeForFiling(item.code, new Set(['m_resolution']))).toEqual([]);

    await area.handlers['capture.addPage']({ itemCode: item.code, materialId: 'm_resolution', jpegBase64: jpeg(50_000), width: 800, height: 1131 }, internal);
    await area.handlers['capture.addPage']({ itemCode: item.code, materialId: 'm_resolution', jpegBase64: jpeg(60_000), width: 800, height: 1131 }, internal);
    const filed = area.port.takeForFiling(item.code, new Set(['m_resolution']));
    expect(filed.map((p) => [p.materialId, p.page])).toEqual([['m_resolution', 1], ['m_resolution', 2]]);
    expect(area.holdsSession()).toBe(false);
    // A material that is not the item's is refused.
    const foreign = await area.handlers['capture.addPage']({ itemCode: item.code, materialId: 'm_nonsense', jpegBase64: jpeg(5000), width: 800, height: 1131 }, internal);
    expect(foreign.ok).toBe(false);
  });

  it('the screen forgets every page when the visit ends', async () => {
    // The display preferences the session store resets write to the document's root element.
    vi.stubGlobal('document', { documentElement: { lang: '', classList: { toggle: () => undefined } } });
    const calls: string[] = [];
    setBridge({ call: async (m: string) => (calls.push(m), { ok: true, value: { hadSession: true } }), subscribe: () => () => undefined } as unknown as KioskBridge);
    const pages = useCaptureStore();
    const corners = { topLeft: { x: 0, y: 0 }, topRight: { x: 1, y: 0 }, bottomRight: { x: 1, y: 1 }, bottomLeft: { x: 0, y: 1 } };
    pages.add({ pageId: crypto.randomUUID(), itemCode: item.code, materialId: 'm_resolution', thumbnail: 'data:image/jpeg;base64,/9j/', width: 800, height: 1131, bytes: 1000, corners });
    const session = useSessionStore();
    expect(session.holdsPerson).toBe(true);
    await session.end('logout');
    expect(pages.pages).toEqual([]);
    expect(pages.of(item.code, 'm_resolution')).toEqual([]);
    expect(calls).toContain('session.end');
    vi.unstubAllGlobals();
  });
});
