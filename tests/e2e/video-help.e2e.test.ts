import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningConsole } from '../../console/server/app';
import { FLEET_DATABASES } from '../support/fleet-databases';
import { ADMIN_PASSWORD, Operator, startTestConsole } from '../support/fleet-console';
import { expectAccessible, expectTouchTargets, LANDSCAPE, launchChromium, screenshot } from './support/browser';
import { projectRoot, startKiosk, type KioskProcess } from './support/kiosk-process';
import { waitUntil } from './support/simulators';

/**
 * 视频办事 end to end: a person at a real kiosk process asks for video help from the item they were on;
 * a hall's staff member sees the call in the console's queue with the hall and the item, answers, and
 * both pages play each other's video (Chromium's fake camera and microphone). The staff page shows no
 * screen until the person consents; then a masked mirror (an ID number on the kiosk screen arrives
 * masked, never in full, a typed value not at all); staff send a hint shown beside the field and an item
 * link the kiosk opens; the call falls back to voice; the person stops sharing and
 * hangs up, and both sides are idle again. One Chromium, two contexts; axe on the kiosk's call screens.
 */
const TOKEN = 'video-help-technician-token';
const FULL_ID = '440605199001013714';
let c: RunningConsole;
let browser: Browser;
let kiosk: KioskProcess | null = null;
let drop: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  if (!fs.existsSync(path.join(projectRoot, 'dist', 'console', 'index.html'))) throw new Error('console UI not built: run "npm run build:console" (npm test does it)');
  const pglite = FLEET_DATABASES.find((d) => d.name === 'pglite')!;
  const [opened, b] = await Promise.all([pglite.open(), launchChromium({ fakeCamera: null })]);
  drop = opened.drop;
  browser = b;
  c = await startTestConsole(opened.db);
  const started = startKiosk({ KIOSK_FLEET_URL: c.url, KIOSK_TECHNICIAN_TOKEN: TOKEN, KIOSK_ID: 'k-video-help', KIOSK_IDLE_SECONDS: '600' });
  const admin = await Operator.signIn(c.url, 'admin', ADMIN_PASSWORD);
  await admin.call('PUT', '/api/halls/nanhai', { id: 'nanhai', name: '南海区政务服务中心', opening: { schedule: 'daily', open: '00:00', close: '24:00' } });
  await admin.post('/api/operators', { username: 'staff', password: 'staff password 123', role: 'hall-manager', halls: ['nanhai'] });
  kiosk = await started;
  const k = kiosk;
  const fleetStatus = async (): Promise<{ state: string; pairingCode: string | null }> => {
    const res = await fetch(`${k.url}/api/fleet.status`, { method: 'POST', headers: { origin: k.url, 'content-type': 'application/json', 'x-kiosk-technician': TOKEN }, body: '{}' });
    return ((await res.json()) as { value: { state: string; pairingCode: string | null } }).value;
  };
  const code = await waitUntil(async () => { const s = await fleetStatus(); return s.state === 'pending' ? s.pairingCode : null; }, 30_000, 'the kiosk waiting for approval', 100);
  expect((await admin.post('/api/enrolments/approve', { pairingCode: code, hallId: 'nanhai', label: '一楼大厅 3 号机' })).status).toBe(200);
  await waitUntil(async () => (await fleetStatus()).state === 'approved', 30_000, 'the kiosk approved', 100);
}, 120_000);
afterAll(async () => {
  await kiosk?.stop();
  await browser?.close();
  await c?.close();
  await drop();
});

/** A <video> that shows moving pictures: it has a frame size and its clock advances. */
async function expectPlaying(page: Page, testId: string): Promise<void> {
  const video = page.getByTestId(testId);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  const t0 = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(t0 + 0.2);
}

/** The hall's staff member on the console's 视频帮办 page, signed in, the queue empty. */
async function staffPage(): Promise<Page> {
  const staff = await (await browser.newContext({ viewport: LANDSCAPE, locale: 'zh-CN' })).newPage();
  await staff.goto(`${c.url}/video-calls`);
  await staff.getByLabel('用户名').fill('staff');
  await staff.getByLabel('密码').fill('staff password 123');
  await staff.getByRole('button', { name: '登录', exact: true }).click();
  await staff.getByRole('heading', { name: '视频帮办' }).waitFor();
  await staff.getByText('暂无等待的通话').waitFor();
  return staff;
}

