import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANDSCAPE, expectScreen } from './support/browser';
import type { KioskProcess } from './support/kiosk-process';
import { startJourneyEnv, type JourneyEnv } from './support/journey-env';
import { identifyAsAgent, reviewToSubmit } from './support/journey-steps';
import { platformDown, platformUp, receivedApplications, type PlatformSim } from './support/platform';
import { printerStatus, unwrapped, waitForPrint, type Simulators } from './support/simulators';

/** Platform-simulator enterprises: 狮山智造's legal representative is the sample card's holder (黄测试). */
const SHISHAN = '91440605MA51C7QX76';
const YUEWEI = '91440605MA4UL2K84H'; // legal representative 陈志强: the card holder may only file as an agent

let kiosk: KioskProcess;
let browser: Browser;
let sims: Simulators;
let platform: PlatformSim;

let env: JourneyEnv;
beforeAll(async () => {
  env = await startJourneyEnv();
  ({ kiosk, browser, sims, platform } = env);
}, 120_000);
afterAll(async () => env?.stop());

const check = (page: Page, name: string): Promise<void> => expectScreen(page, `smart-approval-${name}`);

/** Card on the reader, credit code typed, legal representative or agent; then the name-change form. */
async function fileNameChange(creditCode: string, newName: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: LANDSCAPE })).newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${kiosk.url}/identify`);
  await identifyAsAgent(page, sims, creditCode);
  // Find the item by pinyin initials, answer the guided flow, reach the prefilled form.
  await expect.poll(() => new URL(page.url()).pathname).toBe('/search');
  await page.getByTestId('search-input').click();
  for (const k of 'qymcbg') await page.locator(`[data-testid="keyboard"] [data-skbtn="${k}"]`).click();
  await page.locator('a[href="/item/NH-AMR-0201"]').click({ timeout: 15_000 });
  await page.getByTestId('item-start').click();
  await page.getByTestId('flow-option-name').click();
  await page.getByTestId('flow-to-form').click();
  await expect.poll(() => page.getByTestId('field-creditCode').inputValue(), { timeout: 15_000 }).toBe(creditCode);
  await page.getByTestId('field-changeItem-name').click();
  await page.getByTestId('field-before').fill('原名称');
  await page.getByTestId('field-after').fill(newName);
  await page.getByTestId('field-resolutionDate').fill('2026-11-20');
  await page.getByTestId('field-agentPhone').fill('13800138000');
  await reviewToSubmit(page);
  return page;
}

const verdicts = (page: Page) =>
  page.getByTestId('precheck-rule').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-rule'), e.getAttribute('data-verdict')])));

describe('秒批 at the kiosk', { timeout: 180_000 }, () => {
  it('an enterprise that meets every rule gets the decision on screen and a 已办结 receipt in one visit', async () => {
    const newName = '佛山市南海区狮山智造精密科技有限公司';
    const page = await fileNameChange(SHISHAN, newName);
    await expect.poll(() => page.getByTestId('precheck').getAttribute('data-eligible'), { timeout: 20_000 }).toBe('true');
    expect(Object.values(await verdicts(page)).every((v) => v === 'passed')).toBe(true);
    await check(page, 'precheck-eligible');

    const before = (await printerStatus(sims)).printed;
    await page.getByTestId('submit-send').click();
    const decision = page.getByTestId('decision');
    await decision.waitFor({ timeout: 20_000 });
    expect(await decision.getAttribute('data-outcome')).toBe('approved');
    expect(await page.locator('h1').textContent()).toContain('已办结');
    const document = (await page.getByTestId('decision-document').first().textContent()) ?? '';
    expect(document).toContain('营业执照');
    await check(page, 'decision');

    // Completed means completed: nothing to bring, no date still to wait for.
    expect(await page.getByTestId('originals').textContent()).toContain('无需到窗口');
    expect(await page.getByTestId('promised-date').count()).toBe(0);
    expect(await page.getByTestId('decided-at').isVisible()).toBe(true);

    const receipt = await waitForPrint(sims, before);
    expect(receipt.text).toContain('已办结');
    expect(receipt.text).toContain('办结通知书');
    const resultId = /证照编号：(\S+)/.exec(document)?.[1];
    // The e-certificate issued today, numbered by the issuer.
    expect(resultId).toMatch(/^[A-Z]+-\d{8}-\d{4}$/);
    expect(receipt.text).toContain(resultId!);
    const paper = unwrapped(receipt.text);
    expect(paper).toContain('办结时间');
    expect(paper).toContain('无需到窗口递交或核验材料');
    for (const contradiction of ['请携带', '核验：', '承诺办结', '承诺时限']) expect(paper).not.toContain(contradiction);
    // And the evaluation is offered at the end of the transaction.
    expect(await page.getByTestId('submit-evaluate').isVisible()).toBe(true);
    await page.context().close();
  });

  it('one that fails a rule sees the rule, the fix and the manual-review path', async () => {
    const page = await fileNameChange(YUEWEI, '佛山市南海区桂城粤味轩饮食有限公司');
    await expect.poll(() => page.getByTestId('precheck').getAttribute('data-eligible'), { timeout: 20_000 }).toBe('false');
    expect(await verdicts(page)).toMatchObject({ standing: 'passed', 'legal-rep': 'failed' });
    expect(await page.getByTestId('precheck-fix').first().textContent()).toContain('法定代表人本人');
    expect(await page.getByTestId('precheck-summary').textContent()).toContain('转人工审核');
    await check(page, 'precheck-failed');
    await page.getByTestId('submit-send').click();
    await expect.poll(() => page.getByTestId('submit-outcome').getAttribute('data-status'), { timeout: 20_000 }).toBe('delivered');
    expect(await page.getByTestId('decision').count()).toBe(0);
    await page.context().close();
  });

  it('with the platform down, rules needing its data cannot be checked and the application is queued for review', async () => {
    const page = await fileNameChange(SHISHAN, '佛山市南海区狮山智造机械设备有限公司');
    await page.getByTestId('precheck').waitFor({ timeout: 20_000 });
    await platformDown(platform);
    try {
      await page.getByTestId('precheck-again').click();
      await expect.poll(async () => (await verdicts(page)).standing, { timeout: 20_000 }).toBe('unknown');
      expect(await verdicts(page)).toMatchObject({ 'change-is-name': 'passed', 'new-name-form': 'passed' });
      expect(await page.getByTestId('precheck').getAttribute('data-eligible')).toBe('false');
      // The words say what submitting now does (manual review), and how to still get 秒批 (check again later).
      const summary = (await page.getByTestId('precheck-summary').textContent()) ?? '';
      expect(summary).toContain('不能秒批');
      expect(summary).toContain('转人工审核');
      expect(summary).toContain('重新核验');
      expect(await page.getByTestId('precheck').textContent()).not.toContain('平台恢复后会重新核验');
      await check(page, 'precheck-platform-down');
      await page.getByTestId('submit-send').click();
      await expect.poll(() => page.getByTestId('submit-outcome').getAttribute('data-status'), { timeout: 20_000 }).toBe('queued');
    } finally {
      await platformUp(platform);
    }
    // Delivered once the platform is back, as the screen said: for manual review, no 秒批 asked, no instant decision.
    await expect.poll(() => page.getByTestId('submit-outcome').getAttribute('data-status'), { timeout: 60_000 }).toBe('delivered');
    expect(await page.getByTestId('decision').count()).toBe(0);
    const number = (await page.getByTestId('application-number').textContent())!.trim();
    const filed = (await receivedApplications(platform)).find((a) => a.applicationNumber === number) as { request?: { smartApproval?: boolean }; status?: string } | undefined;
    expect(filed?.request?.smartApproval).toBe(false);
    expect(filed?.status).toBe('accepted');
    await page.context().close();
  });

  it('公共场所卫生许可延续 with the commitment signed on screen: fixes and summary agree, and the 告知承诺书 is not asked for on paper', async () => {
    const page = await (await browser.newContext({ viewport: LANDSCAPE })).newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${kiosk.url}/item/NH-HLT-0402`);
    // The guide already says the letter is signed here.
    await page.getByTestId('material-m_commitment_letter').getByTestId('mark-commitment-letter').waitFor({ timeout: 30_000 });
    await page.getByTestId('item-start').click();
    await identifyAsAgent(page, sims, YUEWEI);
    await page.getByTestId('field-licenceNumber').fill('粤卫公证字[2022]第0605A00001号');
    await page.getByTestId('field-areaSqm').fill('120');
    await page.getByTestId('field-conditionsUnchanged').check();
    await page.getByTestId('field-agentPhone').fill('13800138000');
    await reviewToSubmit(page);

    // The enterprise holds no hygiene licence with 30 days left: no 秒批, and every fix says the same
    // as the summary — submitting here means manual review, not "go to a window".
    await expect.poll(() => page.getByTestId('precheck').getAttribute('data-eligible'), { timeout: 20_000 }).toBe('false');
    expect((await verdicts(page))['licence-30-days']).toBe('failed');
    const fixes = await page.getByTestId('precheck-fix').allTextContents();
    expect(fixes.length).toBeGreaterThan(0);
    for (const fix of fixes) expect(fix).not.toMatch(/请到窗口办理|须到窗口/);
    expect(fixes.join('')).toContain('转人工审核');
    expect(await page.getByTestId('precheck-summary').textContent()).toContain('转人工审核');
    await check(page, 'hygiene-precheck');

    await page.getByTestId('commitment-confirm').check();
    const before = (await printerStatus(sims)).printed;
    await page.getByTestId('submit-send').click();
    await expect.poll(() => page.getByTestId('submit-outcome').getAttribute('data-status'), { timeout: 20_000 }).toBe('delivered');
    // The form was filled here and the letter signed on screen: nothing is left to bring.
    expect(await page.getByTestId('provide-none').textContent()).toContain('无需再提供材料');
    const receipt = await waitForPrint(sims, before);
    const paper = unwrapped(receipt.text);
    expect(paper).toContain('申请受理回执');
    expect(paper).toContain('无需再提供材料');
    expect(paper).not.toContain('告知承诺书');
    const promised = (await page.getByTestId('promised-date').textContent())!.trim();
    expect(paper).toContain(`承诺办结${promised}`);
    await page.context().close();
  });
});
