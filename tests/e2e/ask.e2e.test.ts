import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callAsPage, expectAccessible, expectTouchTargets, LANDSCAPE, launchChromium, PORTRAIT, screenshot } from './support/browser';
import { startKiosk, type KioskProcess } from './support/kiosk-process';

/**
 * 智能导办 as a person at the kiosk meets it: a sentence typed into the home search or into 问一问
 * finds the item or 一件事 package with why; an ambiguous one is asked back and answered by a tap;
 * one that finds nothing offers 帮办 and 办不成事反映, and is kept for technicians without the
 * person's phone number. Every screen passes axe in normal, large-font and high-contrast modes.
 */
let kiosk: KioskProcess;
let browser: Browser;

beforeAll(async () => {
  [kiosk, browser] = await Promise.all([startKiosk(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

async function open(pathname: string, viewport: { width: number; height: number } = LANDSCAPE): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${kiosk.url}${pathname}`);
  await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 60_000 });
  return page;
}

/** axe in the three display modes, touch targets, and a screenshot of each. */
async function checkModes(page: Page, name: string): Promise<void> {
  await expectAccessible(page, name);
  await expectTouchTargets(page);
  await screenshot(page, name);
  await page.getByTestId('toggle-large-font').click();
  await expectAccessible(page, `${name} (large font)`);
  await screenshot(page, `${name}-large-font`);
  await page.getByTestId('toggle-contrast').click();
  await expectAccessible(page, `${name} (large font, high contrast)`);
  await screenshot(page, `${name}-high-contrast`);
  await page.getByTestId('toggle-contrast').click();
  await page.getByTestId('toggle-large-font').click();
}

const refs = (page: Page) => page.getByTestId('ask-result').evaluateAll((els) => els.map((e) => e.getAttribute('data-ref')));
const whyOf = (page: Page, ref: string) => page.locator(`[data-testid="ask-result"][data-ref="${ref}"] [data-testid="ask-why"]`).allTextContents();

describe('智能导办 in Chromium', { timeout: 240_000 }, () => {
  it('the home search takes a sentence: “我想开个奶茶店” puts the restaurant package and the food licence first and says why', async () => {
    const page = await open('/');
    await page.getByTestId('home-search-input').fill('我想开个奶茶店');
    await page.getByTestId('home-search-submit').click();
    await page.getByTestId('search-answer').waitFor();
    await expect.poll(() => refs(page)).toEqual(expect.arrayContaining(['pkg_open_restaurant', 'NH-AMR-0301']));
    expect((await refs(page))[0]).toBe('pkg_open_restaurant');
    expect(await whyOf(page, 'NH-AMR-0301')).toContain('您说的“奶茶店”属于餐饮服务，通常需要办理“食品经营许可（新办）”');
    expect(await page.getByTestId('not-found-help-call').isVisible()).toBe(true);
    await checkModes(page, 'ask-home-sentence');
    // The result opens the item's guide.
    await page.locator('[data-testid="ask-result"][data-ref="NH-AMR-0301"] [data-testid="ask-result-link"]').click();
    await expect.poll(() => page.getByTestId('item-title').textContent()).toBe('食品经营许可（新办）');
    await page.context().close();
  });

  it('问一问 asks back when the sentence is ambiguous, and one tap answers it', async () => {
    const page = await open('/');
    await page.getByTestId('home-ask').click();
    await page.getByTestId('ask-examples').waitFor();
    await checkModes(page, 'ask-start');
    await page.getByTestId('ask-input').fill('我想开个店');
    await page.getByTestId('ask-submit').click();
    const clarify = page.getByTestId('ask-clarify');
    await clarify.waitFor();
    expect(await clarify.textContent()).toContain('您要开什么店？');
    await checkModes(page, 'ask-clarify');
    await page.getByTestId('ask-option-food').click();
    await expect.poll(() => refs(page).then((r) => r[0])).toBe('pkg_open_restaurant');
    expect(await page.getByTestId('ask-clarify').count()).toBe(0);
    expect((await whyOf(page, 'NH-AMR-0301'))[0]).toMatch(/^您选择了“卖吃的（餐饮）”，属于餐饮服务/);
    await checkModes(page, 'ask-answered');
    await page.context().close();
  });

  it('a sentence that finds nothing offers 帮办 and 办不成事反映, and is kept for technicians without the phone number', async () => {
    const page = await open('/ask', PORTRAIT);
    await page.getByTestId('ask-input').fill('今天天气怎么样，我电话13812345678');
    await page.getByTestId('ask-submit').click();
    await page.getByTestId('ask-none').waitFor();
    expect(await page.getByTestId('ask-result').count()).toBe(0);
    await checkModes(page, 'ask-not-found');
    await page.getByTestId('not-found-feedback').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/feedback');
    await page.goBack();
    await page.getByTestId('not-found-help-call').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/help');

    // Only a technician reads them: the page itself is refused.
    expect((await callAsPage(page, 'content.unfoundSentences', {})).error?.code).toBe('forbidden');
    const token = fs.readFileSync(path.join(kiosk.dataDir, 'technician.token'), 'utf8').trim();
    const res = await fetch(`${kiosk.url}/api/content.unfoundSentences`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: kiosk.url, 'x-kiosk-technician': token },
      body: JSON.stringify({}),
    });
    const body = (await res.json()) as { ok: boolean; value: { sentences: { text: string; count: number }[] } };
    expect(body.value.sentences.map((s) => s.text)).toContain('今天天气怎么样,我电话[phone]');
    expect(JSON.stringify(body.value)).not.toContain('13812345678');
    await page.context().close();
  });

  it('in English, an English sentence finds the package with English names and reasons', async () => {
    const page = await open('/ask');
    await page.getByTestId('toggle-language').click();
    await page.getByTestId('ask-input').fill('I want to open a restaurant');
    await page.getByTestId('ask-submit').click();
    await expect.poll(() => refs(page).then((r) => r[0])).toBe('pkg_open_restaurant');
    expect(await page.locator('[data-testid="ask-result"][data-ref="pkg_open_restaurant"] [data-testid="ask-result-link"]').textContent()).toContain('Open a restaurant in one go');
    expect(await whyOf(page, 'NH-AMR-0301')).toContain('You said “restaurant”: that is food service, which usually needs “Food business licence (new)”');
    await checkModes(page, 'ask-english');
    await page.context().close();
  });
});
