import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServiceReport } from '../../../console/wire/reports';
import type { ExperienceRunView, KioskEvent } from '../../../contract';
import { setPin } from '../../../services/admin/pin';
import { FleetReportStore } from '../../../services/fleet/reports';
import { createKioskServices, type KioskServices } from '../../../services/kiosk-services';
import { StaticKeyProvider } from '../../../services/platform/keys';
import { removeDataDir, testConfig, tmpDataDir } from '../../support/kiosk-config';

/**
 * 政务服务体验员 runs at the kiosk, through the dispatcher as the page calls it: set up in admin mode for
 * an officer's code, started when admin mode ends, each screen and note recorded (a note's ID number
 * and the session's names masked; nothing typed into a screen can reach the run), ended by the
 * officer or by the session's end, and queued for the console exactly once. Fake clock.
 */
const PIN = '472915';
const ID_NUMBER = '440106199001011234';
let dir: string;
let key: string;
let services: KioskServices;
let events: KioskEvent[];

const page = { via: 'http' as const };
const call = async <T = Record<string, unknown>>(method: string, input: unknown = {}): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; messageKey?: string } }> =>
  (await services.dispatch(method, input, page)) as never;
const runs = (): Array<Extract<ServiceReport, { kind: 'experience-run' }>> =>
  new FleetReportStore(services.db, new StaticKeyProvider(key)).next(50).reports.filter((r) => r.kind === 'experience-run') as never;
const lastRun = (): ExperienceRunView | null | undefined => events.filter((e) => e.type === 'experience.run').at(-1)?.run;

/** Admin mode: the PIN, a run set up for the officer, admin mode left. */
async function startRun(officerCode: string): Promise<string> {
  const login = await call<{ adminSession: string }>('admin.login', { pin: PIN });
  if (!login.ok) throw new Error(JSON.stringify(login));
  const adminSession = login.value.adminSession;
  const armed = await call<ExperienceRunView>('admin.experienceStart', { adminSession, officerCode });
  if (!armed.ok) throw new Error(JSON.stringify(armed));
  expect(armed.value).toMatchObject({ state: 'armed', officerCode: officerCode.trim().toUpperCase(), startedAt: null });
  expect(await call('admin.logout', { adminSession })).toMatchObject({ ok: true });
  return armed.value.runId;
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now: new Date('2026-12-01T02:00:00Z') });
  dir = tmpDataDir('kiosk-experience');
  key = randomBytes(32).toString('base64');
  events = [];
  // A console that is never reached: what the run leaves at the kiosk stays in its sealed outbox, to be read here.
  services = createKioskServices(testConfig({ KIOSK_DATA_DIR: dir, KIOSK_DEVICES: 'none', KIOSK_FLEET_URL: 'http://127.0.0.1:9', KIOSK_OUTBOX_KEY: key }));
  services.bus.subscribe((e) => events.push(e));
  await setPin(dir, PIN);
});
afterEach(async () => {
  vi.useRealTimers();
  await services.stop();
  removeDataDir(dir);
});

