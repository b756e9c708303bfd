import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_ID_NUMBERS } from '../../hardware/testing/simulators/sample-cards';
import { expectScreen, callAsPage } from './support/browser';
import { startJourneyEnv, type JourneyEnv } from './support/journey-env';
import { confirmToSubmit, reviewToSubmit } from './support/journey-steps';
import { receivedApplications, platformRecords, type PlatformSim } from './support/platform';
import { insertCard, removeCard, type Simulators } from './support/simulators';

/**
 * Who may file, in Chromium against the Node host, the simulated reader and the platform simulator:
 * the person by ID card and the enterprise the platform knows (none for a new one), said before
 * the form; codes the platform does not know or has cancelled; a way on from every dead end.
 */
const CREDIT_CODE = '91440605MA4UL2K84H'; // 粤味轩餐饮, normal standing
const NOT_FOUND = '91440605MA00000AAJ'; // valid check digit, unknown to the platform
const CANCELLED = '91440605MACD6E1Y60';
const ABNORMAL = '91440604MA55H8TJ5R'; // 祖庙文旅酒店, on the abnormal-operations list
const ITEM = 'NH-AMR-0304'; // 仅销售预包装食品备案: straight to the form
const NEW_BUSINESS = 'NH-AMR-0102'; // 个体工商户设立登记: creates the enterprise

let env: JourneyEnv;
let sims: Simulators;
let platform: PlatformSim;
beforeAll(async () => {
  env = await startJourneyEnv();
  ({ sims, platform } = env);
}, 120_000);
afterEach(async () => removeCard(sims));
afterAll(async () => env?.stop());

const pathOf = (page: Page): string => new URL(page.url()).pathname;
const navigate = (page: Page, to: string): Promise<void> =>
  page.evaluate(async (target) => {
    const app = (document.querySelector('#app') as unknown as { __vue_app__: { config: { globalProperties: Record<string, unknown> } } }).__vue_app__;
    await (app.config.globalProperties.$router as { push(p: string): Promise<unknown> }).push(target);
  }, to);
async function typeCode(page: Page, code: string): Promise<void> {
  await page.getByTestId('credit-code-input').fill(code);
  await page.getByTestId('credit-code-submit').click();
}
async function cardRead(page: Page): Promise<void> {
  await insertCard(sims, 'valid');
  await expect.poll(() => page.getByTestId('identify-person').textContent(), { timeout: 20_000 }).toContain('黄*试');
}
async function matchPolicies(page: Page): Promise<void> {
  await navigate(page, '/policies');
  await page.getByTestId('policy-credit-code').fill(CREDIT_CODE, { timeout: 30_000 });
  await page.getByTestId('policy-match').click();
  await page.getByTestId('policies-enterprise').waitFor({ timeout: 20_000 });
}

