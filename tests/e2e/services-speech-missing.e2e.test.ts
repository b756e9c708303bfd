import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, LANDSCAPE, launchChromium } from './support/browser';
import { startKiosk, type KioskProcess, pageCapability } from './support/kiosk-process';

/**
 * A kiosk without espeak-ng (KIOSK_ESPEAK points at a binary that does not exist): the read-out says
 * plainly that it is unavailable, the services answer a typed `unavailable` error, and nothing breaks.
 */
let kiosk: KioskProcess;
let browser: Browser;

beforeAll(async () => {
  [kiosk, browser] = await Promise.all([startKiosk({ KIOSK_ESPEAK: '/nonexistent/espeak-ng' }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

describe('read-out without espeak-ng', { timeout: 120_000 }, () => {
  it('answers unavailable and tells the person on screen', async () => {
    const res = await fetch(`${kiosk.url}/api/speech.speak`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: kiosk.url, 'x-kiosk-capability': await pageCapability(kiosk.url) },
      body: JSON.stringify({ text: '您好', lang: 'zh-CN' }),
    });
    const body = (await res.json()) as { ok: boolean; error: { code: string; messageKey: string } };
    expect(body).toMatchObject({ ok: false, error: { code: 'unavailable', messageKey: 'services.speech.unavailable' } });

    const page = await (await browser.newContext({ viewport: LANDSCAPE })).newPage();
    await page.goto(kiosk.url);
    await page.getByTestId('home-welcome').waitFor({ timeout: 60_000 });
    const voices = await page.evaluate(() => speechSynthesis.getVoices().filter((v) => v.lang.startsWith('zh')).length);
    if (voices > 0) return; // the browser's own voice speaks; the services are not asked
    await page.getByTestId('read-aloud').click();
    await expect.poll(() => page.getByTestId('read-aloud').getAttribute('data-state'), { timeout: 20_000 }).toBe('failed');
    expect(await page.getByTestId('read-aloud-status').textContent()).toContain('本机暂不支持语音朗读');
    expect(await page.getByTestId('read-aloud-audio').getAttribute('data-bytes')).toBe('0');
    await expectAccessible(page, 'home, read-out unavailable');
    // Pressing again simply tries again.
    await page.getByTestId('read-aloud').click();
    await expect.poll(() => page.getByTestId('read-aloud').getAttribute('data-state'), { timeout: 20_000 }).toBe('failed');
    await page.context().close();
  });
});
