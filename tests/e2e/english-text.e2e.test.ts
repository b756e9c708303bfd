import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, LANDSCAPE, launchChromium, screenshot } from './support/browser';
import { kioskApi, startKiosk, type KioskProcess } from './support/kiosk-process';
import { insertCard, printerStatus, readSimulators, removeCard, setPrinter, unwrapped, waitForPrint, type Simulators } from './support/simulators';

/**
 * Text as an English reader sees it (no Chinese punctuation, singular for one, dates in English)
 * and device states worded as a condition when that is what they are (out of paper is not a fault).
 * Expected values come from the kiosk's own API.
 */
let kiosk: KioskProcess;
let browser: Browser;
let sims: Simulators;

beforeAll(async () => {
  [kiosk, browser] = await Promise.all([startKiosk(), launchChromium()]);
  sims = await readSimulators(kiosk.dataDir);
});
afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

const api = <T>(method: string, input: unknown = {}): Promise<T> => kioskApi<T>(kiosk, method, input);

async function open(path: string, english: boolean): Promise<Page> {
  const page = await (await browser.newContext({ viewport: LANDSCAPE })).newPage();
  await page.goto(`${kiosk.url}${path}`);
  await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 60_000 });
  if (english) await page.getByTestId('toggle-language').click();
  return page;
}

const CJK_PUNCTUATION = /[、：（）；，。]/;
const printerLine = (page: Page) => page.locator('[data-testid="device-status"] [data-role="printer"]');
type Item = { channels: unknown[]; guide: { materials: Array<{ originalCount?: number; copyCount?: number }> } };
type Text = { zh: string; en?: string };
type ItemTexts = { name: Text; department: Text; guide: { conditions: Array<{ text: Text }>; legalBasis: Array<{ law: Text; article?: string }> } };
const mark = '[data-testid="zh-only-mark"]';

