import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectScreen, LANDSCAPE, launchChromium } from './support/browser';
import { kioskApi, projectRoot, startKiosk, type KioskProcess } from './support/kiosk-process';
import { connectPlatform, platformDown, platformFault, platformUp, type PlatformSim } from './support/platform';
import { insertCard, lastPrinted, removeCard, printerStatus, readSimulators, scanCode, setPrinter, simControl, waitUntil, type Simulators } from './support/simulators';

/**
 * A hall technician at a kiosk, in Chromium against the Node host with its simulators (real programs on
 * PTYs): the hidden gesture and the PIN (set at install with kiosk-admin; wrong PINs lock with a growing
 * backoff), probing and assigning the devices under their by-id names, each self-test against the
 * simulators, and diagnostics showing a printer out of paper, a platform down and a clock off, with
 * dead letters retried and discarded and one export to a USB stick.
 */
const PIN = '385172';
let kiosk: KioskProcess;
let browser: Browser;
let sims: Simulators;
let platform: PlatformSim;
let page: Page;
let root: string;
let byId: string;
let usb: string;

const ROLES = ['idReader', 'printer', 'pad', 'scanner'] as const;
const link = (role: string): string => path.join(byId, `usb-KIOSK-SIM_${role}_SIM000${ROLES.indexOf(role as never) + 1}-if00-port0`);

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-admin-e2e-'));
  const dataDir = path.join(root, 'data');
  byId = path.join(root, 'serial', 'by-id');
  usb = path.join(root, 'media', 'KIOSK-USB');
  fs.mkdirSync(byId, { recursive: true });
  fs.mkdirSync(usb, { recursive: true });
  // udev's by-id names for the four devices: links to the PTYs the simulators will sit on.
  for (const role of ROLES) fs.symlinkSync(path.join(dataDir, 'pty', `${role}.host`), link(role));
  // The install step: no default PIN, the installer sets one.
  execFileSync(process.execPath, [path.join(projectRoot, 'dist', 'node', 'kiosk-admin.mjs'), 'set-pin', '--data-dir', dataDir], { input: `${PIN}\n` });
  [kiosk, browser] = await Promise.all([
    startKiosk(
      {
        KIOSK_DEVICES_FAST: '1',
        KIOSK_ADMIN_LOCKOUT_SECONDS: '2',
        KIOSK_SERIAL_BY_ID_DIR: byId,
        KIOSK_SERIAL_BY_PATH_DIR: path.join(root, 'serial', 'by-path'),
        KIOSK_EXPORT_ROOTS: path.join(root, 'media'),
        KIOSK_IDLE_SECONDS: '600',
      },
      dataDir,
    ),
    launchChromium(),
  ]);
  [sims, platform] = await Promise.all([readSimulators(kiosk.dataDir), connectPlatform(kiosk.url)]);
  page = await (await browser.newContext({ viewport: LANDSCAPE })).newPage();
  await page.goto(kiosk.url);
  await page.locator('h1').first().waitFor({ timeout: 30_000 });
});
afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

type Health = { devices: Array<{ role: string; state: string; port?: string; condition?: string }> };
const health = async (): Promise<Health> => (await (await fetch(`${kiosk.url}/healthz`)).json()) as Health;

/** Five taps in the bottom-left corner, where nothing is drawn. */
async function gesture(): Promise<void> {
  const { height } = page.viewportSize()!;
  for (let i = 0; i < 5; i++) await page.mouse.click(12, height - 12);
}
async function typePin(pin: string): Promise<void> {
  for (const d of pin) await page.getByTestId(`admin-pin-${d}`).click();
  await page.getByTestId('admin-pin-enter').click();
}
/** Normal and large-font (expectScreen) and high-contrast. */
async function checkScreen(name: string): Promise<void> {
  await expectScreen(page, name);
  await page.evaluate(() => document.documentElement.classList.add('high-contrast'));
  await expectAccessible(page, `${name} (high contrast)`);
  await page.evaluate(() => document.documentElement.classList.remove('high-contrast'));
}
const message = (): Promise<string> => page.getByTestId('admin-login-message').innerText();

