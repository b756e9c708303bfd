import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, expectAccessible, expectScreen, LANDSCAPE, launchChromium } from './support/browser';
import { kioskApi, projectRoot, startKiosk, type KioskProcess } from './support/kiosk-process';
import { connectPlatform, platformDown, platformRecords } from './support/platform';
import { waitUntil } from './support/simulators';

/**
 * Bringing a kiosk back, in the Chromium-kiosk deployment: the browser supervisor (kiosk-browser, a real
 * Chromium on the DevTools pipe) reloads a crashed screen, and the fourth crash in five minutes puts the
 * kiosk in safe mode (devices off, maintenance screen) until a technician leaves it; a database cut
 * short or filled with garbage by a power cut is rebuilt at the next start from the embedded content,
 * and the filings still waiting in its outbox are kept and reach the platform.
 */
const PIN = '627481';
let root: string;
let dataDir: string;
let kiosk: KioskProcess;
let browser: Browser | null = null;
let supervisor: ChildProcess | null = null;
const ENV = { KIOSK_DEVICES_FAST: '1', KIOSK_IDLE_SECONDS: '600' };

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-recovery-e2e-'));
  dataDir = path.join(root, 'data');
  execFileSync(process.execPath, [path.join(projectRoot, 'dist', 'node', 'kiosk-admin.mjs'), 'set-pin', '--data-dir', dataDir], { input: `${PIN}\n` });
  kiosk = await startKiosk(ENV, dataDir);
});
afterAll(async () => {
  supervisor?.kill('SIGTERM');
  await browser?.close();
  await kiosk?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

type Health = { ready: boolean; reasons: Array<{ code: string }>; contentVersion: number | null; devices: Array<{ role: string; state: string }> };
const health = async (): Promise<Health> => (await (await fetch(`${kiosk.url}/healthz`)).json()) as Health;

/** The renderer processes of one Chromium: its descendants started with --type=renderer. */
function renderers(browserPid: number): number[] {
  const parent = new Map<number, number>();
  for (const p of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      parent.set(Number(p), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const descends = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === browserPid) return true;
    return false;
  };
  return [...parent.keys()].filter((pid) => {
    try {
      return descends(pid) && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer');
    } catch {
      return false;
    }
  });
}

async function openPage(): Promise<Page> {
  browser ??= await launchChromium();
  const page = await (await browser.newContext({ viewport: LANDSCAPE })).newPage();
  await page.goto(kiosk.url);
  await page.locator('h1').first().waitFor({ timeout: 30_000 });
  return page;
}
async function enterAdmin(page: Page): Promise<void> {
  const { height } = page.viewportSize()!;
  for (let i = 0; i < 5; i++) await page.mouse.click(12, height - 12);
  for (const d of PIN) await page.getByTestId(`admin-pin-${d}`).click();
  await page.getByTestId('admin-pin-enter').click();
  await page.getByTestId('admin').waitFor();
}

describe('safe mode after a crash loop of the Chromium kiosk', { timeout: 180_000 }, () => {
  let out = '';
  const restartsReported = (): number => (out.match(/renderer restarted after a crash/g) ?? []).length;

  it('the supervisor reloads each crashed screen; the fourth crash in five minutes is safe mode', async () => {
    supervisor = spawn(process.execPath, [path.join(projectRoot, 'dist', 'node', 'kiosk-browser.mjs')], {
      env: {
        ...process.env,
        KIOSK_PORT: String(new URL(kiosk.url).port),
        KIOSK_DATA_DIR: dataDir,
        KIOSK_CHROMIUM: CHROMIUM,
        KIOSK_BROWSER_ARGS: '--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    supervisor.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    supervisor.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    // Loaded, not only attached: a renderer killed while the page navigates to the kiosk may not be the page's.
    await waitUntil(() => /page loaded/.test(out), 30_000, `the supervisor loaded no page:\n${out}`);
    const browserPid = Number(/browser pid (\d+)/.exec(out)?.[1]);

    for (let crash = 1; crash <= 4; crash++) {
      const pids = await waitUntil(() => {
        const found = renderers(browserPid);
        return found.length > 0 ? found : null;
      }, 60_000, `no renderer process of browser ${browserPid}`);
      for (const pid of pids) process.kill(pid, 'SIGKILL');
      await waitUntil(() => restartsReported() >= crash, 60_000, `crash ${crash} was not reported:\n${out}`);
      // The screen is back before the next crash (a renderer killed while it loads would be a different test).
      await waitUntil(() => (out.match(/page reloaded/g) ?? []).length >= crash, 60_000, `the page did not come back after crash ${crash}:\n${out}`);
      if (crash < 4) expect((await health()).reasons.map((r) => r.code)).not.toContain('safe-mode');
    }
    expect(out).toContain('4 restarts, safe mode on');
    const h = await health();
    expect(h.ready).toBe(false);
    expect(h.reasons.map((r) => r.code)).toContain('safe-mode');
    // Devices off: every driver stopped.
    await expect.poll(async () => (await health()).devices.every((d) => d.state === 'absent')).toBe(true);

    const running = supervisor;
    running.kill('SIGTERM');
    await new Promise((r) => running.once('exit', r));
    supervisor = null;
  });

  it('the screen says so, and a technician brings the kiosk back from admin mode', async () => {
    const page = await openPage();
    await page.getByTestId('maintenance').waitFor();
    expect(await page.locator('[data-testid="maintenance-reasons"] [data-code="safe-mode"]').innerText()).toContain('安全模式');
    await expectScreen(page, 'recovery-safe-mode');
    await page.evaluate(() => document.documentElement.classList.add('high-contrast'));
    await expectAccessible(page, 'recovery-safe-mode (high contrast)');
    await page.evaluate(() => document.documentElement.classList.remove('high-contrast'));

    // Admin mode opens over the maintenance screen.
    await enterAdmin(page);
    await page.getByTestId('admin-tab-diagnostics').click();
    await expect.poll(() => page.getByTestId('diag-restarts').innerText()).toContain('崩溃或卡死后重启 4 次');
    await page.getByTestId('admin-tab-recovery').click();
    await page.getByTestId('admin-safe-mode').waitFor();
    await expectScreen(page, 'admin-recovery');
    await page.getByTestId('admin-recover-leave-safe-mode').click();
    await page.getByTestId('admin-confirm-ok').click();
    await expect.poll(async () => (await health()).reasons.map((r) => r.code), { timeout: 20_000 }).not.toContain('safe-mode');
    await expect.poll(async () => (await health()).devices.every((d) => d.state === 'ready'), { timeout: 30_000 }).toBe(true);
    // The page reloads itself when safe mode ends: the home screen again.
    await page.getByTestId('device-status').waitFor({ timeout: 30_000 });
    await page.context().close();
  });
});

/** Files `n` complaints while the platform is down: they wait in the outbox. */
async function queueFilings(texts: readonly string[]): Promise<void> {
  await platformDown(await connectPlatform(kiosk.url));
  for (const description of texts) {
    const r = await kioskApi<{ status: string }>(kiosk, 'platform.feedback', { category: 'other', description, waitMs: 0 });
    expect(r.status).toBe('queued');
  }
}

/** The outbox table's own pages, and the page size, read from a copy (the kiosk is stopped). */
function outboxPages(file: string): { pages: number[]; pageSize: number; total: number } {
  const copy = path.join(root, 'inspect.db');
  fs.copyFileSync(file, copy);
  const db = new BetterSqlite3(copy, { readonly: true });
  const pages = (db.prepare("SELECT pageno FROM dbstat WHERE name = 'platform_outbox'").all() as Array<{ pageno: number }>).map((r) => r.pageno);
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  fs.rmSync(copy);
  return { pages, pageSize, total: fs.statSync(file).size / pageSize };
}

async function restartAndCheck(texts: readonly string[]): Promise<{ kept: number; problem: string }> {
  kiosk = await startKiosk(ENV, dataDir);
  // Rebuilt from the embedded content: the sample is installed again.
  const sample = (JSON.parse(fs.readFileSync(path.join(projectRoot, 'content', 'sample', 'version.json'), 'utf8')) as { version: number }).version;
  await expect.poll(async () => (await health()).contentVersion, { timeout: 30_000 }).toBe(sample);
  // The kept filings were still sealed with the kiosk's key: they reach the (new) platform, once the
  // backoff they had earned while it was down has run out (their attempts were kept too).
  const platform = await connectPlatform(kiosk.url);
  await expect.poll(async () => (await platformRecords(platform)).feedback.map((f) => f.description).sort(), { timeout: 90_000 }).toEqual([...texts].sort());
  const page = await openPage();
  const login = await page.evaluate(async (pin) => {
    const capability = document.querySelector<HTMLMetaElement>('meta[name="kiosk-capability"]')?.content ?? '';
    const call = async (method: string, input: unknown) =>
      (await (await fetch(`/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Kiosk-Capability': capability }, body: JSON.stringify(input) })).json()) as {
        ok: boolean;
        value: Record<string, unknown>;
      };
    const session = (await call('admin.login', { pin })).value.adminSession;
    return (await call('admin.diagnostics', { adminSession: session })).value.database as { outboxKept: number; problem: string; rebuiltAt: string | null };
  }, PIN);
  await page.context().close();
  expect(login.rebuiltAt).not.toBeNull();
  return { kept: login.outboxKept, problem: login.problem };
}

describe('a database damaged by a power cut', { timeout: 240_000 }, () => {
  it('cut short: the kiosk starts, rebuilds from the embedded content and keeps the filings waiting', async () => {
    const texts = ['断电前的反映一', '断电前的反映二'];
    await queueFilings(texts);
    await kiosk.stop();
    const file = path.join(dataDir, 'kiosk.db');
    const { pages, pageSize, total } = outboxPages(file);
    const last = Math.max(...pages);
    expect(last).toBeLessThan(total);
    fs.truncateSync(file, last * pageSize + 512);
    const r = await restartAndCheck(texts);
    expect(r.kept).toBe(2);
    expect(r.problem).toMatch(/malformed|quick_check/);

    // The technician sees it in diagnostics.
    const page = await openPage();
    await enterAdmin(page);
    await page.getByTestId('admin-tab-diagnostics').click();
    await expect.poll(() => page.getByTestId('diag-database').innerText()).toContain('保留了 2 条待发送记录');
    await expectScreen(page, 'recovery-database-rebuilt');
    await page.getByTestId('admin-logout').click();
    await page.context().close();
  });

  it('garbage over its header and later pages: the same, the outbox read through a rebuilt header', async () => {
    const texts = ['乱码前的反映'];
    await queueFilings(texts);
    await kiosk.stop();
    const file = path.join(dataDir, 'kiosk.db');
    const { pages, pageSize, total } = outboxPages(file);
    const bytes = fs.readFileSync(file);
    randomBytes(100).copy(bytes, 0);
    const spoiled = [total, total - 1].filter((p) => !pages.includes(p) && p !== 1);
    expect(spoiled.length).toBeGreaterThan(0);
    for (const p of spoiled) randomBytes(pageSize).copy(bytes, (p - 1) * pageSize);
    fs.writeFileSync(file, bytes);
    const r = await restartAndCheck(texts);
    expect(r.kept).toBe(1);
    expect(r.problem).toMatch(/not a database/);
  });
});
