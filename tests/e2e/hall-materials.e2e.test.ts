import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startJourneyEnv, type JourneyEnv } from './support/journey-env';
import { checkHallScreen, identify, pathOf, phoneOpens } from './support/hall';
import { reviewToSubmit } from './support/journey-steps';
import { lastPrinted, printerStatus, removeCard, setPrinter, unwrapped, waitForPrint, type Simulators } from './support/simulators';

/**
 * Point 1 of the field report: what a person still has to provide, from one list — after the flow's
 * answers and choices — on screen, on the 一次性告知单, on the receipt and behind its QR code (the
 * platform's public page a phone opens), in a package's merged list; 零跑动 only where it is true.
 */
const SETUP = 'NH-AMR-0101'; // 有限责任公司设立登记: creates the enterprise, guided flow
const NAME_CHANGE = 'NH-AMR-0201';
const CREDIT_CODE = '91440605MA4UL2K84H';
const LEASE = '住所租赁合同及出租方产权证明';
const OWNED = '住所产权证明（不动产权证书）';
const ATTORNEY = '授权委托书及经办人身份证件';

let env: JourneyEnv;
let sims: Simulators;
beforeAll(async () => {
  env = await startJourneyEnv();
  ({ sims } = env);
}, 120_000);
afterEach(async () => {
  await Promise.all([removeCard(sims), setPrinter(sims, 'reset')]);
});
afterAll(async () => env?.stop());

const listText = async (page: Page, testid: string): Promise<string> => (await page.getByTestId(testid).innerText()).replace(/\s+/g, ' ');

/** Item → 开始办理 → identify (no enterprise: it is being set up) → the flow's questions. */
async function setupFlow(page: Page, role: 'agent' | 'legal_rep', premises: 'rented' | 'owned'): Promise<void> {
  await page.getByTestId('item-start').click({ timeout: 30_000 });
  await identify(page, sims, { role });
  for (const option of ['natural_persons', premises, 'no']) await page.getByTestId(`flow-option-${option}`).click({ timeout: 20_000 });
  await page.getByTestId('flow-materials').waitFor({ timeout: 20_000 });
}

