import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningConsole } from '../../console/server/app';
import { reportAnswer, REPORTS_PATH, type ServiceReport } from '../../console/wire/reports';
import { FLEET_DATABASES } from '../support/fleet-databases';
import { ADMIN_PASSWORD, enrolled, Operator, startTestConsole } from '../support/fleet-console';
import { expectAccessible, expectScreen, LANDSCAPE, launchChromium, screenshot } from './support/browser';
import { projectRoot, startKiosk, type KioskProcess } from './support/kiosk-process';
import { waitUntil } from './support/simulators';

/**
 * 评价整改 and 好差评统计 as a hall manager meets them in Chromium: the real-name follow-up rate on top,
 * a 差评 from a kiosk as an open case with its reasons, each step recorded and the case closed, then the
 * statistics with the ECharts chart and the rates, and the sentences typed at its kiosk that found nothing. Then a person at a real kiosk files a complaint,
 * keeps its number, and reads the hall's answer by it; a 体验员 walks a short run there and the manager
 * reads its report. Every screen passes axe. The console runs in this process on PGlite; the first
 * kiosk is its signed wire client, the second a kiosk process.
 */
let c: RunningConsole;
let browser: Browser;
let page: Page;
/** The hall manager's console page (signed in by the first test). */
let consolePage: Page;
let drop: () => Promise<void> = async () => undefined;
let kioskProcess: KioskProcess | null = null;
let kioskStart: Promise<KioskProcess>;
let admin: Operator;
const TOKEN = 'console-eval-technician-token';
const PIN = '385172';

beforeAll(async () => {
  if (!fs.existsSync(path.join(projectRoot, 'dist', 'console', 'index.html'))) throw new Error('console UI not built: run "npm run build:console" (npm test does it)');
  const pglite = FLEET_DATABASES.find((d) => d.name === 'pglite')!;
  const [opened, b] = await Promise.all([pglite.open(), launchChromium()]);
  drop = opened.drop;
  browser = b;
  c = await startTestConsole(opened.db);
  // The kiosk process starts (and asks to join) while the first test runs in the console; its admin PIN is set at install.
  const kioskDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-'));
  execFileSync(process.execPath, [path.join(projectRoot, 'dist', 'node', 'kiosk-admin.mjs'), 'set-pin', '--data-dir', kioskDir], { input: `${PIN}\n` });
  kioskStart = startKiosk({ KIOSK_FLEET_URL: c.url, KIOSK_TECHNICIAN_TOKEN: TOKEN, KIOSK_ID: 'k-ui-complaint', KIOSK_IDLE_SECONDS: '600' }, kioskDir);
  kioskStart.then((k) => (kioskProcess = k)).catch(() => undefined);
  admin = await Operator.signIn(c.url, 'admin', ADMIN_PASSWORD);
  await admin.call('PUT', '/api/halls/nanhai', { id: 'nanhai', name: '南海区政务服务中心', opening: { schedule: 'workdays', open: '09:00', close: '17:00' } });
  await admin.post('/api/operators', { username: 'manager', password: 'manager password 123', role: 'hall-manager', halls: ['nanhai'] });
  const kiosk = await enrolled(c.url, admin, 'k-ui-eval', 'UKEV23', 'nanhai');
  const at = new Date().toISOString();
  const reports: ServiceReport[] = [
    { id: randomUUID(), at, kind: 'session' },
    { id: randomUUID(), at, kind: 'evaluation', level: 'dissatisfied', scope: 'service', channel: 'pad', reasons: ['slow'], itemCode: 'NH-AMR-0101', windowId: 'W07', contact: { consent: true, mobile: '13800138000' } },
    { id: randomUUID(), at, kind: 'session' },
    { id: randomUUID(), at, kind: 'evaluation', level: 'very-satisfied', scope: 'service', channel: 'screen', reasons: [] },
    // 智能导办: a sentence typed at this kiosk that found nothing (the kiosk scrubbed it).
    { id: randomUUID(), at, kind: 'unfound-sentence', text: '宠物寄养要什么手续' },
  ];
  const r = await kiosk.client.call(REPORTS_PATH, { reports }, reportAnswer);
  if (!r.ok) throw new Error(`reports refused: ${JSON.stringify(r)}`);
  page = await (await browser.newContext({ viewport: LANDSCAPE, locale: 'zh-CN' })).newPage();
  consolePage = page;
}, 120_000);
afterAll(async () => {
  await kioskStart?.catch(() => undefined);
  await kioskProcess?.stop();
  await browser?.close();
  await c?.close();
  await drop();
});