describe('who may file', { timeout: 180_000 }, () => {
  it('an enterprise matched for 惠企政策 is not enough: 开始办理 asks for the ID card first, and comes back to the form', async () => {
    const page = await env.open('/');
    await matchPolicies(page);
    await navigate(page, `/item/${ITEM}`);
    await expect.poll(() => page.getByTestId('item-start-needs').textContent()).toContain('本人有效身份证');
    await page.getByTestId('item-start').click();
    await expect.poll(() => pathOf(page)).toBe('/identify');
    await expect.poll(() => page.getByTestId('identify-requirements').textContent()).toContain('仅销售预包装食品备案');
    await expect.poll(() => page.getByTestId('need-enterprise').getAttribute('data-met')).toBe('true');
    await expect.poll(() => page.getByTestId('need-card').getAttribute('data-met')).toBe('false');
    // A direct way to the form is closed too (history, a typed address): it leads here.
    await navigate(page, `/form/f_prepack_filing?item=${ITEM}`);
    await expect.poll(() => pathOf(page)).toBe('/identify');
    await expectScreen(page, 'applicant-card-needed');

    await cardRead(page);
    await expect.poll(() => page.getByTestId('identify-card').locator('h2').textContent()).toBe('办事人身份证');
    await page.getByTestId('role-agent').click();
    await expect.poll(() => page.getByTestId('identify-card').locator('h2').textContent()).toBe('经办人身份证');
    await page.getByTestId('identify-continue').click();
    await expect.poll(() => pathOf(page)).toBe('/form/f_prepack_filing');
    await expect.poll(() => page.getByTestId('field-agentName').inputValue(), { timeout: 20_000 }).toBe('黄测试');
    expect(await page.getByTestId('field-creditCode').inputValue()).toBe(CREDIT_CODE);
    await page.context().close();
  });

  it('setting up a new business: no credit code asked for, none filed (even with an enterprise in the visit); the platform takes it', async () => {
    const page = await env.open('/');
    await matchPolicies(page);
    await navigate(page, `/item/${NEW_BUSINESS}`);
    expect(await page.getByTestId('item-start-needs').textContent()).toContain('无需统一社会信用代码');
    await page.getByTestId('item-start').click();
    await expect.poll(() => pathOf(page)).toBe('/identify');
    await page.getByTestId('identify-new-enterprise').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('credit-code-input').count()).toBe(0);
    await cardRead(page);
    await page.getByTestId('role-legal_rep').click();
    expect(await page.getByTestId('identify-card').locator('h2').textContent()).toBe('法定代表人身份证');
    await expectScreen(page, 'applicant-new-business');
    await page.getByTestId('identify-continue').click();

    await expect.poll(() => page.getByTestId('field-operatorName').inputValue(), { timeout: 20_000 }).toBe('黄测试');
    // Prefilled from the card, and masked on this public screen (in full only while the person has the field open).
    expect(await page.getByTestId('field-operatorIdNumber').inputValue()).toBe(`${SAMPLE_ID_NUMBERS.valid.slice(0, 6)}********${SAMPLE_ID_NUMBERS.valid.slice(-4)}`);
    await page.getByTestId('field-phone').fill('13800138000');
    await page.getByTestId('field-premises').fill('佛山市南海区桂城街道南海大道北88号首层');
    await page.getByTestId('field-capitalYuan').fill('50000');
    await page.getByTestId('field-form-personal').click();
    await page.getByTestId('form-review').click();
    await expect.poll(() => pathOf(page)).toBe('/review');
    // A public screen: the ID number is masked as everywhere else.
    const shown = (await page.getByTestId('review-operatorIdNumber').textContent())!.trim();
    expect(shown).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(await page.locator('body').innerText()).not.toContain(SAMPLE_ID_NUMBERS.valid);
    await confirmToSubmit(page);
    const send = page.getByTestId('submit-send');
    const before = (await receivedApplications(platform)).length;
    await send.click();
    await expect.poll(() => page.getByTestId('submit-outcome').getAttribute('data-status'), { timeout: 30_000 }).toBe('delivered');
    const number = (await page.getByTestId('application-number').textContent())!.trim();
    const filed = (await platformRecords(platform)).applications.find((a) => a.applicationNumber === number) as { request?: { itemCode: string; creditCode: string | null } };
    expect((await receivedApplications(platform)).length).toBe(before + 1);
    expect(filed.request).toMatchObject({ itemCode: NEW_BUSINESS, creditCode: null });
    await page.context().close();
  });

  it('a code the platform does not know must be corrected; a cancelled enterprise cannot go on; an abnormal one is warned and can', async () => {
    const page = await env.open(`/identify?item=${ITEM}&next=${encodeURIComponent(`/form/f_prepack_filing?item=${ITEM}`)}`);
    await cardRead(page);
    await typeCode(page, NOT_FOUND);
    await page.getByTestId('identify-not-found').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('identify-not-found').textContent()).toContain('核对');
    expect(await page.locator('body').innerText()).not.toContain('不预填');
    await page.getByTestId('role-agent').click();
    expect(await page.getByTestId('identify-continue').isDisabled()).toBe(true);
    expect(await page.getByTestId('identify-missing').textContent()).toContain('统一社会信用代码');
    await expectScreen(page, 'applicant-not-found');

    await typeCode(page, CANCELLED);
    const standing = page.getByTestId('identify-standing');
    await expect.poll(() => standing.getAttribute('data-standing'), { timeout: 20_000 }).toBe('cancelled');
    expect(await standing.textContent()).toContain('已注销');
    expect(await page.getByTestId('identify-continue').isDisabled()).toBe(true);
    await expectScreen(page, 'applicant-cancelled');

    await typeCode(page, ABNORMAL);
    await expect.poll(() => standing.getAttribute('data-standing'), { timeout: 20_000 }).toBe('abnormal-list');
    expect(await standing.textContent()).toContain('经营异常名录');
    expect(await page.getByTestId('identify-continue').isDisabled()).toBe(false);
    await page.getByTestId('identify-continue').click();
    await expect.poll(() => page.getByTestId('field-creditCode').inputValue(), { timeout: 20_000 }).toBe(ABNORMAL);
    await page.context().close();
  });

  it('a card that fails after the card was lifted and the visit carried on: the failure, and whose card the visit still uses', async () => {
    const page = await env.open('/identify');
    await cardRead(page);
    await typeCode(page, CREDIT_CODE);
    await page.getByTestId('identify-enterprise').waitFor({ timeout: 20_000 });
    await page.getByTestId('role-agent').click();
    await page.getByTestId('identify-continue').click();
    await expect.poll(() => pathOf(page)).toBe('/search');
    await removeCard(sims);
    await page.getByTestId('card-removed-continue').click({ timeout: 20_000 });
    await navigate(page, '/identify');
    expect(await page.getByTestId('identify-card-taken').isVisible()).toBe(true);
    await insertCard(sims, 'unsupported');
    const problem = page.getByTestId('identify-card-problem');
    await problem.waitFor({ timeout: 20_000 });
    expect(await problem.textContent()).toContain('读取失败');
    expect(await page.getByTestId('identify-person').count()).toBe(0);
    expect(await page.getByTestId('identify-still-using').textContent()).toContain('黄*试');
    await page.context().close();
  });

  it('when the services no longer know the applicant at 提交, the screen offers identification and comes back to send', async () => {
    const page = await env.open(`/item/${ITEM}`);
    await page.getByTestId('item-start').click({ timeout: 30_000 });
    await cardRead(page);
    await typeCode(page, CREDIT_CODE);
    await page.getByTestId('identify-enterprise').waitFor({ timeout: 20_000 });
    await page.getByTestId('role-agent').click();
    await page.getByTestId('identify-continue').click();
    await page.getByTestId('field-foodSafetyManager').fill('李测试', { timeout: 20_000 });
    await page.getByTestId('field-managerPhone').fill('13900139000');
    await page.getByTestId('field-agentPhone').fill('13800138000');
    await reviewToSubmit(page);
    const send = page.getByTestId('submit-send');
    // The services lose the session (as after a crash of their own): filing is refused …
    await callAsPage(page, 'session.end', { reason: 'logout' });
    await send.click();
    await expect.poll(() => page.getByTestId('submit-error').textContent(), { timeout: 20_000 }).toContain('请先读取身份证');
    // … and the way on is right there: identify again, back to the same application, send.
    await page.getByTestId('submit-identify').click();
    await expect.poll(() => pathOf(page)).toBe('/identify');
    await page.getByTestId('identify-continue').click();
    await expect.poll(() => pathOf(page)).toBe('/submit');
    await send.click();
    await expect.poll(() => page.getByTestId('submit-outcome').getAttribute('data-status'), { timeout: 30_000 }).toBe('delivered');
    await page.context().close();
  });
});
