import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectTouchTargets, LANDSCAPE, launchChromium, PORTRAIT, screenshot } from './support/browser';
import { kioskApi, startKiosk, type KioskProcess } from './support/kiosk-process';

/**
 * The search screen as a person typing on the touchscreen sees it: results beside or right below the
 * keyboard in every orientation and text size, no "0 found" before anything is asked, one name per
 * stage from home tile to heading, and selected filters and toggles that look selected.
 */
let kiosk: KioskProcess;
let browser: Browser;

beforeAll(async () => {
  [kiosk, browser] = await Promise.all([startKiosk(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

const api = <T>(method: string, input: unknown = {}): Promise<T> => kioskApi<T>(kiosk, method, input);

interface Options {
  viewport?: { width: number; height: number };
  largeFont?: boolean;
  english?: boolean;
  contrast?: boolean;
}
async function open(path: string, o: Options = {}): Promise<Page> {
  const page = await (await browser.newContext({ viewport: o.viewport ?? LANDSCAPE })).newPage();
  await page.goto(`${kiosk.url}${path}`);
  await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 60_000 });
  if (o.largeFont) await page.getByTestId('toggle-large-font').click();
  if (o.contrast) await page.getByTestId('toggle-contrast').click();
  if (o.english) await page.getByTestId('toggle-language').click();
  return page;
}

async function onScreen(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.top >= -1 && r.bottom <= window.innerHeight + 1 && r.left >= -1 && r.right <= window.innerWidth + 1;
  });
}

type Catalogue = { stages: Array<{ stage: string; count: number }> };
type Hits = { hits: Array<{ code: string; name: string; nameEn: string | null }> };

/** WCAG relative luminance of a computed `rgb(…)` colour, and the contrast ratio of two. */
const luminance = (rgb: string): number => {
  const [r, g, b] = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};
const contrast = (a: string, b: string): number => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

describe('search screen in Chromium', { timeout: 240_000 }, () => {
  it('shows the results while the keyboard is open: landscape and portrait, normal and large text, zh and en', async () => {
    const expected = await api<Hits>('content.search', { query: 'yyzz', limit: 30 });
    expect(expected.hits.length).toBeGreaterThan(0);
    const cases: Array<[string, Options]> = [
      ['landscape', {}],
      ['landscape-large-font', { largeFont: true }],
      ['portrait', { viewport: PORTRAIT }],
      ['portrait-large-font', { viewport: PORTRAIT, largeFont: true }],
      ['portrait-large-font-en', { viewport: PORTRAIT, largeFont: true, english: true }],
    ];
    for (const [name, o] of cases) {
      const page = await open('/search', o);
      // Nothing asked yet: an invitation, no "0 found".
      await page.getByTestId('search-prompt').waitFor();
      expect(await page.getByTestId('results-count').count()).toBe(0);

      await page.getByTestId('search-input').click();
      for (const k of 'yyzz') await page.locator(`[data-testid="keyboard"] [data-skbtn="${k}"]`).click();
      const first = page.getByTestId('search-hit').first();
      const top = expected.hits[0]!;
      // Results of a shorter prefix ("yyz") may show first while the last key is debounced.
      await expect
        .poll(async () => ((await first.count()) > 0 ? (await first.textContent())?.trim() : null), { timeout: 20_000 })
        .toBe(o.english && top.nameEn ? top.nameEn : top.name);
      expect(await page.getByTestId('keyboard').isVisible()).toBe(true);
      expect(await onScreen(page.getByTestId('keyboard')), `${name}: keyboard on screen`).toBe(true);
      expect(await onScreen(first), `${name}: first result on screen`).toBe(true);
      expect(await onScreen(page.getByTestId('results-count')), `${name}: count on screen`).toBe(true);
      await expectAccessible(page, `search typing (${name})`);
      if (!o.largeFont) await expectTouchTargets(page);
      await screenshot(page, `search-typing-${name}`);
      await page.context().close();
    }
  });

  it('one name per stage: the home tile, the screen it opens and the stage filter all say the same, in zh and en', async () => {
    const { stages } = await api<Catalogue>('content.catalogue');
    const shown = stages.filter((s) => s.count > 0);
    for (const english of [false, true]) {
      const home = await open('/', { english });
      const names = new Map<string, string>();
      for (const s of shown) names.set(s.stage, (await home.locator(`[data-testid="stage-${s.stage}"] span`).first().textContent())!.trim());
      const policiesTile = (await home.getByTestId('service-policies').textContent())?.trim();
      for (const s of shown) {
        await home.getByTestId(`stage-${s.stage}`).click();
        await expect.poll(() => home.getByRole('heading', { level: 1 }).textContent()).toBe(names.get(s.stage));
        await home.getByTestId('filter-stage-toggle').click();
        for (const other of shown) {
          expect((await home.locator(`[data-testid="filter-stage-${other.stage}"] .name`).textContent())?.trim()).toBe(names.get(other.stage));
        }
        expect(await home.getByTestId('filter-stage-toggle').textContent()).toContain(names.get(s.stage));
        await home.goBack(); // within the app: the language chosen stays
        await home.getByTestId(`stage-${s.stage}`).waitFor();
      }
      // Names are distinct: no stage is called like another, or like the 惠企政策 service tile.
      expect(new Set(names.values()).size).toBe(names.size);
      expect([...names.values()]).not.toContain(policiesTile);
      await home.context().close();
    }
  });

  it('a chosen filter and a switched-on toggle look chosen (colour, thick border, check mark), in normal and high contrast', async () => {
    const { stages } = await api<Catalogue>('content.catalogue');
    const stage = stages.find((s) => s.count > 0)!.stage;
    for (const contrastMode of [false, true]) {
      const page = await open(`/stage/${stage}`, { contrast: contrastMode, largeFont: true });
      await page.getByTestId('filter-stage-toggle').click();
      await page.getByTestId('filter-department-toggle').click(); // one list at a time: departments now
      await page.getByTestId('filter-stage-toggle').click();
      const pressed = page.locator('button[aria-pressed="true"]:visible');
      const unpressed = page.locator('button[aria-pressed="false"]:visible');
      // The chosen stage and the two switched-on display toggles (大字, and 高对比 when on).
      expect(await page.getByTestId(`filter-stage-${stage}`).getAttribute('aria-pressed')).toBe('true');
      expect(await pressed.count()).toBe(contrastMode ? 3 : 2);
      expect(await unpressed.count()).toBeGreaterThan(3);
      const look = (l: Locator) =>
        l.evaluateAll((els) =>
          els.map((el) => {
            const s = getComputedStyle(el);
            return { text: el.textContent?.trim(), bg: s.backgroundColor, border: parseFloat(s.borderTopWidth), mark: getComputedStyle(el, '::before').content };
          }),
        );
      const on = await look(pressed);
      const off = await look(unpressed);
      for (const p of on) {
        expect(p.mark, `${p.text} has a check mark`).toContain('✓');
        for (const u of off) {
          expect(contrast(p.bg, u.bg), `${p.text} vs ${u.text}`).toBeGreaterThanOrEqual(3);
          expect(p.border).toBeGreaterThan(u.border);
        }
      }
      for (const u of off) expect(u.mark).toBe('none');
      await expectAccessible(page, `pressed states${contrastMode ? ' (high contrast)' : ''}`);
      await screenshot(page, `search-pressed${contrastMode ? '-high-contrast' : ''}`);

      // Choosing another stage moves the mark, and closes the list so the results show.
      const other = stages.find((s) => s.count > 0 && s.stage !== stage)!.stage;
      await page.getByTestId(`filter-stage-${other}`).click();
      await expect.poll(() => page.getByTestId(`filter-stage-${other}`).isVisible()).toBe(false);
      await page.getByTestId('filter-stage-toggle').click();
      expect(await page.getByTestId(`filter-stage-${other}`).getAttribute('aria-pressed')).toBe('true');
      expect(await page.getByTestId(`filter-stage-${stage}`).getAttribute('aria-pressed')).toBe('false');
      await page.context().close();
    }
  });
});
