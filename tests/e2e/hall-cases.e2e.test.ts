import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callAsPage } from './support/browser';
import { checkHallScreen, identify, navigate, pathOf } from './support/hall';
import { startJourneyEnv, type JourneyEnv } from './support/journey-env';
import { reviewToSubmit } from './support/journey-steps';
import { insertCard, printerStatus, removeCard, simControl, unwrapped, waitForPrint, waitUntil, type Simulators } from './support/simulators';

/**
 * Points 6 and 7 of the field report, on a kiosk whose reader will not find a card it has read until
 * the card leaves the field (the default profile, `unreliable`): the visit is kept while the card lies
 * there and the kiosk asks to take it at the end; 我的办件 with the card lists the person's filings,
 * and a form saved (暂存) comes back with the same card, once.
 */
const CREDIT_CODE = '91440605MA4UL2K84H';
const ITEM = 'NH-AMR-0304';

let env: JourneyEnv;
let sims: Simulators;
beforeAll(async () => {
  env = await startJourneyEnv({ KIOSK_IDLE_SECONDS: '600', KIOSK_READER_REMOVAL: 'unreliable' });
  ({ sims } = env);
}, 120_000);
afterAll(async () => env?.stop());

type CardState = { card: string | null; refind: boolean; readSinceInserted: boolean; finds: number };
const readerState = (): Promise<CardState> => simControl<CardState>(sims.url('idReader'), 'GET', '/card/state');

/** Lifts the card and places it again: the only way such a reader reads it anew. */
async function placeAgain(): Promise<void> {
  await removeCard(sims);
  const finds = (await readerState()).finds;
  await waitUntil(async () => (await readerState()).finds > finds + 2, 10_000, 'the reader did not poll');
  await insertCard(sims, 'valid');
}

async function fillFood(page: Page, manager: string): Promise<void> {
  await page.getByTestId('field-foodSafetyManager').fill(manager, { timeout: 20_000 });
  await page.getByTestId('field-managerPhone').fill('13900139000');
  await page.getByTestId('field-agentPhone').fill('13800138000');
}

describe('a reader that will not find a card it has read', { timeout: 180_000 }, () => {
  it('keeps the visit while the card lies there, and asks to take the card at the end', async () => {
    expect((await readerState()).refind).toBe(false);
    const page = await env.open('/identify');
    await identify(page, sims, { role: 'agent', creditCode: CREDIT_CODE });
    await expect.poll(() => pathOf(page)).toBe('/search');
    expect((await readerState()).readSinceInserted).toBe(true);
    // The reader now answers "no card" to every find while the card lies there: many polls later,
    // nothing took that for a lift.
    const finds = (await readerState()).finds;
    await waitUntil(async () => (await readerState()).finds > finds + 15, 20_000, 'the reader did not poll');
    expect(await page.getByTestId('card-removed-notice').count()).toBe(0);
    const held = await callAsPage<{ person: { nameMasked: string } | null }>(page, 'session.identify', {});
    expect(held.value.person?.nameMasked).toBe('黄*试');

    await page.getByTestId('logout').click();
    const reminder = page.getByTestId('take-card-reminder');
    await reminder.waitFor({ timeout: 10_000 });
    expect(await reminder.textContent()).toContain('无法感知');
    await checkHallScreen(page, 'hall-take-card-unseen');
    await page.getByTestId('take-card-done').click();
    await expect.poll(() => reminder.count()).toBe(0);
    await page.context().close();
  });
});

describe('我的办件 and 暂存 with the card', { timeout: 300_000 }, () => {
  it('lists the card holder’s filings (reprintable), and a saved form comes back with the same card, once', async () => {
    // A filing to find later.
    const page = await env.open(`/item/${ITEM}`);
    await page.getByTestId('item-start').click({ timeout: 30_000 });
    await placeAgain();
    await expect.poll(() => page.getByTestId('identify-person').textContent(), { timeout: 20_000 }).toContain('黄*试');
    await page.getByTestId('credit-code-input').fill(CREDIT_CODE);
    await page.getByTestId('credit-code-submit').click();
    await page.getByTestId('identify-enterprise').waitFor({ timeout: 15_000 });
    await page.getByTestId('role-agent').click();
    await page.getByTestId('identify-continue').click();
    await fillFood(page, '李测试');
    await reviewToSubmit(page);
    await page.getByTestId('submit-send').click();
    await expect.poll(() => page.getByTestId('submit-outcome').getAttribute('data-status'), { timeout: 30_000 }).toBe('delivered');
    const number = (await page.getByTestId('application-number').textContent())!.trim();

    // A second application of the same item, saved half done.
    await navigate(page, `/item/${ITEM}`);
    await page.getByTestId('item-start').click({ timeout: 20_000 });
    await page.getByTestId('field-foodSafetyManager').fill('王暂存', { timeout: 20_000 });
    await page.getByTestId('form-save-draft').click();
    await page.getByTestId('draft-saved').waitFor({ timeout: 15_000 });
    await checkHallScreen(page, 'hall-draft-saved');
    await page.getByTestId('draft-leave').click();
    await page.getByTestId('take-card-done').click({ timeout: 10_000 });

    // The next visit: 我的办件 asks for the card; with it, the filing and the draft.
    await page.getByTestId('service-myCases').click();
    await page.getByTestId('cases-card').waitFor({ timeout: 15_000 });
    await placeAgain();
    await page.getByTestId(`case-${number}`).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId(`case-${number}`).getAttribute('data-status')).toBe('accepted');
    await page.getByTestId(`draft-${ITEM}`).waitFor();
    await checkHallScreen(page, 'hall-my-cases');
    const before = (await printerStatus(sims)).printed;
    await page.getByTestId(`case-${number}`).getByTestId('case-reprint').click();
    expect(unwrapped((await waitForPrint(sims, before)).text)).toContain(`办件编号${number}`);

    await page.getByTestId('draft-resume').click();
    // Filing needs the enterprise and the role again; then the saved form is back.
    await expect.poll(() => pathOf(page), { timeout: 15_000 }).toBe('/identify');
    await page.getByTestId('credit-code-input').fill(CREDIT_CODE);
    await page.getByTestId('credit-code-submit').click();
    await page.getByTestId('identify-enterprise').waitFor({ timeout: 15_000 });
    await page.getByTestId('role-agent').click();
    await page.getByTestId('identify-continue').click();
    await page.getByTestId('form-resumed').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId('field-foodSafetyManager').inputValue(), { timeout: 10_000 }).toBe('王暂存');
    // Wiped as it was handed back.
    await navigate(page, '/my-cases');
    await page.getByTestId('cases-filed').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('cases-drafts').count()).toBe(0);
    await page.context().close();
  });
});
