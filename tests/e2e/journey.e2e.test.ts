import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectScreen, callAsPage } from './support/browser';
import { startJourneyEnv, type JourneyEnv } from './support/journey-env';
import { receivedApplications, type PlatformSim } from './support/platform';
import { insertCard, printerStatus, removeCard, scanCode, unwrapped, waitForPrint, type Simulators } from './support/simulators';

const CREDIT_CODE = '91440605MA4UL2K84H'; // 佛山市南海区桂城粤味轩餐饮有限公司 in the platform simulator

let sims: Simulators;
let platform: PlatformSim;

let env: JourneyEnv;
beforeAll(async () => {
  env = await startJourneyEnv();
  ({ sims, platform } = env);
}, 120_000);
afterAll(async () => env?.stop());

const openPage = (path: string): Promise<Page> => env.open(path);

const checkScreen = (page: Page, name: string): Promise<void> => expectScreen(page, `journey-${name}`);

/** Presses keys on the on-screen keyboard (simple-keyboard buttons). */
async function pressKeys(page: Page, keys: string): Promise<void> {
  for (const k of keys) await page.locator(`[data-testid="keyboard"] [data-skbtn="${k}"]`).click();
}

async function identify(page: Page): Promise<void> {
  await insertCard(sims, 'valid');
  await expect.poll(() => page.getByTestId('identify-person').textContent(), { timeout: 20_000 }).toContain('黄*试');
  await page.getByTestId('credit-code-input').fill(CREDIT_CODE);
  await page.getByTestId('credit-code-submit').click();
  await expect.poll(() => page.getByTestId('identify-enterprise').textContent(), { timeout: 15_000 }).toContain('粤味轩餐饮');
}

