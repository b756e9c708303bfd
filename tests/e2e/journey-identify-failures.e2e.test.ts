import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { identifierMessage } from '../../kernel/identifiers';
import { expectAccessible, expectTouchTargets, screenshot, expectScreen, callAsPage, LANDSCAPE } from './support/browser';
import { startJourneyEnv, type JourneyEnv } from './support/journey-env';
import { platformDown, platformUp, type PlatformSim } from './support/platform';
import { insertCard, liftCard, removeCard, type Simulators } from './support/simulators';

/**
 * Failure paths of identification in Chromium against the Node host, the simulated ID card reader
 * and the platform simulator: a bad card, a mistyped credit code, the platform down, the card lifted
 * mid-journey. Each asserts what the person at the kiosk sees and what they can do next.
 */
const CREDIT_CODE = '91440605MA4UL2K84H'; // 佛山市南海区桂城粤味轩餐饮有限公司 in the platform simulator
const ITEM = 'NH-AMR-0304'; // 仅销售预包装食品备案: no guided flow, straight to the form
const EXPIRED_HOLDER = '陈测试'; // the simulator's `expired` sample card

let sims: Simulators;
let platform: PlatformSim;

let env: JourneyEnv;
beforeAll(async () => {
  env = await startJourneyEnv();
  ({ sims, platform } = env);
}, 120_000);
afterEach(async () => {
  // Every test starts with an empty reader and a platform that answers.
  await Promise.all([removeCard(sims), platformUp(platform)]);
});
afterAll(async () => env?.stop());

const openPage = (path: string): Promise<Page> => env.open(path);

const checkScreen = (page: Page, name: string): Promise<void> => expectScreen(page, `journey-failure-${name}`);

/** Opens the item and taps 开始办理: nobody is identified yet, so the identify screen comes first. */
async function startItemUnidentified(): Promise<Page> {
  const page = await openPage(`/item/${ITEM}`);
  await page.getByTestId('item-start').click({ timeout: 30_000 });
  await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe('/identify');
  return page;
}

async function typeCreditCode(page: Page, code: string): Promise<void> {
  await page.getByTestId('credit-code-input').fill(code);
  await page.getByTestId('credit-code-submit').click();
}

const pathOf = (page: Page): string => new URL(page.url()).pathname;

