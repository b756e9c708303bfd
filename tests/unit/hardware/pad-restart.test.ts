import { afterEach, describe, expect, it } from 'vitest';
import { EvaluationPad } from '../../../hardware/drivers/pad/driver';
import type { PadRating, PadReasonTable } from '../../../hardware/protocols/pad/messages';
import { FAST_BACKOFF, nextEvent, simulateOnMock, startReady, type MockRig } from './mock-devices';

/**
 * A pad that restarts loses its reason table (and a lit session): the kiosk notices from its uptime —
 * however soon after its start and after a stall — and, failing that, from the pad refusing a rating.
 */
const REASONS: PadReasonTable = { version: 3, entries: [{ code: 1, label: '等候时间长' }, { code: 2, label: '服务态度不好' }] };
type PadState = { activeSession: number | null; reasonTable: PadReasonTable | null };

let pad: EvaluationPad | null = null;
afterEach(async () => {
  await pad?.stop();
  pad = null;
});

const start = async (rig: MockRig, heartbeatMs: number): Promise<EvaluationPad> => {
  pad = await startReady(new EvaluationPad({ path: rig.path, baudRate: 115200, transport: rig.transport, timeoutMs: 250, retries: 1, heartbeatMs, backoff: FAST_BACKOFF, reasonTable: REASONS }));
  return pad;
};
const tableOnPad = async (rig: MockRig): Promise<PadReasonTable | null> => (await rig.act<PadState>('GET /pad/state')).reasonTable;

describe('evaluation pad restarts', () => {
  it('restarting before the first heartbeat is noticed and its table given again', async () => {
    const rig = simulateOnMock('pad');
    // Running for a while before the kiosk connects; restarted right after the kiosk set it up.
    await rig.act('POST /pad/power-cycle');
    await new Promise((r) => setTimeout(r, 2_100));
    const p = await start(rig, 300);
    const restarted = nextEvent<string>(p, 'restarted', 3_000);
    await rig.act('POST /pad/power-cycle');
    expect(await tableOnPad(rig)).toBeNull();
    expect(await restarted).toBe('uptime restarted');
    expect(await tableOnPad(rig)).toEqual(REASONS);
  });

  it('a lit session the pad forgot is lit again, so a 差评 on it still counts', async () => {
    const rig = simulateOnMock('pad');
    const p = await start(rig, 50);
    await p.requestRating(4242, { reasonRequired: true, timeoutSeconds: 60 });
    // Restarted within its first second: the uptime cannot show it, the dark session does.
    await rig.act('POST /pad/power-cycle');
    await expect.poll(async () => (await rig.act<PadState>('GET /pad/state')).activeSession, { timeout: 3_000 }).toBe(4242);
    expect(await tableOnPad(rig)).toEqual(REASONS);
    const rating = nextEvent<PadRating>(p, 'rating');
    await rig.act('POST /pad/press', { level: 1, reasons: [2] });
    expect(await rating).toEqual({ session: 4242, level: 1, reasons: [2] });
  });

  it('a restart no heartbeat saw: the refused rating request reloads the table and is repeated', async () => {
    const rig = simulateOnMock('pad');
    // Heartbeats far apart: the restart happens between them.
    const p = await start(rig, 60_000);
    await rig.act('POST /pad/power-cycle');
    const restarted = nextEvent<string>(p, 'restarted');
    await p.requestRating(7, { reasonRequired: true, timeoutSeconds: 30 });
    expect(await restarted).toMatch(/refused a rating request/);
    expect(await rig.act<PadState>('GET /pad/state')).toMatchObject({ activeSession: 7, reasonTable: REASONS });
  });

  it('a pad that only stalled (no restart) is not set up again', async () => {
    const rig = simulateOnMock('pad');
    const p = await start(rig, 50);
    let restarts = 0;
    p.onRestarted(() => (restarts += 1));
    rig.device.silent = true;
    await new Promise((r) => setTimeout(r, 200));
    rig.device.silent = false;
    await new Promise((r) => setTimeout(r, 1_200));
    expect(p.status.state).toBe('ready');
    expect(restarts).toBe(0);
  });
});
