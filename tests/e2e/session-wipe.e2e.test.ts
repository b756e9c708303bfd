import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, LANDSCAPE, launchChromium, screenshot, callAsPage } from './support/browser';
import { startKiosk, type KioskProcess } from './support/kiosk-process';
import { answerHelp, connectPlatform, platformRecords, type PlatformSim } from './support/platform';
import { insertCard, readSimulators, removeCard, type Simulators } from './support/simulators';

/**
 * Session end in Chromium: a visit leaves data in several renderer stores (identified enterprise,
 * 帮办 call, appointment, display preferences, read-out audio) and in inputs; logging out, or leaving
 * the kiosk alone until the idle countdown ends, must leave nothing of it on screen or in the stores.
 */
let kiosk: KioskProcess;
let browser: Browser;
let platform: PlatformSim;
let sims: Simulators;

const ENTERPRISE = '91440605MA4UL2K84H';
const IDLE_SECONDS = 12;
const WARNING_SECONDS = 4;

beforeAll(async () => {
  // Idle long enough for the walk below (every step is a touch), short enough to wait out once.
  [kiosk, browser] = await Promise.all([
    startKiosk({ KIOSK_IDLE_SECONDS: String(IDLE_SECONDS), KIOSK_IDLE_WARNING_SECONDS: String(WARNING_SECONDS), PLATFORM_SIM_HELP_AUTO_ANSWER_MS: '0' }),
    launchChromium(),
  ]);
  [platform, sims] = await Promise.all([connectPlatform(kiosk.url), readSimulators(kiosk.dataDir)]);
}, 120_000);
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
  await page.getByTestId('appointment-phone').fill('13800138000', { timeout: 20_000 });
  await page.getByTestId('appointment-confirm-button').click();
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

