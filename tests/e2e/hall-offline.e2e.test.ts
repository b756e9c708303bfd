import { createPrivateKey, createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LANDSCAPE } from './support/browser';
import { checkHallScreen, identify, navigate } from './support/hall';
import { startJourneyEnv, type JourneyEnv } from './support/journey-env';
import { reviewToSubmit } from './support/journey-steps';
import { startKiosk, type KioskProcess } from './support/kiosk-process';
import { platformDown, platformFault, platformRecords, platformUp } from './support/platform';
import { printerStatus, readSimulators, removeCard, unwrapped, waitForPrint, waitUntil, type Simulators } from './support/simulators';

/**
 * Points 2 and 4 of the field report: a filing made while the platform is down is not presented as
 * accepted (a 暂存凭条 that says what it is), the kiosk says when it arrives, and its real receipt is
 * printed by the slip number at another kiosk; 取号 goes on with the platform down (numbers from the
 * kiosk's own range, reconciled later) and waits, saying so, for a platform that is only slow.
 */
const CREDIT_CODE = '91440605MA4UL2K84H';
const ITEM = 'NH-AMR-0304'; // 仅销售预包装食品备案

let env: JourneyEnv;
let sims: Simulators;
let other: KioskProcess | null = null;
beforeAll(async () => {
  env = await startJourneyEnv();
  ({ sims } = env);
}, 120_000);
afterEach(async () => {
  await Promise.all([removeCard(sims), platformUp(env.platform)]);
});
afterAll(async () => {
  await other?.stop();
  await env?.stop();
});