describe('identification failure paths', () => {
  it('expired ID card: says so and that a valid card is needed, offers help and the window; a typed code alone does not open the form', async () => {
    const page = await startItemUnidentified();
    await insertCard(sims, 'expired');
    const problem = page.getByTestId('identify-card-problem');
    await problem.waitFor({ timeout: 20_000 });
    expect(await problem.textContent()).toContain('已过期');
    expect(await problem.textContent()).toContain('有效的身份证');
    // The way forward when there is no valid card: staff, or a window.
    expect(await page.getByTestId('identify-call-help').getAttribute('href')).toBe(`/help?itemCode=${ITEM}`);
    expect(await page.getByTestId('identify-take-ticket').getAttribute('href')).toBe('/queue');
    expect(await page.getByTestId('identify-person').count()).toBe(0);
    await checkScreen(page, 'card-expired');

    // The enterprise alone is not enough to file: continue stays closed and says what is missing.
    await typeCreditCode(page, CREDIT_CODE);
    await expect.poll(() => page.getByTestId('identify-enterprise').textContent(), { timeout: 20_000 }).toContain('粤味轩餐饮');
    await page.getByTestId('role-agent').click();
    expect(await page.getByTestId('need-card').getAttribute('data-met')).toBe('false');
    expect(await page.getByTestId('identify-missing').textContent()).toContain('本人有效身份证');
    expect(await page.getByTestId('identify-continue').isDisabled()).toBe(true);
    const body = await page.locator('body').innerText();
    expect(body).not.toContain(EXPIRED_HOLDER);
    expect(body).not.toContain('陈*试');
    // Taking a ticket for a window needs no identification.
    await page.getByTestId('identify-take-ticket').click();
    await expect.poll(() => pathOf(page)).toBe('/queue');
    await page.context().close();
  }, 120_000);

  it('unreadable card: says the read failed and to place it again; placing a good card then works', async () => {
    const page = await openPage('/identify');
    await insertCard(sims, 'unreadable');
    const problem = page.getByTestId('identify-card-problem');
    await problem.waitFor({ timeout: 20_000 });
    expect(await problem.textContent()).toContain('读取失败');
    expect(await problem.textContent()).toContain('重新放置');
    await checkScreen(page, 'card-unreadable');

    // Retry: lift it and, once the reader has been asked again (it polls for cards), place a readable one.
    await liftCard(sims);
    await insertCard(sims, 'valid');
    await expect.poll(() => page.getByTestId('identify-person').textContent(), { timeout: 20_000 }).toContain('黄*试');
    expect(await page.getByTestId('identify-card-problem').count()).toBe(0);
    await page.context().close();
  }, 120_000);

  it('invalid credit codes: the shared validator explains each one inline and nothing is fetched; a valid code then works', async () => {
    const page = await openPage('/identify');
    const lookups: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/platform.enterprise')) lookups.push(r.url());
    });
    const error = page.getByTestId('credit-code-input-error');
    const cases: Array<[string, string, string]> = [
      ['check', '91440605MA4UL2K84J', identifierMessage('USCC_CHECK').zh],
      ['length', '91440605MA4UL2K84', identifierMessage('USCC_LENGTH', { n: 17 }).zh],
      ['forbidden-letter', '91440605MA4VL2K84H', identifierMessage('USCC_FORBIDDEN_LETTER').zh],
    ];
    for (const [name, code, message] of cases) {
      await typeCreditCode(page, code);
      await expect.poll(() => error.textContent(), { timeout: 10_000 }).toBe(message);
      expect(await page.getByTestId('credit-code-input').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByTestId('identify-enterprise').count()).toBe(0);
      if (name === 'check') await checkScreen(page, 'credit-code-invalid');
      else await screenshot(page, `journey-failure-credit-code-${name}`);
    }
    expect(lookups).toEqual([]);
    // The role question only comes with a usable code.
    expect(await page.getByTestId('identify-continue').count()).toBe(0);

    await typeCreditCode(page, CREDIT_CODE);
    await expect.poll(() => page.getByTestId('identify-enterprise').textContent(), { timeout: 20_000 }).toContain('粤味轩餐饮');
    expect(await error.count()).toBe(0);
    expect(lookups.length).toBe(1);
    await page.context().close();
  }, 120_000);

  it('platform down while identifying by credit code: says so, retry works once it is back, or go on without prefill', async () => {
    await platformDown(platform);
    const page = await startItemUnidentified();
    await insertCard(sims, 'valid');
    await expect.poll(() => page.getByTestId('identify-person').textContent(), { timeout: 20_000 }).toContain('黄*试');
    await typeCreditCode(page, CREDIT_CODE);
    const down = page.getByTestId('identify-platform-down');
    await down.waitFor({ timeout: 30_000 });
    expect(await down.textContent()).toContain('暂时无法连接政务服务平台');
    expect(await down.textContent()).toContain('不预填');
    expect(await page.getByTestId('identify-retry').isVisible()).toBe(true);
    await checkScreen(page, 'identify-platform-down');

    // Retry while still down: the same message, no enterprise.
    await page.getByTestId('identify-retry').click();
    await down.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('identify-enterprise').count()).toBe(0);

    // Continue without prefill: the form opens with the typed code but nothing from the platform.
    await page.getByTestId('role-legal_rep').click();
    await page.getByTestId('identify-continue').click();
    await page.getByTestId('field-creditCode').waitFor({ timeout: 20_000 });
    expect(pathOf(page)).toBe('/form/f_prepack_filing');
    expect(await page.getByTestId('field-creditCode').inputValue()).toBe(CREDIT_CODE);
    expect(await page.getByTestId('field-enterpriseName').inputValue()).toBe('');
    expect(await page.getByTestId('field-premises').inputValue()).toBe('');
    await page.context().close();

    // Another visit: once the platform answers again, retry finds the enterprise.
    const again = await openPage('/identify');
    await typeCreditCode(again, CREDIT_CODE);
    await again.getByTestId('identify-platform-down').waitFor({ timeout: 30_000 });
    await platformUp(platform);
    await again.getByTestId('identify-retry').click();
    await expect.poll(() => again.getByTestId('identify-enterprise').textContent(), { timeout: 30_000 }).toContain('粤味轩餐饮');
    expect(await again.getByTestId('identify-platform-down').count()).toBe(0);
    await again.context().close();
  }, 150_000);

  it('a card placed while the screen had lost its event stream is read once the stream is back', async () => {
    const page = await (await env.browser.newContext({ viewport: LANDSCAPE })).newPage();
    // The stream to the services is down (held unanswered) until the card has been placed and read.
    let streamBack!: () => void;
    const down = new Promise<void>((resolve) => (streamBack = resolve));
    await page.route('**/events?**', async (route) => {
      await down;
      await route.continue();
    });
    const firstRead = page.waitForResponse((r) => r.url().endsWith('/api/card.reread'));
    await page.goto(`${env.kiosk.url}/identify`);
    await page.locator('h1').first().waitFor({ timeout: 30_000 });
    await firstRead; // the screen asked the reader on starting, before the card was there
    await insertCard(sims, 'valid');
    // The services read the card and announced it while nobody was listening.
    await expect
      .poll(async () => (await callAsPage<{ person: unknown }>(page, 'session.cardDetails')).value?.person ?? null, { timeout: 20_000 })
      .not.toBeNull();
    expect(await page.getByTestId('identify-person').count()).toBe(0);
    streamBack();
    await expect.poll(() => page.getByTestId('identify-person').textContent(), { timeout: 20_000 }).toContain('黄*试');
    await page.context().close();
  });

  it('card lifted mid-journey: a countdown notice; putting it back cancels it; lifting it again and waiting ends the session', async () => {
    const page = await startItemUnidentified();
    await insertCard(sims, 'valid');
    await expect.poll(() => page.getByTestId('identify-person').textContent(), { timeout: 20_000 }).toContain('黄*试');
    await typeCreditCode(page, CREDIT_CODE);
    await expect.poll(() => page.getByTestId('identify-enterprise').textContent(), { timeout: 20_000 }).toContain('粤味轩餐饮');
    await page.getByTestId('role-agent').click();
    await page.getByTestId('identify-continue').click();
    await page.getByTestId('field-agentName').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('field-agentName').inputValue()).toBe('黄测试');
    await page.getByTestId('field-foodSafetyManager').fill('李测试');

    const notice = page.getByTestId('card-removed-notice');
    const seconds = async (): Promise<number> => Number(/(\d+)\s*秒/.exec((await notice.textContent()) ?? '')?.[1] ?? NaN);
    await removeCard(sims);
    await notice.waitFor({ timeout: 20_000 });
    const first = await seconds();
    expect(first).toBeGreaterThan(0);
    await expect.poll(seconds, { timeout: 10_000 }).toBeLessThan(first);
    // One axe pass per removal (normal now, large font on the second): the grace period is short.
    await expectAccessible(page, 'card removed');
    await expectTouchTargets(page);
    await screenshot(page, 'journey-failure-card-removed');

    // The card goes back: the notice goes, the form keeps what was typed.
    await insertCard(sims, 'valid');
    await expect.poll(() => notice.count(), { timeout: 20_000 }).toBe(0);
    expect(pathOf(page)).toBe('/form/f_prepack_filing');
    expect(await page.getByTestId('field-foodSafetyManager').inputValue()).toBe('李测试');

    // Lifted again and left: the countdown runs out and the session ends.
    await removeCard(sims);
    await notice.waitFor({ timeout: 20_000 });
    await page.evaluate(() => document.documentElement.classList.add('large-font'));
    await expectAccessible(page, 'card removed (large font)');
    await screenshot(page, 'journey-failure-card-removed-large-font');
    expect(await notice.isVisible()).toBe(true); // the check above saw the notice, not the home screen
    await expect.poll(() => pathOf(page), { timeout: 40_000 }).toBe('/');
    const body = await page.locator('body').innerText();
    for (const secret of ['黄测试', '黄*试', '李测试', CREDIT_CODE]) expect(body).not.toContain(secret);
    const refused = await callAsPage(page, 'platform.submitApplication', { itemCode: ITEM, formData: {} });
    expect(refused.ok).toBe(false);
    expect(refused.error?.messageKey).toBe('platform.identifyFirst');
    await page.context().close();
  }, 150_000);
});
