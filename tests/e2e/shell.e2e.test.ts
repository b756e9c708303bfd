import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectTouchTargets, LANDSCAPE, launchChromium, PORTRAIT, screenshot } from './support/browser';
import { startKiosk, type KioskProcess } from './support/kiosk-process';

let kiosk: KioskProcess;
let browser: Browser;

beforeAll(async () => {
  // Short timeouts so the idle test runs in seconds (the defaults are 120 s + 30 s); the warning stays long
  // enough for an accessibility scan on a loaded machine.
  [kiosk, browser] = await Promise.all([
    startKiosk({ KIOSK_IDLE_SECONDS: '2', KIOSK_IDLE_WARNING_SECONDS: '12' }),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

async function openHome(viewport: { width: number; height: number } = LANDSCAPE): Promise<Page> {
  // axe needs a page from an explicit context.
  const page = await (await browser.newContext({ viewport })).newPage();
  await page.goto(kiosk.url);
  await page.getByTestId('home-welcome').waitFor();
  return page;
}

// Generous: the large-font and idle-timeout tests take ~25 s alone and share 2 cores with other test files.
describe('renderer shell in Chromium against the Node host', { timeout: 150_000 }, () => {
  it('renders the home screen in Chinese with the bundled font, not empty boxes', async () => {
    const page = await openHome();
    await expect.poll(() => page.getByTestId('home-welcome').textContent()).toBe('欢迎使用企业政务服务自助终端');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    const font = await page.evaluate(async () => {
      await document.fonts.load('32px "Noto Sans SC"', '政务自助终端');
      await document.fonts.ready;
      // Missing glyphs all render as the same box: two different characters must differ in pixels.
      const draw = (ch: string): string => {
        const c = document.createElement('canvas');
        c.width = 64;
        c.height = 64;
        const ctx = c.getContext('2d')!;
        ctx.font = '48px "Noto Sans SC"';
        ctx.fillText(ch, 4, 52);
        return c.toDataURL();
      };
      return {
        loaded: document.fonts.check('32px "Noto Sans SC"', '政务自助终端'),
        family: getComputedStyle(document.body).fontFamily,
        distinct: draw('政') !== draw('务'),
      };
    });
    expect(font.family).toContain('Noto Sans SC');
    expect(font.loaded).toBe(true);
    expect(font.distinct).toBe(true);
    await screenshot(page, 'shell-home-zh-landscape');
    await expectAccessible(page, 'home (zh-CN)');
    await expectTouchTargets(page);
    await page.context().close();
  });

  it('switches the visible text to English and back', async () => {
    const page = await openHome();
    await page.getByTestId('toggle-language').click();
    await expect.poll(() => page.getByTestId('home-welcome').textContent()).toBe('Welcome to the enterprise self-service kiosk');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await screenshot(page, 'shell-home-en');
    await expectAccessible(page, 'home (en)');
    await page.getByTestId('toggle-language').click();
    await expect.poll(() => page.getByTestId('home-welcome').textContent()).toBe('欢迎使用企业政务服务自助终端');
    await page.context().close();
  });

  it('large-font mode enlarges the text and keeps every screen accessible', async () => {
    const page = await openHome();
    const size = (): Promise<number> =>
      page.getByTestId('home-welcome').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const before = await size();
    await page.getByTestId('toggle-large-font').click();
    await expect.poll(size).toBeGreaterThan(before * 1.25);
    await screenshot(page, 'shell-home-large-font');
    await expectAccessible(page, 'home (large font)');
    await expectTouchTargets(page);
    await page.getByTestId('open-settings').click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectAccessible(page, 'settings (large font)');
    await page.getByTestId('toggle-contrast').click();
    await screenshot(page, 'shell-settings-large-font-contrast');
    await expectAccessible(page, 'settings (large font, high contrast)');
    await page.context().close();
  });

  it('is usable in portrait 1080x1920: nothing overflows sideways', async () => {
    const page = await openHome(PORTRAIT);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectTouchTargets(page);
    await screenshot(page, 'shell-home-zh-portrait');
    await page.context().close();
  });

  it('warns before the idle timeout, lets the user continue, then returns home and resets the display', async () => {
    const page = await openHome();
    await page.getByTestId('toggle-language').click();
    await page.getByTestId('open-settings').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/settings');

    const warning = page.getByTestId('idle-warning');
    await warning.waitFor({ timeout: 10_000 });
    await expectAccessible(page, 'idle warning');
    await screenshot(page, 'shell-idle-warning');
    await page.getByTestId('idle-continue').click();
    await expect.poll(() => warning.count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/settings');

    // Left alone this time: the countdown ends the session.
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 30_000 }).toBe('/');
    await expect.poll(() => page.getByTestId('home-welcome').textContent()).toBe('欢迎使用企业政务服务自助终端');
    await page.context().close();
  });
});
