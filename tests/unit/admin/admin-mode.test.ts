import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KioskEvent } from '../../../contract';
import { setPin } from '../../../services/admin/pin';
import { createKioskServices, type KioskServices } from '../../../services/kiosk-services';
import { removeDataDir, testConfig, tmpDataDir } from '../../support/kiosk-config';

/**
 * Admin mode as the kiosk page meets it (calls through the dispatcher as over HTTP): the PIN set at
 * install, wrong PINs locking it with a growing backoff, the admin session the services hold (its
 * token, the idle minute, a person's session closing it), the audit log, and safe mode after a crash
 * loop. Clocks are fake: the backoff and the idle minute pass without waiting.
 */
const PIN = '472915';
let dir: string;
let services: KioskServices;
let events: KioskEvent[];

const page = { via: 'http' as const };
const call = async <T = Record<string, unknown>>(method: string, input: unknown = {}): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; messageKey?: string; details?: string[] } }> =>
  (await services.dispatch(method, input, page)) as never;

const make = (): KioskServices => {
  const s = createKioskServices(testConfig({ KIOSK_DATA_DIR: dir, KIOSK_DEVICES: 'none' }));
  s.bus.subscribe((e) => events.push(e));
  return s;
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now: new Date('2026-03-02T09:00:00Z') });
  dir = tmpDataDir('kiosk-admin');
  events = [];
  services = make();
});
afterEach(async () => {
  vi.useRealTimers();
  await services.stop();
  removeDataDir(dir);
});

const login = async (pin = PIN) => call<{ adminSession: string; idleSeconds: number }>('admin.login', { pin });

describe('admin mode', () => {
  it('keeps the technician\'s choice of document camera (高拍仪) across restarts; the page reads it but cannot set it', async () => {
    const camera = { deviceId: 'a1b2c3', label: 'USB Document Camera (1234:5678)' };
    expect(await call('capture.camera')).toEqual({ ok: true, value: { camera: null } });
    // Without admin mode the choice is refused.
    expect((await call('admin.camera', { camera })).ok).toBe(false);
    await setPin(dir, PIN);
    const session = await login();
    if (!session.ok) throw new Error('login failed');
    expect(await call('admin.camera', { adminSession: session.value.adminSession, camera })).toEqual({ ok: true, value: { camera } });
    await services.stop();
    services = make();
    expect(await call('capture.camera')).toEqual({ ok: true, value: { camera } });
  });

  it('cannot be entered before a PIN is set at install, and says how to set one', async () => {
    expect(await call('admin.status')).toMatchObject({ ok: true, value: { pinSet: false } });
    const r = await login();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.messageKey).toBe('admin.errors.noPin');
    await expect(setPin(dir, '111111')).rejects.toThrow(/repeated|run/);
    await expect(setPin(dir, '12345')).rejects.toThrow(/6 to 12 digits/);
    const file = await setPin(dir, PIN);
    // Salted argon2id, readable by the kiosk's user only; never the PIN itself.
    const stored = fs.readFileSync(file, 'utf8');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(stored).not.toContain(PIN);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect((await login()).ok).toBe(true);
  });

  it('locks after three wrong PINs, for 30 s, then 60 s, then 120 s; the right PIN is refused while locked', async () => {
    await setPin(dir, PIN);
    const wrong = async (): Promise<{ key?: string; details?: string[] }> => {
      const r = await login('000001');
      if (r.ok) throw new Error('a wrong PIN was accepted');
      return { key: r.error.messageKey, details: r.error.details };
    };
    expect(await wrong()).toEqual({ key: 'admin.errors.wrongPin', details: ['2'] });
    expect(await wrong()).toEqual({ key: 'admin.errors.wrongPin', details: ['1'] });
    expect(await wrong()).toEqual({ key: 'admin.errors.locked', details: ['30000'] });
    const locked = await login();
    expect(locked.ok || locked.error.messageKey).toBe('admin.errors.locked');
    vi.advanceTimersByTime(29_000);
    expect((await login()).ok).toBe(false);
    vi.advanceTimersByTime(1_000);
    for (let i = 0; i < 3; i++) await wrong();
    expect((await call<{ lockedForMs: number }>('admin.status'))).toMatchObject({ value: { lockedForMs: 60_000 } });

    // Pulling the plug gives no fresh tries: the lockout is kept on disk.
    await services.stop();
    services = make();
    expect((await login()).ok).toBe(false);
    vi.advanceTimersByTime(60_000);
    for (let i = 0; i < 3; i++) await wrong();
    expect((await call<{ lockedForMs: number }>('admin.status'))).toMatchObject({ value: { lockedForMs: 120_000 } });
    vi.advanceTimersByTime(120_000);
    expect((await login()).ok).toBe(true);
    // A right PIN resets the backoff.
    expect((await call<{ attemptsLeft: number; lockedForMs: number }>('admin.status'))).toMatchObject({ value: { attemptsLeft: 3, lockedForMs: 0 } });
  });

  it('admin calls need the session the services handed out; it ends after an idle minute', async () => {
    await setPin(dir, PIN);
    const denied = await call('admin.devices', {});
    expect(denied.ok || denied.error.messageKey).toBe('admin.errors.notInAdmin');
    const forged = await call('admin.devices', { adminSession: 'A'.repeat(43) });
    expect(forged.ok || forged.error.code).toBe('forbidden');

    const r = await login();
    if (!r.ok) throw new Error('login failed');
    const adminSession = r.value.adminSession;
    expect((await call('admin.devices', { adminSession })).ok).toBe(true);
    // Activity keeps it open …
    vi.advanceTimersByTime(50_000);
    expect((await call('admin.touch', { adminSession })).ok).toBe(true);
    vi.advanceTimersByTime(50_000);
    expect((await call('admin.devices', { adminSession })).ok).toBe(true);
    // … an idle minute closes it.
    vi.advanceTimersByTime(60_000);
    expect(events).toContainEqual({ type: 'admin.ended', reason: 'idle' });
    const after = await call('admin.devices', { adminSession });
    expect(after.ok || after.error.messageKey).toBe('admin.errors.notInAdmin');
    // The technician token of scripts is not an admin session, and admin methods are not technician methods.
    expect((await services.dispatch('admin.devices', {}, { via: 'http', technician: true })).ok).toBe(true);
  });

  it('a technician working the devices (a self-test moving on a pad key) keeps admin mode open', async () => {
    await setPin(dir, PIN);
    const r = await login();
    if (!r.ok) throw new Error('login failed');
    const step = (pressed: number[]): void =>
      services.bus.publish({
        type: 'admin.selfTest',
        result: { testId: 't1', kind: 'pad', outcome: 'running', detail: 'waiting', printer: null, card: null, cardError: null, pad: { waitingFor: 5 - pressed.length, pressed }, scan: null },
      });
    // No admin call for 150 s, but the pad keys kept coming: still open.
    for (const pressed of [[5], [5, 4], [5, 4, 3]]) {
      vi.advanceTimersByTime(50_000);
      step(pressed);
    }
    expect(events.some((e) => e.type === 'admin.ended')).toBe(false);
    expect((await call('admin.devices', { adminSession: r.value.adminSession })).ok).toBe(true);
    // When the keys stop, the idle minute runs as before.
    vi.advanceTimersByTime(60_000);
    expect(events).toContainEqual({ type: 'admin.ended', reason: 'idle' });
  });

  it("never while a person's session is open: login waits, and an open admin session gives way", async () => {
    await setPin(dir, PIN);
    const r = await login();
    if (!r.ok) throw new Error('login failed');
    // A person identifies an enterprise at the kiosk.
    expect((await call('session.identify', { creditCode: '91440605MA4UL2K84H' })).ok).toBe(true);
    const refused = await call('admin.devices', { adminSession: r.value.adminSession });
    expect(refused.ok || refused.error.messageKey).toBe('admin.errors.personSession');
    expect(events).toContainEqual({ type: 'admin.ended', reason: 'person' });
    const again = await login();
    expect(again.ok || again.error.messageKey).toBe('admin.errors.personSession');
    await call('session.end', { reason: 'logout' });
    expect((await login()).ok).toBe(true);
  });

  it('writes every action to the audit log, with nothing personal and never the PIN', async () => {
    await setPin(dir, PIN);
    await login('999991');
    const r = await login();
    if (!r.ok) throw new Error('login failed');
    await call('admin.recover', { adminSession: r.value.adminSession, action: 'restart-renderer' });
    const audit = await call<{ entries: Array<{ action: string; outcome: string }> }>('admin.audit', { adminSession: r.value.adminSession });
    if (!audit.ok) throw new Error('audit refused');
    expect(audit.value.entries.map((e) => `${e.action}:${e.outcome}`)).toEqual(['recover:done', 'admin.login:ok', 'admin.login:wrong-pin']);
    const text = fs.readFileSync(path.join(dir, 'admin', 'audit.jsonl'), 'utf8');
    expect(text).not.toContain(PIN);
    expect(text).not.toContain('999991');
    expect(events).toContainEqual({ type: 'kiosk.reload', reason: 'technician' });
  });
});

