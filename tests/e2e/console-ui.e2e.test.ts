import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, LANDSCAPE, launchChromium, screenshot } from './support/browser';
import { projectRoot, startKiosk, type KioskProcess } from './support/kiosk-process';
import { waitUntil } from './support/simulators';

/**
 * The console as an operator uses it: `npm run console`'s program (embedded PostgreSQL), Chromium, and
 * a real kiosk. Every screen passes axe in zh-CN, the kiosk list in English too; an operator enrols
 * the kiosk by its pairing code, restarts its screen from the console, drafts a rollout; a viewer sees
 * no publishing controls. Screenshots go to tests/artifacts/console-*.png.
 */
const TOKEN = 'console-ui-technician-token';
const ADMIN = 'admin ui password';
let consoleProcess: ChildProcess;
let consoleUrl = '';
let kiosk: KioskProcess;
let browser: Browser;
let page: Page;
let output = '';

const withoutServer = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => Object.fromEntries(Object.entries(env).filter(([k]) => k !== 'FLEET_DATABASE_URL'));

async function startConsoleProgram(): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-ui-'));
  consoleProcess = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'console/server/cli.ts')], {
    cwd: projectRoot,
    // The embedded database, whatever the environment of the test run names.
    env: { ...withoutServer(process.env), CONSOLE_PORT: '0', CONSOLE_DATA_DIR: dataDir, CONSOLE_ADMIN_PASSWORD: ADMIN, CONSOLE_BEAT_SECONDS: '2' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  consoleProcess.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  consoleProcess.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  let exited: number | null = null;
  consoleProcess.on('exit', (code) => (exited = code ?? -1));
  const url = await waitUntil(() => exited !== null || /Console ready at (http:\/\/127\.0\.0\.1:\d+)\n/.exec(output)?.[1], 120_000, 'the console program to be ready');
  if (typeof url !== 'string') throw new Error(`the console program exited (${exited}):\n${output}`);
  return url;
}

const fleetStatus = async (): Promise<{ state: string; pairingCode: string | null }> => {
  const res = await fetch(`${kiosk.url}/api/fleet.status`, { method: 'POST', headers: { origin: kiosk.url, 'content-type': 'application/json', 'x-kiosk-technician': TOKEN }, body: '{}' });
  return ((await res.json()) as { value: { state: string; pairingCode: string | null } }).value;
};

/** One console screen as an operator meets it: axe finds nothing serious, and a screenshot is kept. */
async function screen(name: string): Promise<void> {
  await page.locator('h2').first().waitFor();
  await expectAccessible(page, name);
  await screenshot(page, `console-${name}`);
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(projectRoot, 'dist', 'console', 'index.html'))) throw new Error('console UI not built: run "npm run build:console" (npm test does it)');
  [consoleUrl, browser] = await Promise.all([startConsoleProgram(), launchChromium()]);
  kiosk = await startKiosk({ KIOSK_FLEET_URL: consoleUrl, KIOSK_TECHNICIAN_TOKEN: TOKEN, KIOSK_ID: 'ui-kiosk-1', KIOSK_IDLE_SECONDS: '600' });
  page = await (await browser.newContext({ viewport: LANDSCAPE, locale: 'zh-CN' })).newPage();
  // The embedded PostgreSQL's first start in a new data directory runs initdb: tens of seconds on two busy cores.
}, 180_000);
// What the console program said, when a step failed: its log names a refused call or a slow database.
afterEach((context) => {
  if (context.task.result?.state === 'fail') console.error(`console program output:\n${output.slice(-4000)}`);
});
afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
  consoleProcess?.kill('SIGTERM');
});