describe('core enterprise journey in Chromium with simulated devices and platform', () => {
  it('ID card → search by initials → guided flow → prefilled form typed by pinyin → submit → printed receipt → progress by QR → session wiped', async () => {
    const page = await openPage('/identify');
    // Asked for the card: where the reader is, drawn, and said aloud (the person is looking at the reader, not the screen).
    expect(await page.getByTestId('identify-place-card').textContent()).toContain('办理期间请勿取走身份证');
    expect(await page.getByTestId('device-picture-reader').textContent()).toContain('身份证阅读器在台面右侧');
    await expect.poll(() => page.getByTestId('read-aloud-audio').getAttribute('data-prompt'), { timeout: 20_000 }).toBe('placeCard');
    // The prompt is not the person's own read-out: 朗读 still reads the page, it does not just stop the prompt.
    expect(await page.getByTestId('read-aloud').getAttribute('aria-pressed')).toBe('false');
    await page.getByTestId('read-aloud').click();
    await expect.poll(() => page.getByTestId('read-aloud-audio').getAttribute('data-prompt'), { timeout: 20_000 }).toBe('');
    await expect.poll(async () => Number(await page.getByTestId('read-aloud-audio').getAttribute('data-bytes')), { timeout: 30_000 }).toBeGreaterThan(0);
    await checkScreen(page, 'identify-place-card');
    await identify(page);
    await page.getByTestId('role-agent').click();
    await checkScreen(page, 'identify');
    await page.getByTestId('identify-continue').click();

    // Search by pinyin initials on the on-screen keyboard: 企业名称变更 → qymcbg.
    await expect.poll(() => new URL(page.url()).pathname).toBe('/search');
    await page.getByTestId('search-input').click();
    await pressKeys(page, 'qymcbg');
    const hit = page.locator('a[href="/item/NH-AMR-0201"]');
    await hit.waitFor({ timeout: 15_000 });
    await checkScreen(page, 'search');
    await hit.click();

    await expect.poll(() => page.getByTestId('item-title').textContent(), { timeout: 15_000 }).toBe('企业名称变更登记');
    expect(await page.getByTestId('materials').locator('li').count()).toBeGreaterThan(2);
    // Each material says its form and count once ("原件 1 份"), not "原件 · 原件 1 份".
    const counts = await page.getByTestId('material-count').allTextContents();
    expect(counts[0]).toMatch(/^原件 1 份/);
    for (const c of counts) expect(c).not.toMatch(/(原件|复印件).*·.*\1 \d+ 份/);
    await checkScreen(page, 'item');
    await page.getByTestId('item-start').click();

    // Guided flow: one question; the role question is not asked (known from identification).
    await page.getByTestId('flow-question').waitFor();
    expect(await page.getByTestId('flow-step').textContent()).toContain('1');
    await checkScreen(page, 'flow-question');
    await page.getByTestId('flow-option-name').click();
    await page.getByTestId('flow-outcome').waitFor();
    await checkScreen(page, 'flow-outcome');
    await page.getByTestId('flow-to-form').click();

    // Form: prefilled from the card and the enterprise profile, visibly marked, editable.
    await page.getByTestId('field-creditCode').waitFor();
    expect(await page.getByTestId('field-creditCode').inputValue()).toBe(CREDIT_CODE);
    expect(await page.getByTestId('field-enterpriseName').inputValue()).toContain('粤味轩餐饮');
    expect(await page.getByTestId('field-agentName').inputValue()).toBe('黄测试');
    expect(await page.getByTestId('field-agentName-prefilled').isVisible()).toBe(true);
    await page.getByTestId('field-changeItem-name').click();
    await page.getByTestId('field-before').fill('佛山市南海区桂城粤味轩餐饮有限公司');
    // Chinese typed by pinyin with the candidate bar: "yuewei" is not needed, 餐饮 is a common word.
    await page.getByTestId('field-after').click();
    await page.getByTestId('field-after').fill('佛山市南海区粤味轩');
    await pressKeys(page, 'canyin');
    await page.getByTestId('ime-candidate').filter({ hasText: /^餐饮$/ }).click();
    await pressKeys(page, 'youxiangongsi');
    await page.getByTestId('ime-candidate').filter({ hasText: /^有限公司$/ }).click();
    expect(await page.getByTestId('field-after').inputValue()).toBe('佛山市南海区粤味轩餐饮有限公司');
    // The keyboard's own labels (删除, 空格 …) are drawn in the bundled font, not as empty boxes.
    expect(await page.locator('[data-testid="keyboard"] [data-skbtn="{bksp}"]').evaluate((el) => getComputedStyle(el).fontFamily)).toContain('Noto Sans SC');
    await checkScreen(page, 'form-keyboard');
    // Inline validation with the shared validators: a bad date is refused.
    await page.getByTestId('field-resolutionDate').fill('2026-13-01');
    await page.getByTestId('field-agentPhone').fill('13800138000');
    await page.getByTestId('form-review').click();
    await expect.poll(() => page.getByTestId('field-resolutionDate-error').textContent()).toContain('2026-01-31');
    await page.getByTestId('field-resolutionDate').fill('2026-11-20');
    await page.getByTestId('form-review').click();

    await expect.poll(() => new URL(page.url()).pathname).toBe('/review');
    expect(await page.getByTestId('review-after').textContent()).toBe('佛山市南海区粤味轩餐饮有限公司');
    await checkScreen(page, 'review');
    await page.getByTestId('review-confirm').click();

    // Submit: the platform answers with an application number; the receipt is printed.
    const printedBefore = (await printerStatus(sims)).printed;
    const appsBefore = (await receivedApplications(platform)).length;
    await page.getByTestId('submit-send').click();
    await expect.poll(() => page.getByTestId('submit-outcome').getAttribute('data-status'), { timeout: 20_000 }).toBe('delivered');
    const number = (await page.getByTestId('application-number').textContent())!.trim();
    expect(number).toMatch(/^NH\d{14}$/);
    const apps = await receivedApplications(platform);
    expect(apps.length).toBe(appsBefore + 1);
    const filed = apps.find((a) => (a as { applicationNumber?: string }).applicationNumber === number) ?? apps.at(-1)!;
    expect(JSON.stringify(filed)).toContain('NH-AMR-0201');
    const receipt = await waitForPrint(sims, printedBefore);
    // Paper came out: take it, said aloud, with where the slot is.
    expect(await page.getByTestId('device-picture-printer').textContent({ timeout: 20_000 })).toContain('出纸口');
    await expect.poll(() => page.getByTestId('read-aloud-audio').getAttribute('data-prompt'), { timeout: 20_000 }).toBe('takeReceipt');
    expect(receipt.text).toContain('申请受理回执');
    expect(receipt.text).toContain(number);
    expect(receipt.text).toContain('企业名称变更登记');
    expect(receipt.qr.some((q) => q.includes(number))).toBe(true);
    // The date the platform promised, and the window named once, as the guide names it.
    const promised = (await page.getByTestId('promised-date').textContent())!.trim();
    const paper = unwrapped(receipt.text);
    expect(paper).toContain(`承诺办结${promised}`);
    const location = (await callAsPage<{ item: { guide: { location: { address: { zh: string }; windows: string[] } } } }>(page, 'content.item', { code: 'NH-AMR-0201' })).value.item.guide.location;
    // A 零跑动 item: what is still to provide can be uploaded, or handed in at the window the guide names (once).
    expect(paper).toContain('还需提供的材料');
    expect(paper).toContain(unwrapped(`也可到${location.address.zh}${location.windows.join('、')}递交`));
    expect(paper).not.toContain('请携带');
    expect(paper).not.toMatch(/窗口窗口/);
    await checkScreen(page, 'submit-received');

    // Progress: scan the receipt's QR code with the scanner.
    await page.getByTestId('submit-progress').click();
    await page.getByTestId('progress-input').waitFor();
    await scanCode(sims, receipt.qr.find((q) => q.includes(number))!);
    await expect.poll(() => page.getByTestId('progress-status').textContent(), { timeout: 15_000 }).toBe('已受理');
    await checkScreen(page, 'progress');

    // Evaluation belongs to another screen; when it exists the journey reaches it.
    await page.goBack();
    await page.getByTestId('submit-finish').waitFor();
    await page.getByTestId('submit-finish').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
    // Wiped on the service side too: nothing can be filed in the previous person's name.
    const after = await callAsPage(page, 'platform.submitApplication', { itemCode: 'NH-AMR-0201', formData: {} });
    expect(after.ok).toBe(false);
    expect(after.error?.messageKey).toBe('platform.identifyFirst');
    await removeCard(sims);
    await page.context().close();
  }, 240_000);
});