describe('safe mode after a crash loop', () => {
  const restart = () => services.dispatch('admin.rendererRestarted', { cause: 'crash' }, { via: 'http', technician: true });
  const reasons = () => services.health().reasons.map((r) => r.code);

  it('three restarts in five minutes are survived; the fourth puts the kiosk in safe mode, which outlives a restart', async () => {
    for (let i = 0; i < 3; i++) {
      await restart();
      vi.advanceTimersByTime(60_000);
    }
    expect(reasons()).toEqual([]);
    // Restarts older than five minutes no longer count (the first, now 5.5 minutes ago).
    vi.advanceTimersByTime(150_000);
    await restart();
    expect(reasons()).toEqual([]);
    await restart();
    expect(reasons()).toEqual(['safe-mode']);
    expect(services.health().ready).toBe(false);
    expect(events).toContainEqual({ type: 'kiosk.reload', reason: 'safe-mode' });

    await services.stop();
    services = make();
    expect(reasons()).toEqual(['safe-mode']);
    await setPin(dir, PIN);
    const r = await login();
    if (!r.ok) throw new Error('login failed');
    const left = await call<{ done: boolean }>('admin.recover', { adminSession: r.value.adminSession, action: 'leave-safe-mode' });
    expect(left).toMatchObject({ ok: true, value: { done: true } });
    expect(reasons()).toEqual([]);
  });

  it('a page cannot report restarts: only the browser supervisor with the technician token', async () => {
    const r = await services.dispatch('admin.rendererRestarted', { cause: 'crash' }, { via: 'http' });
    expect(r.ok || r.error.code).toBe('forbidden');
  });
});
