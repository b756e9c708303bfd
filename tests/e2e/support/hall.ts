import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectAccessible, expectScreen, screenshot } from './browser';
import { insertCard, liftCard, type Simulators } from './simulators';

/**
 * Steps and checks of the hall e2e tests (materials, offline, authority, rating loop, my cases): one
 * screen as a person meets it in normal, large-font and high-contrast modes.
 */
export async function checkHallScreen(page: Page, name: string): Promise<void> {
  await expectScreen(page, name);
  await page.evaluate(() => document.documentElement.classList.add('high-contrast'));
  await expectAccessible(page, `${name} (high contrast)`);
  await screenshot(page, `${name}-high-contrast`);
  await page.evaluate(() => document.documentElement.classList.remove('high-contrast'));
}

export const pathOf = (page: Page): string => new URL(page.url()).pathname;

/** Goes to a screen inside the app, as its links do (a page load would start a new visit). */
export const navigate = (page: Page, to: string): Promise<void> =>
  page.evaluate(async (target) => {
    const app = (document.querySelector('#app') as unknown as { __vue_app__: { config: { globalProperties: Record<string, unknown> } } }).__vue_app__;
    await (app.config.globalProperties.$router as { push(p: string): Promise<unknown> }).push(target);
  }, to);

/** 身份核验 with the sample card, in a role, with or without an enterprise (a new company has none). */
export async function identify(page: Page, sims: Simulators, o: { role: 'agent' | 'legal_rep'; creditCode?: string }): Promise<void> {
  // The reader polls: it sees the previous card leave before the next one arrives.
  await liftCard(sims);
  await insertCard(sims, 'valid');
  await expect.poll(() => page.getByTestId('identify-person').textContent(), { timeout: 20_000 }).toContain('黄*试');
  if (o.creditCode) {
    await page.getByTestId('credit-code-input').fill(o.creditCode);
    await page.getByTestId('credit-code-submit').click();
    await page.getByTestId('identify-enterprise').waitFor({ timeout: 15_000 });
  }
  await page.getByTestId(`role-${o.role}`).click();
  await page.getByTestId('identify-continue').click();
  // Continue confirms with the services first, then moves on: wait for the move, as a person would.
  await expect.poll(() => pathOf(page), { timeout: 20_000 }).not.toBe('/identify');
}

/** What a phone shows when it opens a QR code's address (the platform's public page), as text. */
export async function phoneOpens(url: string): Promise<string> {
  const res = await fetch(url);
  const html = await res.text();
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}
