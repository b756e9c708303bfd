import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectScreen, callAsPage } from './support/browser';
import { startJourneyEnv, type JourneyEnv } from './support/journey-env';
import { waitForEvaluations, platformRecords, type PlatformSim } from './support/platform';
import { insertCard, padPress, padState, removeCard, type Simulators } from './support/simulators';

/**
 * A renderer that reloads (or is restarted after a crash) starts from a clean session on both
 * sides: the screen and the services never disagree about who is at the kiosk, nothing of the
 * previous person can be filed, a card still on the reader is read anew, and the evaluation pad
 * is not left waiting for the screen that is gone.
 */
const CREDIT_CODE = '91440605MA4UL2K84H';
const ITEM = 'NH-AMR-0304';
const FORM = `/form/f_prepack_filing?item=${ITEM}`;

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
const fileNow = (page: Page) => callAsPage(page, 'platform.submitApplication', { itemCode: ITEM, formData: {} });

async function identifiedForm(): Promise<Page> {
  const page = await env.open(`/item/${ITEM}`);
  await page.getByTestId('item-start').click({ timeout: 30_000 });
  await insertCard(sims, 'valid');
  await expect.poll(() => page.getByTestId('identify-person').textContent(), { timeout: 20_000 }).toContain('黄*试');
  await page.getByTestId('credit-code-input').fill(CREDIT_CODE);
  await page.getByTestId('credit-code-submit').click();
  await page.getByTestId('identify-enterprise').waitFor({ timeout: 20_000 });
  await page.getByTestId('role-agent').click();
  await page.getByTestId('identify-continue').click();
  await expect.poll(() => page.getByTestId('field-enterpriseName').inputValue(), { timeout: 20_000 }).toContain('粤味轩');
  await page.getByTestId('field-foodSafetyManager').fill('李测试');
  return page;
}

describe('a reloaded screen starts clean on both sides', { timeout: 180_000 }, () => {
  it('reload on the form: the visit is ended on screen and in the services; the card still there is read anew, the enterprise must be given again', async () => {
    const page = await identifiedForm();
    await page.reload();
    // The form needs an identified applicant: identification comes first, and says why.
    await expect.poll(() => pathOf(page), { timeout: 20_000 }).toBe('/identify');
    expect(new URL(page.url()).searchParams.get('next')).toBe(FORM);
    expect(await page.getByTestId('restart-notice').textContent()).toContain('之前的办理已结束');
    // The card never left the reader: this session reads it as a new read, and tells the services so.
    await expect.poll(() => page.getByTestId('identify-person').textContent(), { timeout: 20_000 }).toContain('黄*试');
    expect(await page.getByTestId('need-enterprise').getAttribute('data-met')).toBe('false');
    // The card read anew offers the holder's enterprises again (粤味轩 among them, one tap each); nothing chosen
    // or typed before the reload is left anywhere else on the screen.
    const offered = page.getByTestId('linked-enterprises');
    await offered.waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('identify-enterprise').count()).toBe(0);
    expect(await offered.locator('[aria-pressed="true"]').count()).toBe(0);
    expect(await page.getByTestId('credit-code-input').inputValue()).toBe('');
    const body = (await page.locator('body').innerText()).replace(await offered.innerText(), '');
    for (const gone of ['粤味轩', CREDIT_CODE, '李测试']) expect(body).not.toContain(gone);
    // What the screen shows is what the services hold: a person, no enterprise, so nothing can be filed.
    expect(await fileNow(page)).toMatchObject({ ok: false, error: { messageKey: 'platform.identifyFirst' } });
    await expectScreen(page, 'session-restart-identify');

    // Identified again, the form comes back fresh: prefilled again, nothing typed before the reload.
    await page.getByTestId('credit-code-input').fill(CREDIT_CODE);
    await page.getByTestId('credit-code-submit').click();
    await page.getByTestId('identify-enterprise').waitFor({ timeout: 20_000 });
    await page.getByTestId('role-agent').click();
    await page.getByTestId('identify-continue').click();
    await expect.poll(() => page.getByTestId('field-enterpriseName').inputValue(), { timeout: 20_000 }).toContain('粤味轩');
    expect(await page.getByTestId('field-foodSafetyManager').inputValue()).toBe('');
    expect(await page.getByTestId('restart-notice').count()).toBe(0);
    await page.context().close();
  });

  it('reload after the card was taken: nobody is identified on either side, and the screen asks for a card', async () => {
    const page = await identifiedForm();
    await removeCard(sims);
    await page.getByTestId('card-removed-continue').click({ timeout: 20_000 });
    await page.reload();
    await expect.poll(() => pathOf(page), { timeout: 20_000 }).toBe('/identify');
    await page.getByTestId('identify-place-card').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('identify-person').count()).toBe(0);
    expect(await fileNow(page)).toMatchObject({ ok: false, error: { messageKey: 'platform.identifyFirst' } });
    // The 秒批 pre-check of the services sees no card holder either (the audit saw "申请人已刷身份证" here).
    const precheck = await callAsPage<{ precheck: { rules: Array<{ id: string; verdict: string }> } }>(page, 'approval.precheck', {
      itemCode: 'NH-AMR-0302',
      formData: {},
      materialIds: [],
    });
    expect(precheck.value.precheck.rules.find((r) => r.id === 'id-card')?.verdict).toBe('failed');
    await page.context().close();
  });

  it('reload while the pad is lit: the pad is switched off with the old screen and lit again for the new one, which takes the rating', async () => {
    const before = (await platformRecords(platform)).evaluations.length;
    // A cold load straight to the evaluation: the pad lights once its status is known.
    const page = await env.open('/evaluate?itemCode=NH-AMR-0101&applicationNumber=GD-E2E-RELOAD-1');
    await page.getByTestId('pad-lit').waitFor({ timeout: 20_000 });
    const first = (await padState<{ activeSession: number | null }>(sims)).activeSession;
    expect(first).not.toBeNull();
    await page.reload();
    await page.getByTestId('pad-lit').waitFor({ timeout: 20_000 });
    const second = (await padState<{ activeSession: number | null }>(sims)).activeSession;
    expect(second).not.toBeNull();
    expect(second).not.toBe(first);
    await padPress(sims, 5);
    await page.getByTestId('evaluation-done').waitFor({ timeout: 20_000 });
    const evaluations = await waitForEvaluations(platform, before);
    expect(evaluations.at(-1)).toMatchObject({ level: 'very-satisfied', applicationNumber: 'GD-E2E-RELOAD-1' });
    await page.context().close();
  });
});