async function screen(name: string): Promise<void> {
  await page.locator('h1, h2').last().waitFor();
  await expectAccessible(page, name);
  await screenshot(page, `console-${name}`);
}

describe('service evaluation in the console', () => {
  it('a hall manager follows a 差评 up step by step, closes it, and reads the rates', async () => {
    await page.goto(`${c.url}/cases`);
    await page.getByLabel('用户名').fill('manager');
    await page.getByLabel('密码').fill('manager password 123');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('heading', { name: '差评回访整改台账' }).waitFor();
    await expect.poll(() => page.getByTestId('follow-up-summary').textContent()).toContain('实名差评回访率 0.0%（目标 100%）：差评 1 件，已回访 0 件');
    const row = page.locator('tr[data-case-number^="CP"]');
    await expect.poll(() => row.textContent()).toContain('办理时间长');
    await screen('cases');

    await row.getByRole('button').click();
    const detail = page.getByTestId('case-detail');
    await detail.getByText('13800138000').waitFor();
    await expect.poll(() => detail.textContent()).toContain('尚缺：核实、回访联系、整改、回访满意度');
    await expect(detail.getByRole('button', { name: '办结' }).isDisabled()).resolves.toBe(true);
    await detail.getByLabel('核实', { exact: true }).fill('调取窗口记录，等候超时属实');
    await detail.getByRole('button', { name: '记录' }).nth(0).click();
    await detail.getByText('调取窗口记录，等候超时属实（manager').waitFor();
    await detail.getByLabel('回访联系').fill('电话回访并致歉');
    await detail.getByRole('button', { name: '记录' }).nth(1).click();
    await detail.getByLabel('整改', { exact: true }).fill('高峰时段增开窗口');
    await detail.getByRole('button', { name: '记录' }).nth(2).click();
    await detail.getByText('高峰时段增开窗口').waitFor();
    await detail.getByLabel('回访满意度').selectOption('satisfied');
    await detail.getByRole('button', { name: '记录' }).nth(3).click();
    await detail.getByRole('button', { name: '办结' }).click();
    await expect.poll(() => page.getByTestId('follow-up-summary').textContent()).toContain('实名差评回访率 100.0%');
    await screen('case-closed');

    await page.getByRole('link', { name: '好差评统计' }).click();
    await page.getByRole('heading', { name: '好差评统计' }).waitFor();
    const table = page.getByTestId('stats-table');
    await expect.poll(() => table.locator('tr', { hasText: 'nanhai' }).textContent()).toContain('50.0%');
    const cells = await table.locator('tr', { hasText: '合计' }).locator('td').allTextContents();
    // 非常满意 1 … 不满意 1, 2 ratings, 2 sessions; 好评率 50 %, all sessions rated, the 差评 answered, rectified, satisfied.
    expect(cells).toEqual(['1', '0', '0', '1', '0', '2', '2', '50.0%', '100.0%', '100.0%', '100.0%', '100.0%']);
    // The chart is ECharts' SVG, stacked by level.
    await expect.poll(() => page.locator('.chart svg path').count()).toBeGreaterThan(2);
    await screen('evaluation');

    // The sentences people typed that found nothing, for growing the lexicon: the hall's kiosk's one.
    await page.getByRole('link', { name: '未找到的问句' }).click();
    await page.getByRole('heading', { name: '未找到的问句' }).waitFor();
    const sentence = page.getByTestId('unfound-table').locator('tr', { hasText: '宠物寄养要什么手续' });
    await expect.poll(() => sentence.locator('td').allTextContents().then((c) => c.slice(0, 3))).toEqual(['宠物寄养要什么手续', '1', '1']);
    await screen('unfound-sentences');
  }, 60_000);

  it('a person files a complaint at a kiosk, keeps its number, and reads the hall\'s answer by it', async () => {
    const k = await kioskStart;
    const fleetStatus = async (): Promise<{ state: string; pairingCode: string | null }> => {
      const res = await fetch(`${k.url}/api/fleet.status`, { method: 'POST', headers: { origin: k.url, 'content-type': 'application/json', 'x-kiosk-technician': TOKEN }, body: '{}' });
      return ((await res.json()) as { value: { state: string; pairingCode: string | null } }).value;
    };
    const code = await waitUntil(async () => { const s = await fleetStatus(); return s.state === 'pending' ? s.pairingCode : null; }, 30_000, 'the kiosk waiting for approval', 100);
    expect((await admin.post('/api/enrolments/approve', { pairingCode: code, hallId: 'nanhai', label: null })).status).toBe(200);
    await waitUntil(async () => (await fleetStatus()).state === 'approved', 30_000, 'the kiosk approved', 100);

    const kioskPage = await (await browser.newContext({ viewport: LANDSCAPE, locale: 'zh-CN' })).newPage();
    page = kioskPage;
    await kioskPage.goto(`${k.url}/complaint`);
    await kioskPage.getByTestId('complaint').waitFor();
    await kioskPage.getByTestId('complaint-category-attitude').click();
    await kioskPage.getByTestId('complaint-description').fill('今天上午7号窗口工作人员态度冷淡');
    await kioskPage.getByTestId('complaint-mobile').fill('13800138000');
    await kioskPage.getByTestId('complaint-send').click();
    // A number given without consent to a call-back is refused before anything is sent.
    await kioskPage.getByTestId('complaint-problem').waitFor();
    await kioskPage.getByTestId('complaint-consent').check();
    await kioskPage.getByTestId('complaint-send').click();
    const number = ((await kioskPage.getByTestId('complaint-number').textContent()) ?? '').replace('投诉编号：', '').trim();
    expect(number).toMatch(/^TS\d{6}-[0-9A-Z]{6}$/);
    await screen('kiosk-complaint-filed');

    // The hall answers it in the console.
    const found = await waitUntil(async () => (await admin.get('/api/cases?type=complaint')).body.cases.find((x: { number: string }) => x.number === number), 20_000, 'the complaint at the console', 100);
    expect(found).toMatchObject({ category: 'attitude', contact: '138****8000' });
    expect((await admin.post(`/api/cases/${found.id}/steps`, { step: 'answer', text: '已核实，对窗口人员批评教育并纳入考核。' })).status).toBe(200);

    await kioskPage.goto(`${k.url}/complaint?lookup=1`);
    await kioskPage.getByTestId('complaint-lookup-number').fill(number.toLowerCase());
    await kioskPage.getByTestId('complaint-lookup').click();
    await expect.poll(() => kioskPage.getByTestId('complaint-answer').textContent()).toBe('答复：已核实，对窗口人员批评教育并纳入考核。');
    await screen('kiosk-complaint-answer');
  }, 90_000);

  it('a 体验员 walks a short run at the kiosk, notes one screen, and the manager reads it in the console, once', async () => {
    const k = await kioskStart;
    const kioskPage = page;
    await kioskPage.goto(k.url);
    await kioskPage.locator('h1').first().waitFor();
    // Admin mode: the hidden gesture (five taps in the bottom-left corner) and the PIN.
    const { height } = kioskPage.viewportSize()!;
    for (let i = 0; i < 5; i++) await kioskPage.mouse.click(12, height - 12);
    for (const d of PIN) await kioskPage.getByTestId(`admin-pin-${d}`).click();
    await kioskPage.getByTestId('admin-pin-enter').click();
    await kioskPage.getByTestId('admin-tab-experience').click();
    await kioskPage.getByTestId('admin-officer-code').fill('tyy-0012');
    await kioskPage.getByTestId('admin-experience-start').click();
    await expect.poll(() => kioskPage.getByTestId('admin-experience-armed').textContent()).toContain('TYY-0012');
    await expectAccessible(kioskPage, 'kiosk-admin-experience');
    // Leaving admin mode starts the run as a citizen session, marked on every screen.
    await kioskPage.getByTestId('admin-experience-go').click();
    const marker = kioskPage.getByTestId('experience-marker');
    await expect.poll(() => marker.textContent()).toContain('体验员走查中（TYY-0012）');
    // A visit as a citizen's: 退出 and the idle countdown are on, and nothing offers to resume someone's visit.
    await kioskPage.getByTestId('logout').waitFor();
    expect(await kioskPage.getByTestId('visit-in-progress').count()).toBe(0);
    await expectScreen(kioskPage, 'kiosk-experience-marker');
    await kioskPage.evaluate(() => document.documentElement.classList.add('high-contrast'));
    await expectAccessible(kioskPage, 'kiosk-experience-marker (high contrast)');
    await kioskPage.evaluate(() => document.documentElement.classList.remove('high-contrast'));

    // A second screen, and a note there (an ID number typed into it never leaves the kiosk).
    await kioskPage.getByTestId('nav-help').click();
    await kioskPage.waitForURL(/\/help/);
    await expect.poll(() => kioskPage.getByTestId('experience-counts').textContent()).toContain('已走 2 个页面');
    await kioskPage.getByTestId('experience-add-note').click();
    await kioskPage.getByTestId('experience-note-text').fill('帮办按钮不够显眼，试输身份证440106199001011234');
    await expectAccessible(kioskPage, 'kiosk-experience-note');
    await kioskPage.getByTestId('experience-note-save').click();
    await kioskPage.getByTestId('experience-note-saved').waitFor();
    await kioskPage.getByTestId('experience-end').click();
    await kioskPage.getByTestId('experience-end-confirm').click();
    await marker.waitFor({ state: 'detached' });

    // In the console: one run (not two), its two screens in order and the note at the second, masked.
    page = consolePage;
    await waitUntil(async () => (await admin.get('/api/experience-runs?officer=TYY-0012')).body.runs.length > 0, 20_000, 'the run at the console', 100);
    await consolePage.goto(`${c.url}/experience-runs`);
    await consolePage.getByRole('heading', { name: '体验员走查' }).waitFor();
    const row = consolePage.locator('tr[data-officer="TYY-0012"]');
    await expect.poll(() => row.count()).toBe(1);
    const cells = await row.locator('td').allTextContents();
    expect([cells[0], cells[1], cells[5], cells[6]]).toEqual(['TYY-0012', '南海区政务服务中心', '2', '1']);
    await screen('experience-runs');
    await row.getByRole('link', { name: /查看报告/ }).click();
    await consolePage.getByRole('heading', { name: '走查报告：TYY-0012' }).waitFor();
    const steps = consolePage.getByTestId('experience-steps').locator(':scope > li');
    await expect.poll(() => steps.evaluateAll((li) => li.map((l) => l.getAttribute('data-screen')))).toEqual(['home', 'help']);
    const second = (await steps.nth(1).textContent()) ?? '';
    expect(second).toContain('帮办按钮不够显眼');
    expect(second).not.toContain('440106199001011234');
    await screen('experience-run-report');
    const [count] = await c.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM experience_runs WHERE officer_code = 'TYY-0012'`);
    expect(count?.n).toBe(1);
  }, 90_000);
});