async function kioskScreen(page: Page, name: string): Promise<void> {
  await expectAccessible(page, name);
  await expectTouchTargets(page);
  for (const mode of ['large-font', 'high-contrast']) {
    await page.evaluate((m) => document.documentElement.classList.add(m), mode);
    await expectAccessible(page, `${name} (${mode})`);
    await page.evaluate((m) => document.documentElement.classList.remove(m), mode);
  }
}

describe('video help between a kiosk and hall staff', () => {
  it('connects, shows video both ways, shares the masked screen only after consent, carries a field hint and an item link, and hangs up', async () => {
    const k = kiosk!;
    const staff = await staffPage();

    // The person was on an item and asks for video help.
    const person = await (await browser.newContext({ viewport: LANDSCAPE, locale: 'zh-CN' })).newPage();
    await person.goto(`${k.url}/help?itemCode=NH-AMR-0101`);
    await person.getByTestId('help-video-call').click();
    const panel = person.getByTestId('video-call');
    await expect.poll(() => panel.getAttribute('data-phase')).toBe('waiting');
    await expect.poll(() => person.getByTestId('video-status').textContent()).toContain('正在等待工作人员接听');
    await kioskScreen(person, 'video help waiting');

    // Staff see it with the hall, the kiosk and the item — and answer.
    const row = staff.locator('tr[data-state="waiting"]');
    await expect.poll(() => row.textContent()).toContain('南海区政务服务中心');
    expect(await row.textContent()).toContain('一楼大厅 3 号机');
    expect(await row.textContent()).toContain('有限责任公司设立登记（NH-AMR-0101）');
    await screenshot(staff, 'video-help-queue');
    await row.getByTestId('video-answer').click();

    await expect.poll(() => panel.getAttribute('data-phase')).toBe('connected');
    await expect.poll(() => staff.getByTestId('video-call').getAttribute('data-state')).toBe('connected');
    await expectPlaying(person, 'video-remote');
    await expectPlaying(staff, 'video-remote');
    expect(await person.getByTestId('video-status').textContent()).toContain('已与staff视频通话');
    // The README's kiosk picture: taken before the test puts a full ID number on the screen below.
    expect(await person.locator('body').textContent()).not.toContain(FULL_ID);
    await screenshot(person, 'video-help-kiosk');

    // A screen showing an ID number in full (the mirror masks it even where a screen forgot to) and a typed value.
    await person.evaluate((id) => {
      const p = document.createElement('p');
      p.textContent = `申请人身份证号 ${id}`;
      const label = document.createElement('label');
      label.htmlFor = 'field-mobile';
      label.textContent = '联系电话';
      const input = Object.assign(document.createElement('input'), { id: 'field-mobile', value: '13800138000' });
      input.style.cssText = 'display:block;height:60px;width:300px';
      document.querySelector('[data-testid="help"] h1')!.after(p, label, input);
    }, FULL_ID);
    // Connected for a while with the ID on screen: staff still see no screen, since the person has not consented.
    await expectPlaying(staff, 'video-remote');
    await staff.getByTestId('video-mirror-none').waitFor();
    expect(await staff.getByTestId('video-mirror-screen').count()).toBe(0);
    await kioskScreen(person, 'video help connected');

    await person.getByTestId('video-share-consent').click();
    await person.getByTestId('video-sharing').waitFor();
    const mirror = staff.getByTestId('video-mirror-screen');
    await expect.poll(() => mirror.textContent()).toContain('440605********3714');
    expect(await mirror.textContent()).toContain('帮办服务');
    // What is typed in a field never leaves the kiosk; the field's label does, so staff can hint at it.
    expect(await mirror.textContent()).toContain('联系电话：＊＊＊');
    expect(await staff.locator('body').textContent()).not.toContain(FULL_ID);
    expect(await staff.locator('body').textContent()).not.toContain('13800138000');
    await kioskScreen(person, 'video help sharing');

    const hint = staff.getByTestId('video-send-hint');
    await hint.getByLabel('填表提示').fill('请填写您本人的手机号');
    await hint.getByLabel('对应的栏目').selectOption({ label: '联系电话' });
    await hint.getByRole('button', { name: '发送提示' }).click();
    const bubble = person.getByTestId('video-field-hint-mobile');
    await expect.poll(() => bubble.textContent()).toContain('工作人员提示：请填写您本人的手机号');
    // Shown beside the field: just below it, where the eye is.
    const [field, note] = await Promise.all([person.locator('#field-mobile').boundingBox(), bubble.boundingBox()]);
    expect(Math.abs(note!.y - (field!.y + field!.height))).toBeLessThan(20);
    expect(Math.abs(note!.x - field!.x)).toBeLessThan(5);

    // Staff send an item link; the person opens it from the call panel, and the mirror follows.
    const link = staff.getByTestId('video-send-link');
    await link.getByLabel('事项编码').fill('NH-AMR-0102');
    await link.getByLabel('事项名称').fill('个体工商户设立登记');
    await link.getByRole('button', { name: '发送事项链接' }).click();
    const open = person.getByTestId('video-item-NH-AMR-0102');
    await expect.poll(() => open.textContent()).toContain('打开事项：个体工商户设立登记');
    // The README's staff picture: the call, and the mirror with the ID number masked and the typed value hidden.
    await screenshot(staff, 'video-help-staff');
    await open.click();
    await expect.poll(() => person.url()).toContain('/item/NH-AMR-0102');
    // The item page has no 联系电话 field: at once the hint is only in the call panel, not floating over this screen's buttons.
    expect(await person.getByTestId('video-field-hint-mobile').count()).toBe(0);
    expect(await person.getByTestId('video-hints').textContent()).toContain('工作人员提示：请填写您本人的手机号');
    await expect.poll(() => staff.getByTestId('video-mirror').textContent()).toContain('/item/NH-AMR-0102');
    // The item page replaced the help page and the ID number the test put there: a picture of sharing for the README.
    await person.getByRole('heading', { level: 1, name: '个体工商户设立登记' }).waitFor();
    expect(await person.locator('body').textContent()).not.toContain(FULL_ID);
    await screenshot(person, 'video-help-kiosk-sharing');

    // Consent taken back: staff's view clears at once.
    await person.getByTestId('video-share-stop').click();
    await staff.getByTestId('video-mirror-none').waitFor();
    await expectAccessible(staff, 'console video call');

    // Voice only (as on a poor network): the camera is released and staff are told.
    await person.getByTestId('video-to-audio').click();
    await expect.poll(() => panel.getAttribute('data-mode')).toBe('audio');
    await staff.getByTestId('video-kiosk-audio').waitFor();
    expect(await person.getByTestId('video-local').count()).toBe(0);

    // The person hangs up: both sides idle, the queue empty.
    await person.getByTestId('video-hangup').click();
    await expect.poll(() => panel.count()).toBe(0);
    await staff.getByTestId('video-ended').waitFor();
    expect(await staff.getByTestId('video-call').count()).toBe(0);
    await staff.getByText('暂无等待的通话').waitFor();
  }, 120_000);

  it('a person who asks staff to come instead is told to wait here; staff see the call-back request in the queue', async () => {
    const staff = await staffPage();
    const person = await (await browser.newContext({ viewport: LANDSCAPE, locale: 'zh-CN' })).newPage();
    await person.goto(`${kiosk!.url}/help?itemCode=NH-AMR-0101`);
    await person.getByTestId('help-audio-call').click();
    const panel = person.getByTestId('video-call');
    await expect.poll(() => panel.getAttribute('data-phase')).toBe('waiting');
    await person.getByTestId('video-callback').click();
    await expect.poll(() => person.getByTestId('video-status').textContent()).toContain('已通知工作人员到本机为您服务，请在此稍候');
    await kioskScreen(person, 'video help call-back');

    const row = staff.locator('tr[data-state="callback"]');
    await expect.poll(() => row.textContent()).toContain('请到终端现场服务');
    expect(await row.textContent()).toContain('一楼大厅 3 号机');
    await row.getByTestId('video-callback-done').click();
    await staff.getByText('暂无等待的通话').waitFor();
    await person.getByTestId('video-hangup').click();
    await expect.poll(() => panel.count()).toBe(0);
  }, 60_000);

  it('without a camera or microphone the person is told so in words and offered the queue or an appointment', async () => {
    const page = await (await browser.newContext({ viewport: LANDSCAPE, locale: 'zh-CN' })).newPage();
    // As on a kiosk whose devices are missing or refused.
    await page.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    });
    await page.goto(`${kiosk!.url}/help`);
    await page.getByTestId('help-video-call').click();
    await expect.poll(() => page.getByTestId('video-unavailable').textContent()).toContain('本机没有可用的摄像头和麦克风，无法通话');
    await page.getByRole('link', { name: '取号排队' }).waitFor();
    await page.getByRole('link', { name: '预约办理' }).waitFor();
    await kioskScreen(page, 'video help unavailable');
    await page.getByTestId('video-close').click();
    await expect.poll(() => page.getByTestId('video-call').count()).toBe(0);
  }, 30_000);
});
