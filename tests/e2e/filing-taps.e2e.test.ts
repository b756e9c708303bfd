import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectScreen } from './support/browser';
import { startJourneyEnv, type JourneyEnv } from './support/journey-env';
import { receivedApplications } from './support/platform';
import { insertCard, removeCard } from './support/simulators';
import { FILINGS, TAP_CEILING, type Filing, type Entry } from './support/filings';

/**
 * Every filing the sample content lets the kiosk file, done from the home screen as a person does it
 * on the touchscreen, counting every tap: tiles, keys, candidate picks and pages, buttons. Typing goes
 * only through the on-screen keyboard (nothing is filled in by the test). A person whose enterprise the
 * platform knows files any of them within the ceiling; the two filings that create an enterprise are
 * counted too (the platform knows nothing of a company that does not exist yet).
 */
let env: JourneyEnv;
const counted: Array<{ code: string; taps: number; keys: number }> = [];

beforeAll(async () => {
  env = await startJourneyEnv();
}, 120_000);
afterAll(async () => {
  // The figures for the README, one line a filing.
  for (const c of counted) console.info(`taps ${c.code}: ${c.taps} (of which keys and picks ${c.keys})`);
  await env?.stop();
});

const path = (page: Page): string => new URL(page.url()).pathname;
const taps = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { __taps: number }).__taps);

/** Counts trusted pointer presses only: what a finger does, not what scripts dispatch. */
async function openCounting(): Promise<Page> {
  const context = await env.browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await context.addInitScript(() => {
    const w = window as unknown as { __taps: number; __keys: number };
    w.__taps = 0;
    w.__keys = 0;
    window.addEventListener(
      'pointerdown',
      (e) => {
        if (!e.isTrusted) return;
        w.__taps++;
        const t = e.target as Element | null;
        if (t?.closest('[data-testid="keyboard"], [data-testid="ime-candidate"], [data-testid="ime-next"]')) w.__keys++;
      },
      { capture: true },
    );
  });
  const page = await context.newPage();
  await page.goto(`${env.kiosk.url}/`);
  await page.getByTestId('home-welcome').waitFor({ timeout: 60_000 });
  return page;
}

/** The screens these walks add (date shortcuts, the contract list) pass axe in every mode, once a run. */
const scanned = new Set<string>();
async function screenOnce(page: Page, name: string): Promise<void> {
  if (scanned.has(name)) return;
  scanned.add(name);
  await expectScreen(page, name);
  await page.evaluate(() => document.documentElement.classList.add('high-contrast'));
  await expectAccessible(page, `${name} (high contrast)`);
  await page.evaluate(() => document.documentElement.classList.remove('high-contrast'));
}

const key = (page: Page, k: string) => page.locator(`[data-testid="keyboard"] [data-skbtn="${k}"]`);

/** A candidate picked as a person does: pages turned with 下一页 until it shows. */
async function pick(page: Page, text: string): Promise<void> {
  const wanted = page.getByTestId('ime-candidate').filter({ hasText: new RegExp(`^${text}$`) });
  for (let turns = 0; (await wanted.count()) === 0; turns++) {
    expect(turns < 12 && !(await page.getByTestId('ime-next').isDisabled()), `${text} is not offered`).toBe(true);
    await page.getByTestId('ime-next').click();
  }
  await wanted.first().click();
}

/** Types one field's entry on the on-screen keyboard: keys, then candidates for pinyin. */
async function typeEntry(page: Page, entry: Entry): Promise<void> {
  for (const part of entry) {
    if (typeof part === 'string') {
      for (const k of part) await key(page, k).click();
    } else if ('date' in part) {
      await screenOnce(page, 'form-date-shortcuts');
      await page.getByTestId(`date-${part.date}`).click();
    } else {
      for (const k of part.pinyin) await key(page, k).click();
      await pick(page, part.pick);
    }
  }
}

async function fillForm(page: Page, filing: Filing): Promise<void> {
  if (filing.contract) {
    await screenOnce(page, 'form-labor-contracts');
    await page.getByTestId(`labor-contract-${filing.contract}`).click();
  }
  for (const [field, entry] of Object.entries(filing.type ?? {})) {
    await page.getByTestId(`field-${field}`).click();
    await page.getByTestId('keyboard').waitFor();
    await typeEntry(page, entry);
  }
  for (const choice of filing.choose ?? []) await page.getByTestId(`field-${choice}`).click();
  for (const [field, expected] of Object.entries(filing.expect ?? {})) {
    expect(await page.getByTestId(`field-${field}`).inputValue(), field).toBe(expected);
  }
  await page.getByTestId('form-review').click();
  // A form that stays put shows why: the test fails with the kiosk's own words, not a timeout.
  const summary = page.getByTestId('form-error-summary');
  await expect.poll(async () => !path(page).startsWith('/form/') || (await summary.isVisible()), { timeout: 20_000 }).toBe(true);
  if (path(page).startsWith('/form/')) throw new Error(`the form was not accepted: ${await summary.innerText()}`);
}