describe('English text and device wording in Chromium', { timeout: 180_000 }, () => {
  it('home in English: device states without Chinese punctuation, one service / N services on the tiles', async () => {
    const { stages } = await api<{ stages: Array<{ stage: string; count: number }> }>('content.catalogue');
    const page = await open('/', true);
    await expect.poll(() => printerLine(page).textContent(), { timeout: 30_000 }).toContain('Receipt printer: Working');
    for (const line of await page.locator('[data-testid="device-status"] li').allTextContents()) {
      expect(line).not.toMatch(CJK_PUNCTUATION);
      expect(line).toMatch(/^\s*[A-Za-z ]+: \S/);
    }
    for (const s of stages.filter((x) => x.count > 0)) {
      const count = (await page.locator(`[data-testid="stage-${s.stage}"] .count`).textContent())?.trim();
      expect(count).toBe(s.count === 1 ? '1 service' : `${s.count} services`);
    }
    await page.context().close();
  });

  it('printer out of paper reads as a condition, not a fault, in both languages', async () => {
    await setPrinter(sims, 'paper-out');
    try {
      const page = await open('/', false);
      await expect.poll(() => printerLine(page).getAttribute('data-condition'), { timeout: 30_000 }).toBe('paper-out');
      const zh = (await printerLine(page).textContent())?.trim();
      expect(zh).toBe('凭条打印机：缺纸');
      expect(zh).not.toContain('故障');
      await page.getByTestId('toggle-language').click();
      await expect.poll(async () => (await printerLine(page).textContent())?.trim()).toBe('Receipt printer: Out of paper');
      expect(await page.getByTestId('printer-notice').textContent()).toContain('(out of paper)');
      await expectAccessible(page, 'home, printer out of paper (en)');
      await screenshot(page, 'english-home-paper-out');
      await page.context().close();
    } finally {
      await setPrinter(sims, 'paper-back');
    }
  });

  it('a service guide in English: channels listed with commas, one copy / N copies', async () => {
    const { hits } = await api<{ hits: Array<{ code: string }> }>('content.search', { query: '', stage: 'start', limit: 30 });
    let chosen: { code: string; item: Item } | null = null;
    for (const h of hits) {
      const { item } = await api<{ item: Item }>('content.item', { code: h.code });
      if (item.channels.length > 1 && item.guide.materials.some((m) => m.copyCount === 1 || m.originalCount === 1)) {
        chosen = { code: h.code, item };
        break;
      }
    }
    expect(chosen).not.toBeNull();
    const page = await open(`/item/${chosen!.code}`, true);
    await page.getByTestId('materials').waitFor({ timeout: 20_000 });
    const channels = (await page.getByTestId('item-channels').textContent())!;
    expect(channels).not.toMatch(CJK_PUNCTUATION);
    expect(channels.split(', ')).toHaveLength(chosen!.item.channels.length);
    // Each count reads "1 copy", "2 copies", "1 original", … — never "(s)" or "copy/copies".
    const counts = (await page.getByTestId('material-count').allTextContents()).flatMap((c) => c.split(' · ').map((p) => p.trim()));
    const numbered = counts.map((c) => /^(\d+) (copy|copies|original|originals)$/.exec(c)).filter((m) => m !== null);
    expect(numbered.length).toBeGreaterThan(0);
    for (const [, n, word] of numbered) {
      const [one, many] = word!.startsWith('cop') ? ['copy', 'copies'] : ['original', 'originals'];
      expect(word).toBe(Number(n) === 1 ? one : many);
    }
    expect(numbered.some(([, n]) => n === '1')).toBe(true);
    expect(counts.join(' ')).not.toMatch(/\(s\)|copy\/copies/);
    await page.context().close();
  });

  it('an item in English: Chinese-only texts marked 仅中文 Chinese only and spoken as Chinese, translated ones not; none in Chinese', async () => {
    // An item whose conditions all have English and whose legal basis cites laws by their Chinese titles only.
    const { hits } = await api<{ hits: Array<{ code: string }> }>('content.search', { query: '', stage: 'start', limit: 30 });
    let chosen: { code: string; item: ItemTexts } | null = null;
    for (const h of hits) {
      const { item } = await api<{ item: ItemTexts }>('content.item', { code: h.code });
      if (item.name.en && item.guide.conditions.length && item.guide.conditions.every((c) => c.text.en) && item.guide.legalBasis.some((b) => !b.law.en)) {
        chosen = { code: h.code, item };
        break;
      }
    }
    expect(chosen).not.toBeNull();
    const { code, item } = chosen!;
    const page = await open(`/item/${code}`, true);
    const title = page.getByTestId('item-title');
    await expect.poll(async () => (await title.textContent())?.trim()).toBe(item.name.en);
    expect(await title.locator(mark).count()).toBe(0);
    const conditions = page.getByTestId('item-conditions');
    expect((await conditions.locator('li').allTextContents()).map((x) => x.trim())).toEqual(item.guide.conditions.map((c) => c.text.en));
    expect(await conditions.locator(mark).count()).toBe(0);

    // Each law without English: its Chinese citation in a zh-CN span, then the mark, read as "仅中文" (zh-CN) "Chinese only".
    const untranslated = item.guide.legalBasis.filter((b) => !b.law.en).map((b) => (b.article ? `${b.law.zh} ${b.article}` : b.law.zh));
    const basis = page.getByTestId('item-basis');
    expect(await basis.locator(mark).count()).toBe(untranslated.length);
    const marked = await basis.locator(`${mark}`).evaluateAll((marks) =>
      marks.map((m) => ({ before: m.previousElementSibling?.textContent, beforeLang: m.previousElementSibling?.getAttribute('lang'), lang: m.getAttribute('lang'), text: m.textContent?.trim(), zhLang: m.querySelector('[lang="zh-CN"]')?.textContent })),
    );
    expect(marked).toEqual(untranslated.map((zh) => ({ before: zh, beforeLang: 'zh-CN', lang: 'en', text: '仅中文 Chinese only', zhLang: '仅中文' })));
    await expect.poll(() => basis.locator(mark).first().isVisible()).toBe(true);
    await expectAccessible(page, 'item with Chinese-only texts (en)');
    await screenshot(page, 'english-item-chinese-only');

    await page.getByTestId('toggle-language').click();
    await expect.poll(async () => (await title.textContent())?.trim()).toBe(item.name.zh);
    expect(await page.locator(mark).count()).toBe(0);
    await page.context().close();
  });

  it('the 一次性告知单 printed in an English session: each label in Chinese then English, values as in Chinese', async () => {
    const { item } = await api<{ item: ItemTexts }>('content.item', { code: 'NH-AMR-0101' });
    const page = await open('/item/NH-AMR-0101', true);
    await page.getByTestId('materials').waitFor({ timeout: 20_000 });
    const before = (await printerStatus(sims)).printed;
    await page.getByTestId('item-print-notice').click();
    const paper = unwrapped((await waitForPrint(sims, before)).text);
    expect(paper).toContain('一次性告知单');
    expect(paper).toContain(`实施部门Department${unwrapped(item.department.zh)}`);
    expect(paper).toContain('承诺时限Timelimit');
    expect(paper).toContain('打印时间Printed:');
    // The item's name and the list stay in Chinese: the paper is the hall's record.
    expect(paper).toContain(unwrapped(item.name.zh));
    expect(paper).toContain('还需提供的材料');
    await page.getByTestId('item-print-outcome').waitFor({ timeout: 20_000 });
    await page.context().close();
  });

  it('a queue ticket taken in English: labels in Chinese then English, the values as the screen says them', async () => {
    const page = await open('/queue', true);
    await page.getByTestId('window-tax').click();
    const before = (await printerStatus(sims)).printed;
    await page.getByTestId('queue-take').click();
    const number = (await page.getByTestId('ticket-number').textContent())!.trim();
    const paper = unwrapped((await waitForPrint(sims, before)).text);
    expect(paper).toContain(number);
    expect(paper).toContain('窗口类型WindowTaxwindow');
    expect(paper).toMatch(/等候人数Waitingahead\d+/);
    expect(paper).toContain('取号时间Issued');
    await page.context().close();
  });

  it('办件查询 history: the date and time in the UI language (2026年12月1日 16:36 · 1 Dec 2026, 16:36)', async () => {
    // The person is whoever's card is on the reader: the sample card, then the enterprise chosen.
    await removeCard(sims);
    await insertCard(sims, 'valid');
    await expect.poll(async () => (await api<{ person: unknown }>('session.identify', {})).person, { timeout: 20_000 }).not.toBeNull();
    await api('session.identify', { creditCode: '91440605MA4UL2K84H' });
    const filed = await api<{ applicationNumber: string | null }>('platform.submitApplication', { itemCode: 'NH-AMR-0201', formData: {}, waitMs: 8000 });
    expect(filed.applicationNumber).toMatch(/^NH\d{14}$/);
    const progress = await api<{ history: Array<{ at: string }>; promisedDate: string }>('platform.progress', { applicationNumber: filed.applicationNumber });
    // The hall's calendar day of the first history entry, to check the screen against.
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric' })
        .formatToParts(new Date(progress.history[0]!.at))
        .map((p) => [p.type, p.value]),
    );

    const page = await open(`/progress?number=${filed.applicationNumber}`, false);
    const time = page.getByTestId('progress-history-time').first();
    await time.waitFor({ timeout: 20_000 });
    expect((await time.textContent())?.trim()).toMatch(new RegExp(`^${parts.year}年${parts.month}月${parts.day}日 \\d{2}:\\d{2}$`));
    await page.getByTestId('toggle-language').click();
    await expect.poll(async () => (await time.textContent())?.trim()).toMatch(new RegExp(`^${parts.day} [A-Z][a-z]{2} ${parts.year}, \\d{2}:\\d{2}$`));
    expect(await page.getByTestId('progress-result').textContent()).not.toContain(progress.promisedDate);
    await expectAccessible(page, 'progress (en)');
    await screenshot(page, 'english-progress');
    await page.context().close();
  });
});
