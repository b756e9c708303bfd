import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LANDSCAPE, screenshot, expectScreen, callAsPage } from './support/browser';
import { startKiosk, type KioskProcess } from './support/kiosk-process';
import { startJourneyEnv, type JourneyEnv } from './support/journey-env';
import { platformDown, platformFault, platformUp, receivedApplications, type PlatformSim } from './support/platform';
import { insertCard, readSimulators, removeCard, type Simulators } from './support/simulators';

/**
 * Failure paths later in the enterprise journey, in Chromium against the Node host with the
 * simulated devices and the platform simulator: the platform down at submit (outbox), 免证办 with
 * and without consent, and the idle timeout in the middle of a form (its own kiosk, short timers).
 */
const CREDIT_CODE = '91440605MA4UL2K84H'; // 佛山市南海区桂城粤味轩餐饮有限公司, holds a valid 电子营业执照
const ITEM = 'NH-AMR-0304'; // 仅销售预包装食品备案: its 营业执照 material is replaced by the e-licence
const LICENCE = { material: 'm_business_licence', certificateId: `BL-${CREDIT_CODE}`, issuer: '佛山市南海区市场监督管理局' };

let browser: Browser;
let kiosk: KioskProcess;
let sims: Simulators;
let platform: PlatformSim;

let env: JourneyEnv;
beforeAll(async () => {
  env = await startJourneyEnv();
  ({ kiosk, browser, sims, platform } = env);
}, 120_000);
afterAll(async () => env?.stop());

async function openPage(k: KioskProcess, path: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: LANDSCAPE })).newPage();
  await page.goto(`${k.url}${path}`);
  await page.locator('h1').first().waitFor({ timeout: 30_000 });
  return page;
}

const checkScreen = (page: Page, name: string): Promise<void> => expectScreen(page, `journey-failure-${name}`);

const pathOf = (page: Page): string => new URL(page.url()).pathname;

/** Item → 开始办理 → ID card + credit code → the prefilled form. */
async function identifyIntoForm(k: KioskProcess, s: Simulators, item = ITEM, code = CREDIT_CODE, enterprise = '粤味轩餐饮'): Promise<Page> {
  const page = await openPage(k, `/item/${item}`);
  await page.getByTestId('item-start').click({ timeout: 30_000 });
  await insertCard(s, 'valid');
  await expect.poll(() => page.getByTestId('identify-person').textContent(), { timeout: 20_000 }).toContain('黄*试');
  await page.getByTestId('credit-code-input').fill(code);
  await page.getByTestId('credit-code-submit').click();
  await expect.poll(() => page.getByTestId('identify-enterprise').textContent(), { timeout: 20_000 }).toContain(enterprise);
  await page.getByTestId('role-agent').click();
  await page.getByTestId('identify-continue').click();
  await page.getByTestId('field-enterpriseName').waitFor({ timeout: 20_000 });
  expect(await page.getByTestId('field-enterpriseName').inputValue()).toContain(enterprise);
  return page;
}

/** Fills what the card and the platform could not, then review → 免证办. */
async function formToEcert(page: Page): Promise<void> {
  await page.getByTestId('field-foodSafetyManager').fill('李测试');
  await page.getByTestId('field-managerPhone').fill('13900139000');
  await page.getByTestId('field-agentPhone').fill('13800138000');
  await page.getByTestId('form-review').click();
  await expect.poll(() => pathOf(page), { timeout: 15_000 }).toBe('/review');
  await page.getByTestId('review-confirm').click();
  await expect.poll(() => pathOf(page), { timeout: 15_000 }).toBe('/ecert');
}
const licenceOffered = (page: Page): Promise<void> => page.getByTestId(`ecert-agree-${LICENCE.material}`).waitFor({ timeout: 30_000 });

type SubmitBody = { itemCode: string; attachments?: Array<{ materialName: string; certificateId: string }> };
/** What the screen asks the services to file (the platform simulator's records keep no request bodies). */
function recordSubmissions(page: Page): SubmitBody[] {
  const sent: SubmitBody[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/platform.submitApplication')) sent.push(r.postDataJSON() as SubmitBody);
  });
  return sent;
}

const applicationNumber = async (page: Page): Promise<string> => (await page.getByTestId('application-number').textContent())!.trim();

