import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectScreen, callAsPage } from './support/browser';
import { startJourneyEnv, type JourneyEnv } from './support/journey-env';
import { reviewToSubmit } from './support/journey-steps';
import { platformDown, platformUp, receivedApplications, receivedEvaluations, setStanding, waitForEvaluations } from './support/platform';
import { insertCard, liftCard, printerStatus, scanCode, waitForPrint } from './support/simulators';

/**
 * What a person is told after pressing 确认提交, and what the paper and the platform show: a refusal by
 * the platform, the same item filed twice in one visit, a queued receipt scanned at 办件查询, the
 * evaluation's words, and 电子营业执照 links longer than one slice of the scanner's wire.
 */
const YUEWEI = '91440605MA4UL2K84H'; // 佛山市南海区桂城粤味轩餐饮有限公司, in normal standing
// 佛山市顺德区容桂顺通物流有限公司: in normal standing when identified, deregistered by the register
// before its application reaches the platform, which then refuses it (the kiosk itself refuses an
// enterprise it already knows to be cancelled, so this is how a refusal reaches the person).
const DEREGISTERED = '91440606L28173643B';
const FOOD_FILING = 'NH-AMR-0304'; // 仅销售预包装食品备案
const SOCIAL_INSURANCE = 'NH-SI-1001'; // 单位社会保险参保登记

let env: JourneyEnv;
beforeAll(async () => {
  env = await startJourneyEnv();
}, 120_000);
afterAll(async () => env?.stop());
afterEach(async () => {
  // The reader sees the card leave before the next test puts one down.
  await Promise.all([liftCard(env.sims), platformUp(env.platform), setStanding(env.platform, DEREGISTERED, 'normal')]);
});

const pathOf = (page: Page): string => new URL(page.url()).pathname;
const check = (page: Page, name: string): Promise<void> => expectScreen(page, `submit-outcomes-${name}`);

/** The item's guide as the kiosk serves it (where to go, what it promises). */
async function guideOf(page: Page, code: string): Promise<{ address: string; windows: string[] }> {
  const j = await callAsPage<{ item: { guide: { location: { address: { zh: string }; windows: string[] } } } }>(page, 'content.item', { code });
  return { address: j.value.item.guide.location.address.zh, windows: j.value.item.guide.location.windows };
}

/** Item page → 开始办理 → card + credit code as an agent → the item's form. */
async function startAt(item: string, creditCode: string, enterprise: string): Promise<Page> {
  const page = await env.open(`/item/${item}`);
  page.setDefaultTimeout(20_000);
  await page.getByTestId('item-start').click();
  await insertCard(env.sims, 'valid');
  await expect.poll(() => page.getByTestId('identify-person').textContent(), { timeout: 20_000 }).toContain('黄*试');
  await page.getByTestId('credit-code-input').fill(creditCode);
  await page.getByTestId('credit-code-submit').click();
  await expect.poll(() => page.getByTestId('identify-enterprise').textContent(), { timeout: 20_000 }).toContain(enterprise);
  await page.getByTestId('role-agent').click();
  await page.getByTestId('identify-continue').click();
  await page.getByTestId('field-enterpriseName').waitFor();
  return page;
}

async function fillFoodFiling(page: Page, manager: string): Promise<void> {
  await page.getByTestId('field-foodSafetyManager').fill(manager);
  await page.getByTestId('field-managerPhone').fill('13900139000');
  await page.getByTestId('field-agentPhone').fill('13800138000');
}

/** 社保单位登记 for the enterprise the register will cancel meanwhile, filled and at the submit screen. */
async function socialInsuranceAtSubmit(): Promise<Page> {
  const page = await startAt(SOCIAL_INSURANCE, DEREGISTERED, '顺通物流');
  await page.getByTestId('field-bankAccount').fill('6222021234567890123');
  await page.getByTestId('field-startDate').fill('2026-12-01');
  await page.getByTestId('field-agentPhone').fill('13800138000');
  await reviewToSubmit(page);
  return page;
}