describe('session end wipes every trace of the visit', { timeout: 180_000 }, () => {
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

  it('idle timeout: no countdown while staff are on their way; once they answered, the countdown ends the visit and nothing remains', async () => {
    const page = await (await browser.newContext({ viewport: LANDSCAPE })).newPage();
    await page.goto(kiosk.url);
    await page.getByTestId('home-welcome').waitFor({ timeout: 60_000 });
    const secrets = await walkVisit(page);
    // Told to wait for staff (帮办 paged): hands off for longer than idle time and warning together.
    await navigate(page, '/help');
    expect(await page.getByTestId('help-no-timeout').textContent()).toContain('不会因无操作而自动退出');
    await page.waitForTimeout((IDLE_SECONDS + WARNING_SECONDS + 4) * 1000);
    expect(await page.getByTestId('idle-warning').count()).toBe(0);
    expect(await page.getByTestId('help-status').getAttribute('data-state')).toBe('paged');
    // Staff answer: the answer shows, and from then on the idle countdown runs again.
    const call = (await platformRecords(platform)).help.at(-1) as { helpId: string };
    await answerHelp(platform, call.helpId, '请到3号窗口');
    await expect.poll(() => page.getByTestId('help-answer').textContent(), { timeout: 20_000 }).toContain('请到3号窗口');
    expect(await page.getByTestId('help-no-timeout').count()).toBe(0);
    // Hands off: the warning comes, counts down, and the session ends by itself.
    await page.getByTestId('idle-warning').waitFor({ timeout: 30_000 });
    await expectNothingLeft(page, secrets);
    await page.context().close();
  });

  it('返回首页 keeps the visit: 退出 and the countdown stay on home; left alone it ends, the card left on the reader is asked for, the next person starts clean', async () => {
    await removeCard(sims);
    const page = await (await browser.newContext({ viewport: LANDSCAPE })).newPage();
    await page.goto(`${kiosk.url}/identify`);
    await insertCard(sims, 'valid');
    await expect.poll(() => page.getByTestId('identify-person').textContent(), { timeout: 20_000 }).toContain('黄*试');
    await page.getByTestId('credit-code-input').fill(ENTERPRISE);
    await page.getByTestId('credit-code-submit').click();
    await expect.poll(() => page.getByTestId('identify-enterprise').textContent(), { timeout: 20_000 }).toContain('粤味轩');
    await page.getByTestId('role-agent').click();
    await page.getByTestId('identify-continue').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/search');

    // 首页 in the top bar (the way home on every screen): the visit is still open, and says whose it is.
    await page.getByTestId('nav-home').click();
    await page.getByTestId('home-welcome').waitFor();
    expect(await page.getByTestId('logout').isVisible()).toBe(true);
    const visit = page.getByTestId('visit-in-progress');
    expect(await visit.textContent()).toContain('粤味轩');
    expect(await visit.textContent()).toContain('黄*试');
    await expectAccessible(page, 'home with a visit open');
    await screenshot(page, 'session-home-visit-open');
    await page.getByTestId('visit-resume').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/search');
    await page.getByTestId('nav-home').click();

    // Hands off on home: the warning comes there too, and the visit ends.
    await page.getByTestId('idle-warning').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('idle-warning').count(), { timeout: 20_000 }).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await visit.count()).toBe(0);
    expect(await page.getByTestId('logout').count()).toBe(0);
    // The card is still on the reader: take it (shown, announced, read aloud on request).
    const reminder = page.getByTestId('take-card-reminder');
    expect(await reminder.textContent()).toContain('请取走您的身份证');
    expect(await reminder.getAttribute('role')).toBe('alert');
    await expectAccessible(page, 'home asking to take the card');
    await screenshot(page, 'session-take-card');
    const body = await page.locator('body').innerText();
    for (const secret of ['粤味轩', '黄*试', ENTERPRISE]) expect(body).not.toContain(secret);
    const refused = await callAsPage(page, 'platform.submitApplication', { itemCode: 'NH-AMR-0304', formData: {} });
    expect(refused).toMatchObject({ ok: false, error: { messageKey: 'platform.identifyFirst' } });

    // The next person starts an application: identification first, nothing of the last enterprise.
    await navigate(page, '/item/NH-AMR-0304');
    await page.getByTestId('item-start').click({ timeout: 30_000 });
    await expect.poll(() => new URL(page.url()).pathname).toBe('/identify');
    // The card left there is read as a new read (its owner, back for it, sees it; anyone else sees it is not theirs).
    await expect.poll(() => page.getByTestId('identify-person').textContent(), { timeout: 20_000 }).toContain('黄*试');
    expect(await page.getByTestId('identify-place-card').count()).toBe(0);
    expect(await page.getByTestId('need-enterprise').getAttribute('data-met')).toBe('false');
    // The card read anew offers its holder's enterprises (粤味轩 among them, one tap each); nothing the last visit
    // chose is left anywhere else on the screen.
    const offered = page.getByTestId('linked-enterprises');
    await offered.waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('identify-enterprise').count()).toBe(0);
    expect(await offered.locator('[aria-pressed="true"]').count()).toBe(0);
    expect(await page.getByTestId('credit-code-input').inputValue()).toBe('');
    expect((await page.locator('body').innerText()).replace(await offered.innerText(), '')).not.toContain('粤味轩');
    await page.getByTestId('logout').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
    await removeCard(sims);
    await expect.poll(() => reminder.count(), { timeout: 20_000 }).toBe(0);
    await page.context().close();
  });

  it('the end of a transaction: after the evaluation, 完成并退出 ends the visit', async () => {
    const page = await (await browser.newContext({ viewport: LANDSCAPE })).newPage();
    await page.goto(`${kiosk.url}/policies`);
    await page.getByTestId('policy-credit-code').fill(ENTERPRISE, { timeout: 60_000 });
    await page.getByTestId('policy-match').click();
    await page.getByTestId('policies-enterprise').waitFor({ timeout: 20_000 });
    await navigate(page, '/evaluate?itemCode=NH-AMR-0101');
    await page.getByTestId('level-very-satisfied').click();
    await page.getByTestId('evaluation-submit').click();
    await page.getByTestId('evaluation-done').waitFor({ timeout: 20_000 });
    await expectAccessible(page, 'evaluation done');
    await page.getByTestId('evaluation-finish').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
    expect(await page.getByTestId('logout').count()).toBe(0);
    expect(await page.getByTestId('visit-in-progress').count()).toBe(0);
    expect(await storeState(page)).not.toContain(ENTERPRISE);
    await page.context().close();
  });
});