describe('journey failure paths after identification', () => {
  afterEach(async () => {
    await Promise.all([removeCard(sims), platformUp(platform)]);
  });

  it('platform down at submit: received and queued on screen; once it is back the outbox delivers it exactly once', async () => {
    const page = await identifyIntoForm(kiosk, sims);
    const sent = recordSubmissions(page);
    await formToEcert(page);
    await licenceOffered(page);
    // No consent given: the e-licence must not travel with the application.
    await page.getByTestId('ecert-continue').click();
    await page.getByTestId('submit-send').waitFor({ timeout: 15_000 });
    expect(await page.locator('body').innerText()).not.toContain('电子证照');

    const before = (await receivedApplications(platform)).length;
    await platformDown(platform);
    await page.getByTestId('submit-send').click();
    const outcome = page.getByTestId('submit-outcome');
    await expect.poll(() => outcome.getAttribute('data-status'), { timeout: 30_000 }).toBe('queued');
    // Not presented as accepted: a slip that says it waits, no application number.
    expect(await outcome.textContent()).toContain('这不是受理回执');
    expect(await page.getByTestId('slip-number').textContent()).toMatch(/^[0-9A-Z]{6}-\d{6}-\d{4}$/);
    expect(await page.getByTestId('application-number').count()).toBe(0);
    await checkScreen(page, 'submit-queued');
    expect((await receivedApplications(platform)).length).toBe(before);

    await platformUp(platform);
    await expect.poll(() => outcome.getAttribute('data-status'), { timeout: 90_000 }).toBe('delivered');
    const number = await applicationNumber(page);
    expect(number).toMatch(/^NH\d{14}$/);
    expect(await outcome.textContent()).toContain('平台已接收');
    await checkScreen(page, 'submit-delivered-after-queue');

    const apps = await receivedApplications(platform);
    expect(apps.length).toBe(before + 1);
    const filed = apps.filter((a) => a.applicationNumber === number);
    expect(filed.length).toBe(1);
    expect(filed[0]!.itemCode).toBe(ITEM);
    expect(sent.map((b) => b.attachments)).toEqual([[]]);
    await page.context().close();
  }, 200_000);

  it('免证办: the e-licence is shown in full, attached only after explicit consent, and reaches the platform', async () => {
    const page = await identifyIntoForm(kiosk, sims);
    const sent = recordSubmissions(page);
    // The certificate library answers slowly: while it is asked, nothing claims there is no licence.
    await platformFault(platform, { mode: 'slow', delayMs: 4_000, pathPrefix: '/v1/certificates' });
    await formToEcert(page);
    await page.getByText('正在查询电子证照').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('ecert-none').count()).toBe(0);
    await licenceOffered(page);
    await platformUp(platform);
    const offer = page.getByTestId(`ecert-${LICENCE.material}`);
    const text = (await offer.textContent())!;
    expect(text).toContain('营业执照');
    expect(text).toContain(CREDIT_CODE); // the licence number is the credit code
    expect(text).toContain(LICENCE.issuer);
    expect(text).toMatch(/\d{4}-\d{2}-\d{2} – 长期/);
    expect(await page.getByTestId('ecert-none').count()).toBe(0);
    // Nothing is agreed on the person's behalf.
    const agree = page.getByTestId(`ecert-agree-${LICENCE.material}`);
    expect(await agree.isChecked()).toBe(false);
    await checkScreen(page, 'ecert');

    // Without the tick nothing is attached …
    await page.getByTestId('ecert-continue').click();
    await page.getByTestId('submit-send').waitFor({ timeout: 15_000 });
    expect(await page.locator('body').innerText()).not.toContain('已附');
    // … back, tick, continue: now it is.
    await page.goBack();
    await agree.waitFor({ timeout: 15_000 });
    expect(await agree.isChecked()).toBe(false);
    await agree.check();
    await page.getByTestId('ecert-continue').click();
    await expect.poll(() => page.locator('body').innerText(), { timeout: 15_000 }).toContain('已附 1 个电子证照');

    const before = (await receivedApplications(platform)).length;
    await page.getByTestId('submit-send').click();
    await expect.poll(() => page.getByTestId('submit-outcome').getAttribute('data-status'), { timeout: 30_000 }).toBe('delivered');
    const number = await applicationNumber(page);
    // The licence replaces a material: it is not among the originals to bring.
    expect((await page.getByTestId('submit-outcome').textContent()) ?? '').not.toContain('营业执照');
    const apps = await receivedApplications(platform);
    expect(apps.length).toBe(before + 1);
    expect(apps.filter((a) => a.applicationNumber === number && a.itemCode === ITEM).length).toBe(1);
    // The one submission carried the licence reference (the platform refuses unknown certificates with 422).
    expect(sent.length).toBe(1);
    expect(sent[0]!.attachments).toEqual([expect.objectContaining({ materialName: '营业执照', certificateId: LICENCE.certificateId })]);
    await page.context().close();
  }, 200_000);

  it('免证办 never offers an expired certificate: a hotel renewing its lapsed food licence is offered only its valid licence', async () => {
    const HOTEL = '91440604MA55H8TJ5R'; // its 食品经营许可证 JY24406040088211 lapsed on 2025-08-31
    const page = await identifyIntoForm(kiosk, sims, 'NH-AMR-0302', HOTEL, '祖庙文旅酒店');
    // Precondition, as the services see it: the holder does have an expired certificate.
    const held = await callAsPage<{ certificates: Array<{ number: string; expired: boolean }> }>(page, 'platform.certificates', { holderCode: HOTEL });
    expect(held.value.certificates.filter((c) => c.expired).map((c) => c.number)).toContain('JY24406040088211');

    await page.getByTestId('field-licenceNumber').fill('JY24406040088211');
    await page.getByTestId('field-agentPhone').fill('13800138000');
    await page.getByTestId('form-review').click();
    await expect.poll(() => pathOf(page), { timeout: 15_000 }).toBe('/review');
    await page.getByTestId('review-confirm').click();
    await licenceOffered(page);
    const screen = await page.locator('main').innerText();
    expect(screen).toContain(HOTEL); // the valid business licence is offered
    expect(screen).not.toContain('2025-08-31');
    expect(screen).not.toContain('食品经营许可证');
    expect(await page.locator('input[type="checkbox"]').count()).toBe(1);
    await page.context().close();
  }, 120_000);
});