describe('after 确认提交', () => {
  it('a refusal by the platform is said as a refusal, with the reason in words and where to go, and no receipt is printed', async () => {
    const page = await socialInsuranceAtSubmit();
    const printedBefore = (await printerStatus(env.sims)).printed;
    const filedBefore = (await receivedApplications(env.platform)).length;
    await setStanding(env.platform, DEREGISTERED, 'cancelled');

    await page.getByTestId('submit-send').click();
    const refusal = page.getByTestId('submit-refusal');
    await refusal.waitFor({ timeout: 20_000 });
    expect(await refusal.getAttribute('data-reason')).toBe('refused');
    expect(await page.locator('h1').textContent()).toContain('申请未被受理');
    expect(await page.getByTestId('refusal-reason').textContent()).toContain('注销');
    const guide = await guideOf(page, SOCIAL_INSURANCE);
    const next = (await page.getByTestId('refusal-next').textContent()) ?? '';
    expect(next).toContain(guide.address);
    for (const w of guide.windows) expect(next).toContain(w);
    const screen = await page.locator('main').innerText();
    expect(screen).toContain('不打印受理回执');
    for (const wrong of ['平台恢复后将自动发送', '已保存', '平台已接收']) expect(screen).not.toContain(wrong);
    expect(await page.getByTestId('submit-outcome').count()).toBe(0);
    expect(await page.getByTestId('receipt-reprint').count()).toBe(0);
    await check(page, 'refused');

    // Nothing came out of the printer, and the platform holds no application from this company.
    await new Promise((r) => setTimeout(r, 3_000));
    expect((await printerStatus(env.sims)).printed).toBe(printedBefore);
    const filed = await receivedApplications(env.platform);
    expect(filed.length).toBe(filedBefore);
    expect(filed.some((a) => JSON.stringify(a).includes(DEREGISTERED))).toBe(false);

    // The way forward is one tap away: staff are called about this very item.
    await page.getByTestId('refusal-help').click();
    await expect.poll(() => page.url()).toContain(`/help?itemCode=${SOCIAL_INSURANCE}`);
    await page.context().close();
  }, 200_000);

  it('refused only when it finally reaches the platform: the queued screen turns into the refusal, and the slip printed meanwhile is void', async () => {
    const page = await socialInsuranceAtSubmit();
    const printedBefore = (await printerStatus(env.sims)).printed;
    await platformDown(env.platform);
    await setStanding(env.platform, DEREGISTERED, 'cancelled');
    await page.getByTestId('submit-send').click();
    // A temporary failure: saved, will be sent, and the 暂存凭条 says so.
    const outcome = page.getByTestId('submit-outcome');
    await expect.poll(() => outcome.getAttribute('data-status'), { timeout: 30_000 }).toBe('queued');
    expect(await outcome.textContent()).toContain('平台恢复后，本终端自动提交');
    const slip = await waitForPrint(env.sims, printedBefore);
    expect(slip.text).toContain('暂存凭条');
    const qr = slip.qr.find((q) => q.includes('slip='))!;
    expect(qr).toMatch(/\/progress\?slip=[0-9A-Z]{6}-\d{6}-\d{4}$/);

    await platformUp(env.platform);
    await page.getByTestId('submit-refusal').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('refusal-reason').textContent()).toContain('注销');
    expect(await page.getByTestId('refusal-paper-void').textContent()).toContain('作废');
    expect(await page.getByTestId('submit-outcome').count()).toBe(0);
    expect((await printerStatus(env.sims)).printed).toBe(printedBefore + 1);

    // The void slip scanned at 办件查询 says the same, instead of "not sent yet" or "not found".
    const lookup = await env.open('/progress');
    await scanCode(env.sims, qr);
    const problem = lookup.getByTestId('progress-problem');
    await expect.poll(() => problem.textContent(), { timeout: 15_000 }).toContain('没有被政务服务平台受理');
    expect(await problem.textContent()).toContain('注销');
    await lookup.context().close();
    await page.context().close();
  }, 240_000);

  it('the same item filed again in one visit is a new application, prefilled afresh; an unsubmitted draft keeps its answers', async () => {
    const page = await startAt(FOOD_FILING, YUEWEI, '粤味轩餐饮');
    await fillFoodFiling(page, '李测试');
    await reviewToSubmit(page);
    await page.getByTestId('submit-send').click();
    await expect.poll(() => page.getByTestId('submit-outcome').getAttribute('data-status'), { timeout: 30_000 }).toBe('delivered');
    const first = (await page.getByTestId('application-number').textContent())!.trim();

    // Back to the item's guide and 开始办理 again.
    while (pathOf(page) !== `/item/${FOOD_FILING}`) await page.goBack();
    await page.getByTestId('item-start').click();
    await page.getByTestId('field-enterpriseName').waitFor();
    expect(await page.getByTestId('field-enterpriseName').inputValue()).toContain('粤味轩餐饮');
    expect(await page.getByTestId('field-agentName').inputValue()).toBe('黄测试');
    expect(await page.getByTestId('field-agentName-prefilled').isVisible()).toBe(true);
    expect(await page.getByTestId('field-foodSafetyManager').inputValue()).toBe('');
    await fillFoodFiling(page, '王测试');

    // Leaving the unsubmitted draft and starting the item again resumes it.
    await page.goBack();
    await expect.poll(() => pathOf(page)).toBe(`/item/${FOOD_FILING}`);
    await page.getByTestId('item-start').click();
    await expect.poll(() => page.getByTestId('field-foodSafetyManager').inputValue()).toBe('王测试');

    await reviewToSubmit(page);
    expect(await page.getByTestId('submit-outcome').count()).toBe(0);
    await page.getByTestId('submit-send').click();
    await expect.poll(() => page.getByTestId('submit-outcome').getAttribute('data-status'), { timeout: 30_000 }).toBe('delivered');
    const second = (await page.getByTestId('application-number').textContent())!.trim();
    expect(second).toMatch(/^NH\d{14}$/);
    expect(second).not.toBe(first);
    const apps = await receivedApplications(env.platform);
    const filed = apps.filter((a) => a.applicationNumber === first || a.applicationNumber === second);
    expect(filed.map((a) => a.itemCode)).toEqual([FOOD_FILING, FOOD_FILING]);

    // The evaluation at the end: "submitted" only because the platform has it.
    const evaluationsBefore = (await receivedEvaluations(env.platform)).length;
    await page.getByTestId('submit-evaluate').click();
    await page.getByTestId('level-satisfied').click();
    await page.getByTestId('evaluation-submit').click();
    const done = page.getByTestId('evaluation-done');
    await done.waitFor({ timeout: 20_000 });
    expect(await done.getAttribute('data-status')).toBe('delivered');
    expect(await page.getByTestId('evaluation-thanks').textContent()).toContain('评价已提交，谢谢');
    expect(await done.textContent()).not.toContain('网络恢复');
    const evaluations = await waitForEvaluations(env.platform, evaluationsBefore);
    expect(evaluations.at(-1)).toMatchObject({ level: 'satisfied', applicationNumber: second });
    await check(page, 'evaluation-delivered');
    await page.context().close();
  }, 240_000);

  it('a rating given while the platform is down says it is saved and will be sent, and it is', async () => {
    const page = await env.open('/evaluate');
    const before = (await receivedEvaluations(env.platform)).length;
    await platformDown(env.platform);
    await page.getByTestId('level-very-satisfied').click();
    await page.getByTestId('evaluation-submit').click();
    const done = page.getByTestId('evaluation-done');
    await done.waitFor({ timeout: 20_000 });
    expect(await done.getAttribute('data-status')).toBe('queued');
    expect(await page.getByTestId('evaluation-queued').textContent()).toContain('网络恢复后将自动上报');
    expect(await done.textContent()).not.toContain('已提交');
    await platformUp(env.platform);
    expect((await waitForEvaluations(env.platform, before, 60_000)).length).toBe(before + 1);
    await page.context().close();
  }, 120_000);

  it('a queued application’s slip QR is found at 办件查询, and shows its progress once delivered', async () => {
    const page = await startAt(FOOD_FILING, YUEWEI, '粤味轩餐饮');
    await fillFoodFiling(page, '赵测试');
    await reviewToSubmit(page);
    const printedBefore = (await printerStatus(env.sims)).printed;
    await platformDown(env.platform);
    await page.getByTestId('submit-send').click();
    await expect.poll(() => page.getByTestId('submit-outcome').getAttribute('data-status'), { timeout: 30_000 }).toBe('queued');
    const receipt = await waitForPrint(env.sims, printedBefore);
    const qr = receipt.qr.find((q) => q.includes('slip='));
    expect(qr).toMatch(/\/progress\?slip=[0-9A-Z]{6}-\d{6}-\d{4}$/);

    const lookup = await env.open('/progress');
    // A bad code first: its error must not outlive the good scan.
    await lookup.getByTestId('progress-input').fill('??');
    await lookup.getByTestId('progress-submit').click();
    await expect.poll(() => lookup.getByTestId('progress-problem').textContent()).toContain('无法识别');
    await scanCode(env.sims, qr!);
    await expect.poll(() => lookup.getByTestId('progress-problem').textContent(), { timeout: 15_000 }).toContain('还在终端等待提交');

    await platformUp(env.platform);
    await expect.poll(() => page.getByTestId('submit-outcome').getAttribute('data-status'), { timeout: 90_000 }).toBe('delivered');
    const number = (await page.getByTestId('application-number').textContent())!.trim();
    // Beyond the scanner's re-read window: the same code scanned again is a new lookup.
    await new Promise((r) => setTimeout(r, 2_000));
    await scanCode(env.sims, qr!);
    await expect.poll(() => lookup.getByTestId('progress-status').textContent(), { timeout: 15_000 }).toBe('已受理');
    expect(await lookup.getByTestId('progress-problem').count()).toBe(0);
    expect(await lookup.locator('#progress-heading').textContent()).toBe(number);
    await lookup.context().close();
    await page.context().close();
  }, 240_000);
});

describe('电子营业执照 QR codes at identification', () => {
  it('a link longer than one slice of the scanner wire identifies the enterprise, and clears an earlier scan error', async () => {
    const page = await env.open('/identify');
    await scanCode(env.sims, 'https://zwfw.nanhai.example/progress?number=NOT-A-LICENCE');
    await expect.poll(() => page.getByTestId('credit-code-input-error').textContent(), { timeout: 15_000 }).toContain('不是电子营业执照');
    const link = 'https://zzlz.gsxt.gov.cn/businessCheck/verifyCert?code=91440605MA51C7QX76&t=1';
    expect(link.length).toBeGreaterThan(64);
    await scanCode(env.sims, link);
    await expect.poll(() => page.getByTestId('identify-enterprise').textContent(), { timeout: 20_000 }).toContain('狮山');
    expect(await page.getByTestId('credit-code-input-error').count()).toBe(0);
    await page.context().close();
  }, 120_000);
});