/** Walks whatever screen comes next until the filing is answered. */
async function walk(page: Page, filing: Filing): Promise<void> {
  const flowAnswers = [...(filing.flow ?? [])];
  for (let step = 0; step < 20; step++) {
    const screen = page.locator(
      [
        '[data-testid="identify-continue"]',
        '[data-testid="flow-question"]',
        '[data-testid="flow-to-form"]',
        '[data-testid="form-review"]',
        '[data-testid="review-confirm"]',
        '[data-testid="ecert-continue"]',
        '[data-testid="submit-send"]',
        '[data-testid="submit-outcome"]',
      ].join(', '),
    );
    await screen.first().waitFor({ timeout: 30_000 });
    const at = path(page);
    if (await page.getByTestId('submit-outcome').isVisible()) return;
    if (at === '/identify') {
      await identify(page, filing);
    } else if (await page.getByTestId('flow-question').isVisible()) {
      const answer = flowAnswers.shift();
      expect(answer, `an answer for the flow question on ${at}`).toBeDefined();
      await page.getByTestId(`flow-option-${answer}`).click();
      await page.getByTestId('flow-question').or(page.getByTestId('flow-to-form')).first().waitFor();
      continue;
    } else if (await page.getByTestId('flow-to-form').isVisible()) {
      await page.getByTestId('flow-to-form').click();
    } else if (at.startsWith('/form/')) {
      await page.getByTestId('field-agentName-prefilled').or(page.getByTestId('field-operatorName-prefilled')).first().waitFor();
      await fillForm(page, filing);
    } else if (await page.getByTestId('review-confirm').isVisible()) {
      await page.getByTestId('review-confirm').click();
    } else if (await page.getByTestId('ecert-continue').isVisible()) {
      await page.getByTestId('ecert-continue').click();
    } else if (await page.getByTestId('submit-send').isVisible()) {
      // 告知承诺 items ask for the person's pledge before they can send.
      const pledge = page.getByTestId('commitment-confirm');
      if ((await pledge.isVisible()) && !(await pledge.isChecked())) await pledge.click();
      await page.getByTestId('submit-send').click();
      await page.getByTestId('submit-outcome').waitFor({ timeout: 30_000 });
      return;
    }
    await expect.poll(() => path(page), { timeout: 20_000 }).not.toBe(at);
  }
  throw new Error('the filing did not finish in 20 screens');
}

/** 身份核验: the card placed (not a tap), then the enterprise and the role as the screen offers them. */
async function identify(page: Page, filing: Filing): Promise<void> {
  await expect.poll(() => page.getByTestId('identify-person').textContent(), { timeout: 20_000 }).toContain('黄*试');
  if (filing.enterprise) {
    // The platform links the card holder to their enterprises: one tap, nothing typed.
    await page.getByTestId(`linked-enterprise-${filing.enterprise}`).click();
    await expect.poll(() => page.getByTestId('identify-enterprise').textContent(), { timeout: 15_000 }).toContain(filing.enterprise);
  }
  const role = page.getByTestId(`role-${filing.role}`);
  if ((await role.getAttribute('aria-checked')) !== 'true') await role.click();
  await page.getByTestId('identify-continue').click();
}

describe('taps per sample filing, from the home screen, on the touchscreen', { timeout: 600_000 }, () => {
  it.each(FILINGS.map((f) => [f.code, f] as const))('%s', async (_code, filing) => {
    await removeCard(env.sims);
    const page = await openCounting();
    await insertCard(env.sims, 'valid');
    const before = (await receivedApplications(env.platform)).length;

    await page.getByTestId(`stage-${filing.stage}`).click();
    await page.getByTestId('search-hit').filter({ hasText: filing.title }).first().click();
    await page.getByTestId('item-start').click();
    await walk(page, filing).catch(async (e: unknown) => {
      // Where the walk stopped, in the kiosk's words, so a failure reads as a screen, not a selector.
      const shown = (await page.locator('main').innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 600);
      throw new Error(`${filing.code} stopped on ${path(page)}: ${shown}`, { cause: e });
    });

    expect(await page.getByTestId('submit-outcome').getAttribute('data-status')).toMatch(/^(delivered|accepted|approved)$/);
    await expect.poll(async () => (await receivedApplications(env.platform)).length, { timeout: 30_000 }).toBe(before + 1);
    const filed = (await receivedApplications(env.platform)).at(-1)!;
    expect(filed.itemCode).toBe(filing.code);

    const n = await taps(page);
    const keys = await page.evaluate(() => (window as unknown as { __keys: number }).__keys);
    counted.push({ code: filing.code, taps: n, keys });
    if (filing.enterprise) expect(n, `${filing.code} took ${n} taps`).toBeLessThanOrEqual(TAP_CEILING);
    await page.context().close();
  });
});