describe('the list of what is still to provide', { timeout: 240_000 }, () => {
  it('a founder renting the premises, through an agent: the lease and the 授权委托书 on screen, on the 一次性告知单, on the receipt and on the page its QR opens', async () => {
    const page = await env.open(`/item/${SETUP}`);
    // Before any question: what depends on one is 如适用, with the condition in words; never mandatory.
    await page.getByTestId(`material-m_premises_lease`).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('material-m_premises_lease').getByTestId('mark-if-applicable').textContent()).toContain('租赁场所');
    expect(await page.getByTestId('material-m_power_of_attorney').getByTestId('mark-if-applicable').textContent()).toContain('受委托的经办人');

    await setupFlow(page, 'agent', 'rented');
    const onScreen = await listText(page, 'flow-materials');
    expect(onScreen).toContain(LEASE);
    expect(onScreen).toContain(ATTORNEY);
    expect(onScreen).not.toContain(OWNED);
    // Filled in here, checked by the card: not asked for on paper.
    expect(await page.getByTestId('settled-m_application').getAttribute('data-why')).toBe('kiosk-form');
    expect(await page.getByTestId('settled-m_shareholder_id').getAttribute('data-why')).toBe('exempt');
    await checkHallScreen(page, 'hall-materials-flow');

    const printed = (await printerStatus(sims)).printed;
    await page.getByTestId('flow-print').click();
    const notice = await waitForPrint(sims, printed);
    const paper = unwrapped(notice.text);
    expect(paper).toContain('一次性告知单');
    expect(paper).toContain(unwrapped(`${LEASE}（复印件1份）`));
    expect(paper).toContain(unwrapped(`${ATTORNEY}（原件1份）`));
    expect(paper).not.toContain(unwrapped(OWNED));
    // Every question is answered: nothing is left 如适用.
    expect(paper).not.toContain('如适用');
    const phone = await phoneOpens(notice.qr.find((q) => q.includes('/materials?'))!);
    expect(phone).toContain(LEASE);
    expect(phone).toContain(ATTORNEY);
    expect(phone).not.toContain(OWNED);

    await page.getByTestId('flow-to-form').click();
    await page.getByTestId('field-proposedName').fill('佛山市南海区示例科技有限公司', { timeout: 20_000 });
    await page.getByTestId('field-registeredCapitalWan').fill('100');
    await page.getByTestId('field-address').fill('佛山市南海区桂城街道示例路1号');
    await page.getByTestId('field-businessScope').fill('软件开发');
    // The agent files for a legal representative who is somebody else.
    await page.getByTestId('field-legalRepName').fill('陈志强');
    await page.getByTestId('field-legalRepIdNumber').fill('440605198506123714');
    await page.getByTestId('field-agentPhone').fill('13800138000');
    // Off its field an ID number is masked, as on every public screen; in full only while it is typed.
    const legalRepId = page.getByTestId('field-legalRepIdNumber');
    await expect.poll(() => legalRepId.inputValue()).toBe('440605********3714');
    expect(await page.getByTestId('field-agentIdNumber').inputValue()).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    await legalRepId.click();
    await expect.poll(() => legalRepId.inputValue()).toBe('440605198506123714');
    await reviewToSubmit(page);
    expect(await listText(page, 'submit-provide')).toContain(LEASE);
    const before = (await printerStatus(sims)).printed;
    await page.getByTestId('submit-send').click();
    await expect.poll(() => page.getByTestId('submit-outcome').getAttribute('data-status'), { timeout: 30_000 }).toBe('delivered');
    const receipt = await waitForPrint(sims, before);
    const receiptPaper = unwrapped(receipt.text);
    expect(receiptPaper).toContain('申请受理回执');
    expect(receiptPaper).toContain(unwrapped(LEASE));
    expect(receiptPaper).toContain(unwrapped(ATTORNEY));
    // The receipt's QR opens the public progress page, which lists the same materials as the paper.
    const progress = await phoneOpens(receipt.qr.find((q) => q.includes('/progress?number='))!);
    expect(progress).toContain(LEASE);
    expect(progress).toContain(ATTORNEY);
    await checkHallScreen(page, 'hall-materials-receipt');
    await page.context().close();
  });

  it('a founder owning the premises, in person: no lease and no 授权委托书', async () => {
    const page = await env.open(`/item/${SETUP}`);
    await setupFlow(page, 'legal_rep', 'owned');
    const onScreen = await listText(page, 'flow-materials');
    expect(onScreen).toContain(OWNED);
    expect(onScreen).not.toContain(LEASE);
    expect(onScreen).not.toContain(ATTORNEY);
    await page.context().close();
  });

  it('an agent changing the registered address is told to bring the 授权委托书 and the new-premises proof', async () => {
    const page = await env.open(`/item/${NAME_CHANGE}`);
    await page.getByTestId('item-start').click({ timeout: 30_000 });
    await identify(page, sims, { role: 'agent', creditCode: CREDIT_CODE });
    await page.getByTestId('flow-option-address').click({ timeout: 20_000 });
    const onScreen = await listText(page, 'flow-materials');
    expect(onScreen).toContain(ATTORNEY);
    expect(onScreen).toContain('新住所使用证明');
    await page.getByTestId('flow-to-form').click();
    await page.getByTestId('field-changeItem-address').click({ timeout: 20_000 });
    await page.getByTestId('field-before').fill('佛山市南海区桂城街道南海大道北68号');
    await page.getByTestId('field-after').fill('佛山市南海区桂城街道海八路8号');
    await page.getByTestId('field-resolutionDate').fill('2026-11-20');
    await page.getByTestId('field-agentPhone').fill('13800138000');
    await reviewToSubmit(page);
    const before = (await printerStatus(sims)).printed;
    await page.getByTestId('submit-send').click({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('submit-outcome').getAttribute('data-status'), { timeout: 30_000 }).toBe('delivered');
    const paper = unwrapped((await waitForPrint(sims, before)).text);
    expect(paper).toContain(unwrapped(ATTORNEY));
    expect(paper).toContain('新住所使用证明');
    await page.context().close();
  });

  it('零跑动 only where it is true; the 一次性告知单 out of paper comes on screen and as a QR code', async () => {
    const page = await env.open(`/item/${NAME_CHANGE}`);
    await page.getByTestId('badge-no-visit').waitFor({ timeout: 20_000 });
    await page.goto(`${env.kiosk.url}/item/NH-AMR-0901`);
    await page.getByTestId('badge-one-visit').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('badge-no-visit').count()).toBe(0);

    await page.goto(`${env.kiosk.url}/item/${SETUP}`);
    await page.getByTestId('material-m_premises_lease').waitFor({ timeout: 20_000 });
    await setPrinter(sims, 'paper-out');
    await page.getByTestId('item-print-notice').click();
    const outcome = page.getByTestId('print-outcome');
    await expect.poll(() => outcome.getAttribute('data-printed'), { timeout: 20_000 }).toBe('false');
    await page.getByTestId('print-qr').waitFor();
    expect(await page.getByTestId('print-preview').innerText()).toContain('一次性告知单');
    expect(await page.getByTestId('print-preview').innerText()).toContain('如适用：租赁场所');
    await checkHallScreen(page, 'hall-notice-paper-out');
    expect((await lastPrinted(sims)).text).not.toContain('一次性告知单');
    await page.context().close();
  });

  it('a package’s merged list says what depends on answers and what need not be brought', async () => {
    const page = await env.open('/packages/pkg_start_business');
    await page.getByTestId('package-material-m_premises_lease').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('package-material-m_premises_lease').getByTestId('mark-if-applicable').textContent()).toContain('租赁场所');
    expect(await page.getByTestId('package-material-m_shareholder_id').getByTestId('mark-settled').textContent()).toContain('免提交');
    expect(pathOf(page)).toBe('/packages/pkg_start_business');
    await page.context().close();
  });
});
