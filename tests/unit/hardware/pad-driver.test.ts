import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EvaluationPad, PadRequestError } from '../../../hardware/drivers/pad/driver';
import { Kep1Decoder } from '../../../hardware/protocols/pad/frame';
import { CMD, type PadRating, type PadReasonTable } from '../../../hardware/protocols/pad/messages';
import { FAST_BACKOFF, nextEvent, simulateOnMock, startReady, type MockRig } from './mock-devices';

/** The pad driver against the KEP/1 pad simulator's device logic, in-process on a mock port. */
const REASONS: PadReasonTable = { version: 1, entries: [{ code: 1, label: '等候时间长' }, { code: 2, label: '服务态度不好' }] };
type PadState = { activeSession: number | null; reasonTable: PadReasonTable | null; unacked: number };

let rig: MockRig;
let pad: EvaluationPad;

beforeEach(async () => {
  rig = simulateOnMock('pad');
  pad = await startReady(new EvaluationPad({
    path: rig.path, baudRate: 115200, transport: rig.transport, timeoutMs: 250, retries: 1, heartbeatMs: 50, backoff: FAST_BACKOFF,
    reasonTable: REASONS,
  }));
});

afterEach(async () => {
  await pad.stop();
});

describe('evaluation pad driver on a mock port', () => {
  it('asks the pad who it is, gives it the reason table, and reports ready', async () => {
    expect(pad.status.reason).toBe('pad answered (SIM-PAD;1.0.0;SIM0001); reason table v1 with 2 reasons');
    const sent = new Kep1Decoder().push(rig.device.written).flatMap((d) => (d.kind === 'message' ? [d.message.cmd] : []));
    expect(sent.slice(0, 2)).toEqual([CMD.getInfo, CMD.setReasons]);
    expect((await rig.act<PadState>('GET /pad/state')).reasonTable).toEqual(REASONS);
  });

  it('lights the pad for a session and reports the rating with its level and reasons, acknowledged', async () => {
    await pad.requestRating(12346, { timeoutSeconds: 30, reasonRequired: true });
    expect((await rig.act<PadState>('GET /pad/state')).activeSession).toBe(12346);
    const rating = nextEvent<PadRating>(pad, 'rating');
    await rig.act('POST /pad/press', { level: 2, reasons: [1, 2] });
    expect(await rating).toEqual({ session: 12346, level: 2, reasons: [1, 2] });
    // The driver's ACK reached the pad, which stops resending the event.
    await expect.poll(async () => (await rig.act<PadState>('GET /pad/state')).unacked).toBe(0);
  });

  it('gets a typed refusal when a second session is requested while one is lit', async () => {
    await pad.requestRating(1, {});
    await expect(pad.requestRating(2, {})).rejects.toBeInstanceOf(PadRequestError);
    await pad.cancelRating(1);
  });

  it('goes disconnected when unplugged and, plugged back after losing power, gets its reason table again', async () => {
    const down = pad.waitFor('disconnected', 5_000);
    rig.device.unplug();
    expect((await down).reason).toBe('port disconnected');
    await rig.act('POST /pad/power-cycle');
    expect((await rig.act<PadState>('GET /pad/state')).reasonTable).toBeNull();
    rig.device.plug();
    await pad.waitFor('ready', 5_000);
    expect((await rig.act<PadState>('GET /pad/state')).reasonTable).toEqual(REASONS);
  });

  it('goes disconnected after missed heartbeats when the pad falls silent, and recovers', async () => {
    rig.device.silent = true;
    expect((await pad.waitFor('disconnected', 5_000)).reason).toMatch(/^pad missed 3 heartbeat\(s\): NoAnswerError: PING: no answer after 2 attempt\(s\) of 250 ms$/);
    rig.device.silent = false;
    await pad.waitFor('ready', 5_000);
  });
});
