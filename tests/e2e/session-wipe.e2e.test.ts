import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, LANDSCAPE, launchChromium, screenshot } from './support/browser';
import { startKiosk, type KioskProcess } from './support/kiosk-process';

/**
 * Session end in Chromium: a visit leaves data in several renderer stores (identified enterprise,
 * 帮办 call, appointment, display preferences, read-out audio) and in inputs; logging out, or leaving
 * the kiosk alone until the idle countdown ends, must leave nothing of it on screen or in the stores.
 */
let kiosk: KioskProcess;
let browser: Browser;

const ENTERPRISE = '91440605MA4UL2K84H';

beforeAll(async () => {
  // Idle long enough for the walk below (every step is a touch), short enough to wait out once.
  [kiosk, browser] = await Promise.all([
    startKiosk({ KIOSK_IDLE_SECONDS: '12', KIOSK_IDLE_WARNING_SECONDS: '4', PLATFORM_SIM_HELP_AUTO_ANSWER_MS: '0' }),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

/** Everything the renderer's Pinia stores hold, serialised. */
const storeState = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const app = (document.querySelector('#app') as unknown as { __vue_app__?: { config: { globalProperties: Record<string, unknown> } } }).__vue_app__;
    const pinia = app?.config.globalProperties.$pinia as { state: { value: unknown } } | undefined;
    if (!pinia) throw new Error('no pinia on the app');
    return JSON.stringify(pinia.state.value);
  });

/** In-app navigation (a page.goto would reload the app and lose the state under test). */
const navigate = (page: Page, path: string): Promise<void> =>
  page.evaluate(async (to) => {
    const app = (document.querySelector('#app') as unknown as { __vue_app__: { config: { globalProperties: Record<string, unknown> } } }).__vue_app__;
    await (app.config.globalProperties.$router as { push(p: string): Promise<unknown> }).push(to);
  }, path);

/** Walks a visit that leaves traces everywhere; returns the secrets to look for afterwards. */
async function walkVisit(page: Page): Promise<{ name: string; checkInCode: string }> {
  await navigate(page, '/policies');
  await page.getByTestId('policy-credit-code').fill(ENTERPRISE, { timeout: 60_000 });
  await page.getByTestId('policy-match').click();
  const who = page.getByTestId('policies-enterprise');
  await who.waitFor({ timeout: 20_000 });
  const name = (await who.textContent())!.replace(/^.*[：:]\s*/, '').trim();
  expect(name.length).toBeGreaterThan(3);

  await page.getByTestId('toggle-large-font').click();
  await page.getByTestId('toggle-contrast').click();

  await navigate(page, '/help?itemCode=NH-AMR-0101');
  await page.getByTestId('help-call').click();
  await expect.poll(() => page.getByTestId('help-status').getAttribute('data-state'), { timeout: 20_000 }).toMatch(/paged|queued/);

  await navigate(page, '/appointments?itemCode=NH-AMR-0101');
  await page.locator('[data-testid^="slot-"]:not([data-remaining="0"])').first().click({ timeout: 30_000 });
  const checkInCode = (await page.getByTestId('appointment-code').textContent())!.trim();

  await page.getByTestId('read-aloud').click();
  await expect.poll(async () => Number(await page.getByTestId('read-aloud-audio').getAttribute('data-bytes')), { timeout: 30_000 }).toBeGreaterThan(0);

  const state = await storeState(page);
  expect(state).toContain(ENTERPRISE);
  expect(state).toContain(checkInCode);
  return { name, checkInCode };
}

async function expectNothingLeft(page: Page, secrets: { name: string; checkInCode: string }): Promise<void> {
  await expect.poll(() => new URL(page.url()).pathname, { timeout: 20_000 }).toBe('/');
  await page.getByTestId('home-welcome').waitFor();
  const state = await storeState(page);
  for (const secret of [ENTERPRISE, secrets.name, secrets.checkInCode]) {
    expect(state).not.toContain(secret);
    expect(await page.locator('body').innerText()).not.toContain(secret);
  }
  expect(await page.getByTestId('home-search-input').inputValue()).toBe('');
  expect(await page.evaluate(() => Array.from({ length: document.documentElement.classList.length }, (_, i) => document.documentElement.classList.item(i)))).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  expect(Number(await page.getByTestId('read-aloud-audio').getAttribute('data-bytes'))).toBe(0);
  expect(await page.getByTestId('read-aloud-audio').getAttribute('src')).toBeNull();

  // Screens that showed the visit's data come back empty for the next person.
  await page.getByTestId('service-help').click();
  await page.getByTestId('help-call').waitFor();
  expect(await page.getByTestId('help-status').count()).toBe(0);
  await navigate(page, '/appointments');
  await page.getByTestId('appointments').waitFor();
  expect(await page.getByTestId('appointment').count()).toBe(0);
  expect(await page.getByTestId('appointment-item').count()).toBe(0);
  await navigate(page, '/policies');
  await page.getByTestId('policy-credit-code').waitFor();
  expect(await page.getByTestId('policies-enterprise').count()).toBe(0);
  expect(await page.getByTestId('policy-credit-code').inputValue()).toBe('');
}

describe('session end wipes every trace of the visit', { timeout: 150_000 }, () => {
  it('log out: nothing of the visit remains visible or in the renderer stores', async () => {
    const page = await (await browser.newContext({ viewport: LANDSCAPE })).newPage();
    await page.goto(kiosk.url);
    await page.getByTestId('home-search-input').fill('营业执照', { timeout: 60_000 });
    const secrets = await walkVisit(page);
    await screenshot(page, 'session-before-logout');
    await page.getByTestId('logout').click();
    await expectNothingLeft(page, secrets);
    await screenshot(page, 'session-after-logout');
    await expectAccessible(page, 'policies after logout');
    await page.context().close();
  });

  it('idle timeout: after the countdown nothing of the visit remains', async () => {
    const page = await (await browser.newContext({ viewport: LANDSCAPE })).newPage();
    await page.goto(kiosk.url);
    await page.getByTestId('home-welcome').waitFor({ timeout: 60_000 });
    const secrets = await walkVisit(page);
    // Hands off: the warning comes, counts down, and the session ends by itself.
    await page.getByTestId('idle-warning').waitFor({ timeout: 30_000 });
    await expectNothingLeft(page, secrets);
    await page.context().close();
  });
});
