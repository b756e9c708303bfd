import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { insertCard, liftCard, type Simulators } from './simulators';

/**
 * Steps of the enterprise journey that many e2e tests walk through on the way to what they check,
 * done the way a person does them on screen.
 */

/** 身份核验 as 经办人 of `creditCode`: the sample card placed on the reader, the credit code typed. */
export async function identifyAsAgent(page: Page, sims: Simulators, creditCode: string): Promise<void> {
  // The reader polls: it sees the previous card leave before the next one arrives.
  await liftCard(sims);
  await insertCard(sims, 'valid');
  await expect.poll(() => page.getByTestId('identify-person').textContent(), { timeout: 20_000 }).toContain('黄*试');
  await page.getByTestId('credit-code-input').fill(creditCode);
  await page.getByTestId('credit-code-submit').click();
  await page.getByTestId('identify-enterprise').waitFor({ timeout: 15_000 });
  await page.getByTestId('role-agent').click();
  await page.getByTestId('identify-continue').click();
  // Continue confirms with the services first, then moves on: wait for the move, as a person would.
  await expect.poll(() => new URL(page.url()).pathname, { timeout: 20_000 }).not.toBe('/identify');
}

/** On the review screen: 确认 → (免证办 when offered, agreeing to nothing) → the submit screen. */
export async function confirmToSubmit(page: Page): Promise<void> {
  await page.getByTestId('review-confirm').click();
  // The 免证办 step shows only when the platform holds a certificate for the item: wait for whichever
  // screen comes (isVisible does not wait, so checking it at once raced the page).
  const ecert = page.getByTestId('ecert-continue');
  const send = page.getByTestId('submit-send');
  await ecert.or(send).first().waitFor({ timeout: 30_000 });
  if (await ecert.isVisible()) await ecert.click();
  await send.waitFor();
}

/** From a filled form: 下一步 → the review screen → the submit screen. */
export async function reviewToSubmit(page: Page): Promise<void> {
  await page.getByTestId('form-review').click();
  await expect.poll(() => new URL(page.url()).pathname).toBe('/review');
  await confirmToSubmit(page);
}