describe('体验员 runs at the kiosk', () => {
  it('records each screen with its time and the officer\'s notes, masked, and ends with the session\'s idle timeout', async () => {
    const runId = await startRun(' tyy-0012 ');
    expect(lastRun()).toMatchObject({ runId, state: 'active', officerCode: 'TYY-0012' });
    // A walking run is a person's session: admin mode waits for it.
    expect(await call('admin.login', { pin: PIN })).toMatchObject({ ok: false, error: { messageKey: 'admin.errors.personSession' } });

    expect(await call('experience.step', { screen: 'home', title: '首页' })).toEqual({ ok: true, value: { recorded: true } });
    vi.advanceTimersByTime(12_000);
    await call('experience.step', { screen: 'item', title: '事项详情', subject: 'NH-AMR-0101' });
    // The same screen again (a reload) is the same step.
    expect(await call('experience.step', { screen: 'item', title: '事项详情', subject: 'NH-AMR-0101' })).toEqual({ ok: true, value: { recorded: false } });
    vi.advanceTimersByTime(20_000);
    // The officer read a card at the kiosk: its holder's name is this session's, scrubbed from anything said.
    services.log.redactor.rememberIdentity({ name: '张三丰', idNumber: ID_NUMBER });
    const noted = await call<ExperienceRunView>('experience.note', { text: `张三丰 的身份证 ${ID_NUMBER} 输入后没有提示，手机13800138000` });
    expect(noted).toMatchObject({ ok: true, value: { notes: 1, notesLeft: 39, screen: 'item' } });
    vi.advanceTimersByTime(5_000);
    // A screen's form values cannot travel with a step: the call takes a screen's name, title and public code only.
    expect(await call('experience.step', { screen: 'form', title: '填写表单', subject: 'F-101', values: { name: '张三丰', idNumber: ID_NUMBER } })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    await call('experience.step', { screen: 'form', title: '填写表单', subject: 'F-101' });
    vi.advanceTimersByTime(7_000);
    expect(runs()).toEqual([]);

    expect(await call('session.end', { reason: 'idle-timeout' })).toMatchObject({ ok: true });
    expect(lastRun()).toBeNull();
    expect(await call('experience.status')).toEqual({ ok: true, value: { run: null } });
    const [run, ...more] = runs();
    expect(more).toEqual([]);
    expect(run).toMatchObject({
      id: runId, runId, officerCode: 'TYY-0012', endedBy: 'idle-timeout', stepsOmitted: 0,
      startedAt: '2026-12-01T02:00:00.000Z', endedAt: '2026-12-01T02:00:44.000Z',
    });
    expect(run!.steps.map((s) => [s.screen, s.subject ?? null, s.ms])).toEqual([
      ['home', null, 12_000],
      ['item', 'NH-AMR-0101', 25_000],
      ['form', 'F-101', 7_000],
    ]);
    expect(run!.notes).toHaveLength(1);
    expect(run!.notes[0]).toMatchObject({ step: 1, screen: 'item', at: '2026-12-01T02:00:32.000Z' });
    expect(run!.notes[0]!.text).toContain('输入后没有提示');
    // Nothing of a person: no ID number, name or phone number anywhere in what leaves for the console.
    const sent = JSON.stringify(run);
    for (const personal of [ID_NUMBER, '张三丰', '13800138000']) expect(sent).not.toContain(personal);

    // After the run, steps and notes go nowhere.
    expect(await call('experience.step', { screen: 'home' })).toEqual({ ok: true, value: { recorded: false } });
    expect(await call('experience.note', { text: '还在吗' })).toMatchObject({ ok: false, error: { messageKey: 'experience.errors.noRun' } });
  });

  it('ends with the officer once: the logout after it sends nothing more; logout alone ends a run too', async () => {
    const first = await startRun('TYY-0012');
    await call('experience.step', { screen: 'home' });
    expect(await call('experience.end')).toEqual({ ok: true, value: { ended: true } });
    expect(await call('experience.end')).toEqual({ ok: true, value: { ended: false } });
    await call('session.end', { reason: 'logout' });
    expect(runs().map((r) => [r.runId, r.endedBy])).toEqual([[first, 'officer']]);

    const second = await startRun('TYY-0034');
    await call('experience.step', { screen: 'search' });
    await call('session.end', { reason: 'logout' });
    expect(runs().map((r) => [r.runId, r.endedBy])).toEqual([
      [first, 'officer'],
      [second, 'logout'],
    ]);
  });

  it('refuses a malformed officer code, may be cancelled before it starts, and keeps 40 notes at most', async () => {
    const login = await call<{ adminSession: string }>('admin.login', { pin: PIN });
    const adminSession = login.ok ? login.value.adminSession : '';
    expect(await call('admin.experienceStart', { adminSession, officerCode: 'TYY-12' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await call('admin.experienceStart', { officerCode: 'TYY-0012' })).toMatchObject({ ok: false, error: { messageKey: 'admin.errors.notInAdmin' } });
    await call('admin.experienceStart', { adminSession, officerCode: 'TYY-0012' });
    expect(await call('admin.experienceCancel', { adminSession })).toEqual({ ok: true, value: { cancelled: true } });
    await call('admin.logout', { adminSession });
    // Nothing was set up: leaving admin mode starts no run.
    expect(await call('experience.status')).toEqual({ ok: true, value: { run: null } });

    await startRun('TYY-0056');
    await call('experience.step', { screen: 'home' });
    for (let i = 0; i < 40; i++) expect((await call('experience.note', { text: `第${i + 1}条` })).ok).toBe(true);
    expect(await call('experience.note', { text: '第41条' })).toMatchObject({ ok: false, error: { messageKey: 'experience.errors.tooManyNotes' } });
    expect(await call('experience.note', { text: 'x'.repeat(2000) })).toMatchObject({ ok: false });
    await call('session.end', { reason: 'logout' });
    expect(runs()[0]!.notes).toHaveLength(40);
  });
});