describe('idle timeout in the middle of a form', () => {
  let idleKiosk: KioskProcess;
  let idleSims: Simulators;
  beforeAll(async () => {
    // Long enough for each step (every tap restarts it), short enough to wait out once.
    idleKiosk = await startKiosk({ KIOSK_IDLE_SECONDS: '15', KIOSK_IDLE_WARNING_SECONDS: '15' });
    idleSims = await readSimulators(idleKiosk.dataDir);
  }, 120_000);
  afterAll(async () => {
    await idleKiosk?.stop();
  });

  it('warns with a countdown, goes home, and leaves nothing of the visit on the form or with the services', async () => {
    const page = await identifyIntoForm(idleKiosk, idleSims);
    await page.getByTestId('field-foodSafetyManager').fill('李测试');
    await page.getByTestId('field-agentPhone').click();
    await page.getByTestId('field-agentPhone').fill('13800138000');
    const formUrl = page.url();

    // Hands off: the warning comes and counts down.
    const warning = page.getByTestId('idle-warning');
    await warning.waitFor({ timeout: 40_000 });
    const seconds = async (): Promise<number> => Number(/(\d+)/.exec((await warning.textContent()) ?? '')?.[1] ?? NaN);
    const first = await seconds();
    expect(first).toBeGreaterThan(0);
    await expect.poll(seconds, { timeout: 10_000 }).toBeLessThan(first);
    await checkScreen(page, 'idle-warning');
    await expect.poll(() => pathOf(page), { timeout: 40_000 }).toBe('/');
    // The card was left on the reader: the next screen asks for it to be taken.
    await page.getByTestId('take-card-reminder').waitFor({ timeout: 10_000 });
    await removeCard(idleSims);
    await expect.poll(() => page.getByTestId('take-card-reminder').count(), { timeout: 20_000 }).toBe(0);

    // Back to the form (history): nobody is identified, so identification comes first, nothing filled in.
    await page.goBack();
    await expect.poll(() => pathOf(page), { timeout: 15_000 }).toBe('/identify');
    expect(new URL(page.url()).searchParams.get('next')).toBe(new URL(formUrl).pathname + new URL(formUrl).search);
    await page.getByTestId('identify-place-card').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('field-foodSafetyManager').count()).toBe(0);
    const body = await page.locator('body').innerText();
    for (const secret of ['黄测试', '黄*试', '李测试', '粤味轩', CREDIT_CODE, '13800138000']) expect(body).not.toContain(secret);
    await screenshot(page, 'journey-failure-form-after-idle');

    // The services refuse to file anything until someone identifies again.
    const refused = await callAsPage(page, 'platform.submitApplication', { itemCode: ITEM, formData: { foodSafetyManager: 'x' } });
    expect(refused.ok).toBe(false);
    expect(refused.error?.messageKey).toBe('platform.identifyFirst');
    await page.context().close();
  }, 200_000);
});