describe('admin mode in Chromium', { timeout: 240_000 }, () => {
  it('opens with the hidden gesture and the PIN; wrong PINs lock it, each lockout longer than the last', async () => {
    await gesture();
    await page.getByTestId('admin-login').waitFor();
    await checkScreen('admin-login');

    await typePin('000001');
    await expect.poll(message).toContain('还可再试 2 次');
    await typePin('000002');
    await typePin('000003');
    await expect.poll(message).toMatch(/请 2 秒后再试/);
    // Locked: the pad takes nothing, the right PIN included, until the lockout ends.
    expect(await page.getByTestId('admin-pin-3').isDisabled()).toBe(true);
    await expect.poll(() => page.getByTestId('admin-pin-3').isDisabled(), { timeout: 10_000 }).toBe(false);
    for (const wrong of ['000004', '000005', '000006']) await typePin(wrong);
    await expect.poll(message).toMatch(/请 [34] 秒后再试/);
    await page.screenshot({ path: path.join(projectRoot, 'tests', 'artifacts', 'admin-login-locked.png') });
    await expect.poll(() => page.getByTestId('admin-pin-3').isDisabled(), { timeout: 10_000 }).toBe(false);
    await typePin(PIN);
    await page.getByTestId('admin').waitFor();
  });

  it('probes the ports, finds the reader, printer and pad, and saves the assignment under the by-id names', async () => {
    await page.getByTestId('admin-probe').click();
    const answered = page.locator('[data-testid="admin-port"][data-answered]:not([data-answered=""])');
    await expect.poll(() => answered.count(), { timeout: 30_000 }).toBe(3);
    expect((await answered.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-answered')))).sort()).toEqual(['idReader', 'pad', 'printer']);
    await checkScreen('admin-devices-probed');

    await page.getByTestId('admin-use-probe').click();
    // The scanner never answers a probe: the technician picks its port by hand.
    await page.getByTestId('admin-assign-scanner-path').selectOption(link('scanner'));
    await page.getByTestId('admin-assign-scanner-baud').selectOption('9600');
    for (const role of ROLES) expect(await page.getByTestId(`admin-assign-${role}-path`).inputValue()).toBe(link(role));
    await page.getByTestId('admin-assign-save').click();
    await expect.poll(() => page.getByTestId('admin-assign-status').innerText()).toContain('已保存 4 台设备');

    // The drivers now run on the saved by-id names, and every device answers there.
    await expect
      .poll(async () => (await health()).devices.map((d) => `${d.role}:${d.state}:${d.port}`).sort(), { timeout: 30_000 })
      .toEqual(ROLES.map((r) => `${r}:ready:${link(r)}`).sort());
    await expect.poll(() => page.locator('[data-testid="admin-device-status"] [data-state="ready"]').count()).toBe(4);
  });

  it('runs each self-test against the simulators', async () => {
    const result = page.getByTestId('admin-selftest-result');
    const outcome = (): Promise<string | null> => result.getAttribute('data-outcome');

    const printedBefore = (await printerStatus(sims)).printed;
    await page.getByTestId('admin-selftest-printer').click();
    await expect.poll(outcome, { timeout: 20_000 }).toBe('passed');
    expect(await page.getByTestId('admin-selftest-printer-answer').innerText()).toBe('打印机应答：已打印，状态：正常');
    await waitUntil(async () => (await printerStatus(sims)).printed > printedBefore, 10_000, 'no test receipt printed');
    const receipt = await lastPrinted(sims);
    expect(receipt.text).toContain('自助终端打印测试');
    expect(receipt.qr.some((q) => q.startsWith('kiosk-selftest:'))).toBe(true);
    expect((receipt.raw as { cut?: boolean }).cut).toBe(true);

    await page.getByTestId('admin-selftest-card').click();
    await expect.poll(() => result.innerText()).toContain('请把身份证放在阅读器上');
    await insertCard(sims, 'valid');
    await expect.poll(outcome, { timeout: 20_000 }).toBe('passed');
    const card = await page.getByTestId('admin-selftest-card-read').innerText();
    expect(card).toContain('黄*试');
    expect(card).toMatch(/\d{6}\*{8}\d{3}[\dX]/);
    // The technician's card opened no person's session: admin mode is still there.
    expect(await page.getByTestId('admin').isVisible()).toBe(true);
    // The technician takes the test card back: one left lying there is a person's card to the
    // reader the next time it reconnects, and a person's card ends admin mode.
    await removeCard(sims);

    await page.getByTestId('admin-selftest-pad').click();
    for (const key of [5, 4, 3, 2, 1]) {
      await expect.poll(() => page.getByTestId('admin-selftest-pad-waiting').getAttribute('data-key')).toBe(String(key));
      const state = await simControl<{ buttonTest: boolean; prompt: string }>(sims.url('pad'), 'GET', '/pad/state');
      expect(state.buttonTest).toBe(true);
      expect(state.prompt).toContain('按键测试');
      if (key === 3) await checkScreen('admin-selftest-pad');
      await simControl(sims.url('pad'), 'POST', '/pad/key', { key });
    }
    await expect.poll(outcome).toBe('passed');
    expect(await page.getByTestId('admin-selftest-pad-pressed').innerText()).toContain('5 4 3 2 1');
    expect((await simControl<{ buttonTest: boolean }>(sims.url('pad'), 'GET', '/pad/state')).buttonTest).toBe(false);

    await page.getByTestId('admin-selftest-scanner').click();
    await expect.poll(() => result.innerText()).toContain('请在扫码枪前出示');
    await scanCode(sims, 'SELFTEST-0123456789');
    await expect.poll(outcome).toBe('passed');
    expect(await page.getByTestId('admin-selftest-scan').innerText()).toContain('扫到 19 个字符');
  });

  it('diagnostics show a printer out of paper, a skewed clock and a platform down; dead letters are retried or discarded after asking', async () => {
    // Two filings the platform refuses for good: dead letters for the technician.
    await platformFault(platform, { mode: 'error', status: 422, pathPrefix: '/v1/feedback' });
    for (const text of ['办不成事一', '办不成事二']) {
      await kioskApi(kiosk, 'platform.feedback', { category: 'other', description: text, waitMs: 5000 });
    }
    await platformUp(platform);
    await setPrinter(sims, 'paper-out');
    await fetch(`${platform.url}/_control/clock`, { method: 'POST', body: JSON.stringify({ offsetMs: 5 * 60_000 }), headers: { 'content-type': 'application/json' } });

    await page.getByTestId('admin-tab-diagnostics').click();
    await page.getByTestId('diag-refresh').click();
    await expect.poll(() => page.locator('[data-testid="diag-devices"] [data-role="printer"]').getAttribute('data-condition'), { timeout: 20_000 }).toBe('paper-out');
    await expect.poll(() => page.getByTestId('diag-clock-skewed').isVisible()).toBe(true);
    const offset = Number(await page.locator('[data-testid="diag-clock"] [data-source="platform"]').getAttribute('data-offset'));
    expect(Math.abs(offset - 300_000)).toBeLessThan(5_000);
    await expect.poll(() => page.getByTestId('diag-dead-letter').count()).toBe(2);
    await checkScreen('admin-diagnostics');

    await platformDown(platform);
    await page.getByTestId('diag-refresh').click();
    await expect.poll(() => page.getByTestId('diag-platform-reachable').innerText(), { timeout: 20_000 }).toBe('无法连通');
    await platformUp(platform);
    await fetch(`${platform.url}/_control/clock`, { method: 'POST', body: JSON.stringify({ offsetMs: 0 }), headers: { 'content-type': 'application/json' } });

    // Retry one (asked first), discard the other (asked first, and cancelling asks nothing away).
    await page.getByTestId('diag-dead-retry').first().click();
    await page.getByTestId('admin-confirm').waitFor();
    await checkScreen('admin-confirm-retry');
    await page.getByTestId('admin-confirm-ok').click();
    await expect.poll(() => page.getByTestId('diag-dead-letter').count()).toBe(1);
    await page.getByTestId('diag-dead-discard').click();
    await page.getByTestId('admin-confirm-cancel').click();
    expect(await page.getByTestId('diag-dead-letter').count()).toBe(1);
    await page.getByTestId('diag-dead-discard').click();
    await page.getByTestId('admin-confirm-ok').click();
    await expect.poll(() => page.getByTestId('diag-dead-letter').count()).toBe(0);
    await setPrinter(sims, 'paper-back');
  });

  it('exports redacted logs and diagnostics as one file to the USB stick, with a QR code of the summary', async () => {
    await page.getByTestId('diag-export-target').first().click();
    await page.getByTestId('diag-export-go').click();
    await page.getByTestId('diag-summary-qr').waitFor();
    const files = fs.readdirSync(usb).filter((f) => f.endsWith('.tar.gz'));
    expect(files).toHaveLength(1);
    const tar = zlib.gunzipSync(fs.readFileSync(path.join(usb, files[0]!)));
    const text = tar.toString('utf8');
    for (const name of ['summary.txt', 'diagnostics.json', 'audit.jsonl', 'logs/kiosk.log']) expect(text).toContain(name);
    expect(text).toMatch(/devices\.selfTest/);
    // The test card's holder and number never reach the export.
    expect(text).not.toContain('黄测试');
    expect(text).not.toMatch(/44060519\d{10}/);
    await checkScreen('admin-export');

    // Leaving admin mode goes home, and the audit log kept what was done.
    await page.getByTestId('admin-tab-audit').click();
    await expect.poll(() => page.locator('[data-testid="admin-audit-entry"][data-action="devices.assign"]').count()).toBe(1);
    expect(await page.locator('[data-testid="admin-audit-entry"][data-action="admin.login"][data-outcome="wrong-pin"]').count()).toBe(6);
    await page.getByTestId('admin-logout').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
  });
});

describe('the assignment outlives a restart', { timeout: 120_000 }, () => {
  it('a restarted kiosk drives its devices on the saved by-id names at once', async () => {
    const env = {
      KIOSK_DEVICES_FAST: '1',
      KIOSK_SERIAL_BY_ID_DIR: byId,
      KIOSK_SERIAL_BY_PATH_DIR: path.join(root, 'serial', 'by-path'),
      KIOSK_EXPORT_ROOTS: path.join(root, 'media'),
    };
    await kiosk.stop();
    kiosk = await startKiosk(env, kiosk.dataDir);
    await expect
      .poll(async () => (await health()).devices.map((d) => `${d.role}:${d.state}:${d.port}`).sort(), { timeout: 30_000 })
      .toEqual(ROLES.map((r) => `${r}:ready:${link(r)}`).sort());
  });
});