describe('the fleet console in a browser', () => {
  it('signs an operator in and enrols a kiosk by the pairing code it shows', async () => {
    expect(await (await fetch(`${consoleUrl}/healthz`)).json()).toMatchObject({ database: 'pglite' });
    await page.context().clearCookies(); // a second run of this test signs in again
    await page.goto(`${consoleUrl}/`);
    await screen('sign-in');
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill(ADMIN);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('heading', { name: '终端', exact: true }).waitFor();

    await page.getByRole('link', { name: '大厅' }).click();
    // The halls screen is there (and has loaded its list) before anything is typed into it.
    await page.getByRole('heading', { name: '大厅', exact: true }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: '保存大厅' }).isEnabled()).toBe(true);
    await page.getByLabel('编号').fill('nanhai');
    await page.getByLabel('名称').fill('南海区政务服务中心');
    await page.getByRole('button', { name: '保存大厅' }).click();
    // Saved, or the screen's own words for why not (which then fail the test by name).
    await page.getByRole('status').or(page.getByRole('alert')).first().waitFor();
    expect(await page.getByRole('alert').count(), await page.getByRole('alert').allTextContents().then((t) => t.join(' '))).toBe(0);
    await page.getByRole('cell', { name: '南海区政务服务中心' }).waitFor();
    await screen('halls');

    const code = await waitUntil(async () => { const s = await fleetStatus(); return s.state === 'pending' && typeof s.pairingCode === 'string' ? s.pairingCode : null; }, 30_000, 'the kiosk waiting for approval');
    await page.getByRole('link', { name: '接入审批' }).click();
    await page.getByRole('cell', { name: 'ui-kiosk-1' }).waitFor();
    await screen('enrol');
    await page.getByLabel('配对码').fill(code);
    await page.getByLabel('放入大厅').selectOption('nanhai');
    await page.getByLabel('终端名称（可选）').fill('一楼大厅 1 号机');
    await page.getByRole('button', { name: '批准接入' }).click();
    await page.getByText('终端 ui-kiosk-1 已接入').waitFor();

    await page.getByRole('link', { name: '终端', exact: true }).click();
    const row = page.locator('tr[data-kiosk="ui-kiosk-1"]');
    await expect.poll(async () => {
      await page.getByRole('button', { name: '筛选' }).click();
      return row.locator('.badge').textContent();
    }, { timeout: 30_000 }).toBe('正常');
    await expect.poll(() => page.getByTestId('fleet-summary').textContent()).toBe('共 1 台：正常 1，注意 0，故障 0');
    await screen('kiosks');
  });

  it('restarts the kiosk\'s screen from the console: the command is done once a fresh renderer started', async () => {
    const kioskPage = await (await browser.newContext({ viewport: LANDSCAPE })).newPage();
    await kioskPage.goto(kiosk.url);
    await kioskPage.locator('h1').first().waitFor({ timeout: 30_000 });
    await kioskPage.evaluate(() => ((window as unknown as { beforeRestart: boolean }).beforeRestart = true));

    await page.getByRole('link', { name: '一楼大厅 1 号机 (ui-kiosk-1)' }).click();
    await page.getByRole('heading', { name: /一楼大厅 1 号机/ }).waitFor();
    await screen('kiosk');
    await page.getByLabel('指令').selectOption('restart-renderer');
    await page.getByRole('button', { name: '发送指令' }).click();
    await page.getByText('指令已排队，将随下一次上报送达').waitFor();
    await expect.poll(async () => {
      await page.reload();
      return page.locator('[data-testid="command-table"] tr[data-command-state]').first().getAttribute('data-command-state');
    }, { timeout: 30_000 }).toBe('done');
    // The page the kiosk showed was loaded anew.
    await kioskPage.locator('h1').first().waitFor();
    expect(await kioskPage.evaluate(() => (window as unknown as { beforeRestart?: boolean }).beforeRestart ?? false)).toBe(false);
    await kioskPage.context().close();
  });

  it('drafts a rollout, shows alerts and the audit log, and speaks English', async () => {
    await page.getByRole('link', { name: '分批发布' }).click();
    await page.getByLabel('版本').fill('9');
    await page.getByRole('checkbox', { name: '南海区政务服务中心' }).check();
    await page.getByRole('button', { name: '保存为草稿' }).click();
    await page.locator('tr[data-state="draft"]').first().waitFor();
    await expect.poll(() => page.locator('tr[data-state="draft"]').first().locator('button').allTextContents()).toEqual(['开始发布']);
    await screen('rollouts');
    await page.getByRole('link', { name: '告警' }).click();
    await screen('alerts');
    await page.getByRole('link', { name: '审计日志' }).click();
    await page.getByTestId('audit-table').getByText('kiosk.approve').waitFor();
    await screen('audit');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Kiosks' }).click();
    await page.getByRole('heading', { name: 'Kiosks' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expect.poll(() => page.getByTestId('fleet-summary').textContent()).toBe('1 kiosks: 1 OK, 0 attention, 0 fault');
    await screen('kiosks-en');
    await page.getByRole('button', { name: '中文' }).click();
  });

  it('shows a viewer no publishing controls', async () => {
    await page.getByRole('link', { name: '操作员' }).click();
    await page.getByLabel('用户名').fill('li.viewer');
    await page.getByLabel('密码（至少 12 位）').fill('viewer password 1');
    await page.getByRole('button', { name: '添加操作员' }).click();
    await page.getByRole('cell', { name: 'li.viewer' }).waitFor();
    await screen('operators');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('heading', { name: '登录终端管理平台' }).waitFor();
    await page.getByLabel('用户名').fill('li.viewer');
    await page.getByLabel('密码').fill('viewer password 1');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('heading', { name: '终端', exact: true }).waitFor();
    await page.getByRole('link', { name: '分批发布' }).click();
    await page.locator('tr[data-state="draft"]').first().waitFor();
    expect(await page.getByRole('button', { name: '保存为草稿' }).count()).toBe(0);
    expect(await page.locator('tr[data-state="draft"] button').count()).toBe(0);
    expect(await page.getByRole('link', { name: '操作员' }).count()).toBe(0);
    await screen('rollouts-viewer');
  });
});
