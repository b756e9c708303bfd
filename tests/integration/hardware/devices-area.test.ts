import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskEvent } from '../../../contract';
import { removeDataDir, testConfig } from '../../support/kiosk-config';
import { createKioskServices, type KioskServices } from '../../../services/kiosk-services';
import { control } from '../../../hardware/testing/simulators/spawn';

/** The devices area as the kiosk runs it: simulated set on socat PTYs, events on the bus, /healthz. */
let services: KioskServices;
let dataDir: string;
const events: KioskEvent[] = [];
let sims: Record<string, { control: string; pty: string; pid: number }> = {};

const waitEvent = async <T extends KioskEvent['type']>(type: T, timeoutMs = 6000): Promise<Extract<KioskEvent, { type: T }>> => {
  const start = Date.now();
  for (;;) {
    const found = events.find((e) => e.type === type);
    if (found) {
      events.splice(events.indexOf(found), 1);
      return found as Extract<KioskEvent, { type: T }>;
    }
    if (Date.now() - start > timeoutMs) throw new Error(`no ${type} event within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-devices-'));
  const env = { KIOSK_DATA_DIR: dataDir, KIOSK_DEVICES: 'simulated', KIOSK_DEVICES_FAST: '1', KIOSK_ID: 'test-kiosk', KIOSK_READER_REMOVAL: 'reliable' };
  services = createKioskServices(testConfig(env));
  services.bus.subscribe((e) => events.push(e));
  await services.start();
  const file = JSON.parse(fs.readFileSync(path.join(dataDir, 'simulators.json'), 'utf8')) as { simulators: Array<{ role: string; control: string; pty: string; pid: number }> };
  sims = Object.fromEntries(file.simulators.map((s) => [s.role, s]));
  const deadline = Date.now() + 40_000;
  while (!services.health().devices.every((d) => d.state === 'ready')) {
    if (Date.now() > deadline) throw new Error(`devices not ready: ${JSON.stringify(services.health().devices)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
});

afterAll(async () => {
  await services?.stop();
  removeDataDir(dataDir);
});

describe('devices area with the simulated set', () => {
  it('writes simulators.json with each role, PTY and loopback control URL', () => {
    expect(Object.keys(sims).sort()).toEqual(['idReader', 'pad', 'printer', 'scanner']);
    for (const s of Object.values(sims)) {
      expect(s.control).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(fs.existsSync(s.pty)).toBe(true);
    }
    const health = services.health();
    expect(health.devices.every((d) => d.simulated)).toBe(true);
  });

  it('publishes card.read masked for an inserted card, binds its holder, and keeps the name and address out of the log', async () => {
    await control(sims.idReader!.control, 'POST /card/insert', { card: 'expired' });
    const { card } = await waitEvent('card.read');
    expect(card).toMatchObject({ nameMasked: '陈*试', idNumberMasked: '440605********0047', expired: true, cardType: 'resident' });
    expect(JSON.stringify(card)).not.toContain('陈测试');
    // An expired card identifies nobody; its holder is still the card the services hold.
    expect(await services.dispatch('session.identify', {}, { via: 'test' })).toMatchObject({ ok: true, value: { person: null } });
    services.log.info('holder is 陈测试 at 广东省佛山市南海区狮山镇罗村街道联星社区测试路3号');
    const logText = fs.readFileSync(path.join(dataDir, 'logs', 'kiosk.log'), 'utf8');
    expect(logText).not.toContain('陈测试');
    expect(logText).not.toContain('联星社区');
    expect(logText).not.toContain('44060519851123004');
    await control(sims.idReader!.control, 'POST /card/remove');
    await waitEvent('card.removed');
  });

  it('prints through the bridge and returns the SVG preview; paper out gives a typed refusal', async () => {
    const receipt = { title: '南海区政务服务中心', fields: [{ label: '办件编号', value: 'GD2026112500012' }], qr: 'https://z.gd.gov.cn/q?t=ABC123', stamp: '已办结' };
    const r = await services.dispatch('printer.print', { receipt }, { via: 'test' });
    expect(r).toMatchObject({ ok: true, value: { printed: true, condition: 'ok' } });
    expect(r.ok && (r.value as { previewSvg: string }).previewSvg).toMatch(/^<svg/);
    const last = await control<{ text: string; qr: string[] }>(sims.printer!.control, 'GET /printer/last');
    expect(last.text).toContain('办件编号');
    expect(last.qr).toEqual(['https://z.gd.gov.cn/q?t=ABC123']);
    await control(sims.printer!.control, 'POST /printer/paper-out');
    const refused = await services.dispatch('printer.print', { receipt }, { via: 'test' });
    expect(refused).toMatchObject({ ok: true, value: { printed: false, condition: 'paper-out' } });
    await control(sims.printer!.control, 'POST /printer/paper-back');
  });

  it('lights the pad for a transaction and publishes the rating with its transaction', async () => {
    const r = await services.dispatch('pad.requestRating', { transactionId: 'TX-1' }, { via: 'test' });
    expect(r).toMatchObject({ ok: true, value: { requested: true } });
    // The pad offers the kiosk's 差评 options, pushed at connect; it echoes codes, the area maps them back.
    const { reasonTable } = await control<{ reasonTable: { entries: { code: number; label: string }[] } }>(sims.pad!.control, 'GET /pad/state');
    expect(reasonTable.entries.find((e) => e.label === '多次跑动')).toEqual({ code: 3, label: '多次跑动' });
    await control(sims.pad!.control, 'POST /pad/press', { level: 1, reasons: [3] });
    const rating = await waitEvent('pad.rating');
    expect(rating).toMatchObject({ transactionId: 'TX-1', level: 1, levelName: '非常不满意', reasons: ['repeated-visits'] });
  });

  it('a session end switches off a pad still waiting for a rating: the next request is not refused', async () => {
    const lit = await services.dispatch('pad.requestRating', { transactionId: 'TX-LEFT' }, { via: 'test' });
    expect(lit).toMatchObject({ ok: true, value: { requested: true } });
    expect((await control<{ activeSession: number | null }>(sims.pad!.control, 'GET /pad/state')).activeSession).not.toBeNull();
    // A renderer restarts while the pad is lit: its start ends the session, and with it the rating.
    const ended = await services.dispatch('session.end', { reason: 'renderer-start' }, { via: 'test' });
    expect(ended).toMatchObject({ ok: true, value: { wiped: true, hadSession: true } });
    expect((await control<{ activeSession: number | null }>(sims.pad!.control, 'GET /pad/state')).activeSession).toBeNull();
    const again = await services.dispatch('pad.requestRating', { transactionId: 'TX-NEXT' }, { via: 'test' });
    expect(again).toMatchObject({ ok: true, value: { requested: true } });
    await control(sims.pad!.control, 'POST /pad/press', { level: 5, reasons: [] });
    expect(await waitEvent('pad.rating')).toMatchObject({ transactionId: 'TX-NEXT', level: 5 });
    // Nothing held any more: a second end says so.
    expect(await services.dispatch('session.end', { reason: 'renderer-start' }, { via: 'test' })).toMatchObject({ ok: true, value: { hadSession: false } });
  });

  it('card.reread reads a card left on the reader again as a new read, and says when there is none', async () => {
    expect(await services.dispatch('card.reread', {}, { via: 'test' })).toMatchObject({ ok: true, value: { outcome: 'no-card' } });
    await control(sims.idReader!.control, 'POST /card/insert', { card: 'valid' });
    const first = await waitEvent('card.read');
    events.length = 0;
    const again = await services.dispatch('card.reread', {}, { via: 'test' });
    expect(again).toMatchObject({ ok: true, value: { outcome: 'card', card: { holder: first.card.holder, nameMasked: '黄*试' } } });
    // The re-read binds the holder again: the session's person is the card on the reader.
    expect(await services.dispatch('session.identify', {}, { via: 'test' })).toMatchObject({ ok: true, value: { person: { holder: first.card.holder } } });
    // The answer goes to the caller only: nothing is published, the reader still waits for the lift.
    expect(events.filter((e) => e.type.startsWith('card.'))).toEqual([]);
    await control(sims.idReader!.control, 'POST /card/insert', { card: 'unreadable' });
    await waitEvent('card.error');
    expect(await services.dispatch('card.reread', {}, { via: 'test' })).toMatchObject({ ok: true, value: { outcome: 'error', reasonKey: 'card.unreadable' } });
    // Swapping cards may have reported the first one lifted: wait for this card's removal only.
    events.length = 0;
    await control(sims.idReader!.control, 'POST /card/remove');
    await waitEvent('card.removed');
    expect(await services.dispatch('card.reread', {}, { via: 'test' })).toMatchObject({ ok: true, value: { outcome: 'no-card' } });
  });

  it('publishes scanner.scan', async () => {
    await control(sims.scanner!.control, 'POST /scanner/scan', { text: 'EBL-TEST-TOKEN-0001' });
    expect((await waitEvent('scanner.scan')).text).toBe('EBL-TEST-TOKEN-0001');
  });

  it('reports an unplugged device in /healthz and device.status, and its return', async () => {
    events.length = 0;
    await control(sims.pad!.control, 'POST /unplug');
    await expect.poll(() => services.health().devices.find((d) => d.role === 'pad')?.state).toBe('disconnected');
    await control(sims.pad!.control, 'POST /replug');
    await expect.poll(() => services.health().devices.find((d) => d.role === 'pad')?.state).toBe('ready');
    const padEvents = events.filter((e) => e.type === 'device.status' && e.status.role === 'pad').map((e) => (e.type === 'device.status' ? e.status.state : ''));
    expect(padEvents).toContain('disconnected');
    expect(padEvents.at(-1)).toBe('ready');
  });

  it('leaves no simulator or socat process behind after stop', async () => {
    const pids = Object.values(sims).map((s) => s.pid);
    await services.stop();
    const alive = pids.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
    const socats = (() => {
      try {
        return execFileSync('pgrep', ['-f', `^socat .*${dataDir}`]).toString().trim();
      } catch {
        return ''; // pgrep exits 1 when nothing matches
      }
    })();
    expect(socats).toBe('');
    // A second stop (afterAll) must be harmless.
    services = { ...services, stop: async () => undefined };
  });
});