/** A second kiosk of the same hall, on the same platform (its key registered there as a real platform would). */
async function secondKiosk(): Promise<{ kiosk: KioskProcess; sims: Simulators }> {
  // A deployment names the public pages its QR codes open (here the platform simulator's).
  const kiosk = await startKiosk({ KIOSK_PLATFORM_URL: env.platform.url, KIOSK_PUBLIC_URL: `${env.platform.url}/public`, KIOSK_ID: 'kiosk-hall-b', KIOSK_IDLE_SECONDS: '600' });
  const pem = fs.readFileSync(path.join(kiosk.dataDir, 'platform', 'kiosk-signing.pem'));
  const publicKeySpkiBase64 = createPublicKey(createPrivateKey(pem)).export({ format: 'der', type: 'spki' }).toString('base64');
  await fetch(`${env.platform.url}/_control/kiosks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kioskId: 'kiosk-hall-b', publicKeySpkiBase64 }) });
  const s = await readSimulators(kiosk.dataDir);
  await waitUntil(async () => {
    const h = (await (await fetch(`${kiosk.url}/healthz`)).json()) as { devices: { role: string; state: string }[] };
    return h.devices.find((d) => d.role === 'printer')?.state === 'ready';
  }, 60_000, 'the second kiosk’s printer is not ready');
  return { kiosk, sims: s };
}

async function fileUntilSubmit(page: Page): Promise<void> {
  await page.getByTestId('item-start').click({ timeout: 30_000 });
  await identify(page, sims, { role: 'agent', creditCode: CREDIT_CODE });
  await page.getByTestId('field-foodSafetyManager').fill('李测试', { timeout: 20_000 });
  await page.getByTestId('field-managerPhone').fill('13900139000');
  await page.getByTestId('field-agentPhone').fill('13800138000');
  await reviewToSubmit(page);
}

describe('a filing while the platform is down', { timeout: 300_000 }, () => {
  it('gets a 暂存凭条 that says what it is; the screen says when it arrives; the real receipt is printed by the slip at another kiosk', async () => {
    const page = await env.open(`/item/${ITEM}`);
    await fileUntilSubmit(page);
    await platformDown(env.platform);
    const before = (await printerStatus(sims)).printed;
    await page.getByTestId('submit-send').click();
    const outcome = page.getByTestId('submit-outcome');
    await expect.poll(() => outcome.getAttribute('data-status'), { timeout: 30_000 }).toBe('queued');
    expect(await page.locator('h1').textContent()).toContain('尚未提交');
    expect(await page.locator('h1').textContent()).not.toContain('申请已提交');
    const slip = (await page.getByTestId('slip-number').textContent())!.trim();
    expect(slip).toMatch(/^[0-9A-Z]{6}-\d{6}-\d{4}$/);
    const slipPaper = await waitForPrint(sims, before);
    const paper = unwrapped(slipPaper.text);
    expect(paper).toContain('暂存凭条');
    expect(paper).toContain('本凭条不是受理回执');
    expect(paper).toContain(`暂存编号${slip}`);
    expect(paper).not.toContain('申请受理回执');
    expect(paper).not.toMatch(/办件编号待发送|承诺时限当场办结/);
    expect(slipPaper.qr.some((q) => q.endsWith(`/progress?slip=${slip}`))).toBe(true);
    await checkHallScreen(page, 'hall-submit-queued-slip');

    await platformUp(env.platform);
    await page.getByTestId('delivered-notice').waitFor({ timeout: 60_000 });
    const number = (await page.getByTestId('application-number').textContent())!.trim();
    expect(await page.getByTestId('delivered-notice').textContent()).toContain(number);
    const printed = (await printerStatus(sims)).printed;
    await page.getByTestId('print-real-receipt').click();
    const here = unwrapped((await waitForPrint(sims, printed)).text);
    expect(here).toContain('申请受理回执');
    expect(here).toContain(number);
    await checkHallScreen(page, 'hall-submit-delivered-notice');
    await page.context().close();

    // Another kiosk of the hall finds it by the slip and prints the same receipt.
    other = (await secondKiosk()).kiosk;
    const otherSims = await readSimulators(other.dataDir);
    const elsewhere = await (await env.browser.newContext({ viewport: LANDSCAPE })).newPage();
    await elsewhere.goto(`${other.url}/progress`);
    await elsewhere.getByTestId('progress-input').fill(slip.toLowerCase(), { timeout: 30_000 });
    await elsewhere.getByTestId('progress-submit').click();
    await expect.poll(() => elsewhere.getByTestId('progress-result').getAttribute('data-status'), { timeout: 20_000 }).toBe('accepted');
    const otherBefore = (await printerStatus(otherSims)).printed;
    await elsewhere.getByTestId('progress-reprint').click();
    const reprinted = unwrapped((await waitForPrint(otherSims, otherBefore)).text);
    expect(reprinted).toContain('申请受理回执');
    expect(reprinted).toContain(`办件编号${number}`);
    expect(reprinted).toContain(`暂存编号：${slip}`);
    // The same list of what is still to provide as the paper printed here.
    const list = (text: string) => text.slice(text.indexOf('还需提供的材料'), text.indexOf('扫描下方二维码'));
    expect(list(reprinted)).toBe(list(here));
    await checkHallScreen(elsewhere, 'hall-progress-reprint');
    await elsewhere.context().close();
  });
});

describe('取号 when the platform is down or slow', { timeout: 180_000 }, () => {
  it('with the platform down: a number from the kiosk’s own range, bound to the card, with who waits; reconciled when it is back', async () => {
    const page = await env.open('/identify');
    await identify(page, sims, { role: 'agent', creditCode: CREDIT_CODE });
    await navigate(page, '/queue');
    await platformDown(env.platform);
    const before = (await printerStatus(sims)).printed;
    await page.getByTestId('queue-take').click({ timeout: 20_000 });
    const ticket = page.getByTestId('queue-ticket');
    await ticket.waitFor({ timeout: 30_000 });
    expect(await ticket.getAttribute('data-source')).toBe('kiosk');
    const number = (await page.getByTestId('ticket-number').textContent())!.trim();
    expect(number).toMatch(/^A9\d\d$/);
    expect(await page.getByTestId('ticket-waiting').textContent()).toMatch(/\d/);
    await page.getByTestId('ticket-bound').waitFor();
    expect(unwrapped((await waitForPrint(sims, before)).text)).toContain('离线取号');
    await checkHallScreen(page, 'hall-queue-offline');

    await platformUp(env.platform);
    await waitUntil(async () => (await platformRecords(env.platform)).tickets.some((t) => t.ticketNumber === number && t.reconciled === true), 30_000, 'the kiosk’s number was not reconciled');
    await page.context().close();
  });

  it('with the platform slow (8 s): "still trying", then the platform’s own number', async () => {
    const page = await env.open('/queue');
    await platformFault(env.platform, { mode: 'slow', delayMs: 8_000, pathPrefix: '/v1/queue/tickets' });
    await page.getByTestId('queue-take').click({ timeout: 20_000 });
    await page.getByTestId('queue-still-trying').waitFor({ timeout: 8_000 });
    await checkHallScreen(page, 'hall-queue-still-trying');
    const ticket = page.getByTestId('queue-ticket');
    await ticket.waitFor({ timeout: 30_000 });
    expect(await ticket.getAttribute('data-source')).toBe('platform');
    await page.context().close();
  });
});
