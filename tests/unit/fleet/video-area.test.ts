import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VIDEO_PATHS, type VideoExchangeAnswer } from '../../../console/wire/video';
import type { KioskEvent } from '../../../contract';
import { EventBus } from '../../../services/bridge/event-bus';
import type { FleetCallResult } from '../../../services/fleet/client';
import type { Database } from '../../../services/store/database';
import { createVideoArea } from '../../../services/video/area';
import { testAreaDeps, testConfig } from '../../support/kiosk-config';

const CALL = '5d0f7f8e-6a1c-4a55-9d0b-2f6a3c7e9b10';
const meta = { sender: 'page' } as never;

/** The kiosk services' side of a video call, against a console that answers what the test says. */
function setUp(o: { linked?: boolean } = {}) {
  const sent: Array<{ path: string; body: Record<string, unknown> }> = [];
  let answer: Omit<VideoExchangeAnswer, 'serverTime'> = { state: 'waiting', staffName: null, signals: [] };
  const bus = new EventBus();
  const events: KioskEvent[] = [];
  bus.subscribe((e) => events.push(e));
  const signed = <T>(path: string, body: unknown): Promise<FleetCallResult<T>> | null => {
    if (o.linked === false) return null;
    sent.push({ path, body: body as Record<string, unknown> });
    const value = path === VIDEO_PATHS.request ? { callId: CALL, serverTime: '' } : { ...answer, serverTime: '' };
    return Promise.resolve({ ok: true, value: value as T });
  };
  const config = testConfig({ KIOSK_ICE_SERVERS: '[{"urls":["stun:stun.hall.example:3478"]}]' });
  const area = createVideoArea(testAreaDeps({ config, db: {} as Database, bus }), {
    fleet: { signed },
    itemName: (code) => (code === 'NH-AMR-0101' ? '有限责任公司设立登记' : null),
    pollMs: 1000,
  });
  return { area, sent, events, setAnswer: (a: typeof answer) => (answer = a) };
}

describe('video calls in the kiosk services', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a kiosk without a console link says a call cannot be had', async () => {
    const { area } = setUp({ linked: false });
    expect(await area.handlers['video.start']({ audioOnly: false }, meta)).toMatchObject({ ok: false, error: { code: 'unavailable', messageKey: 'video.unavailable' } });
  });

  it('queues the call with the item and its name, relays the page\'s signals and pushes staff\'s to the page', async () => {
    const { area, sent, events, setAnswer } = setUp();
    expect(await area.handlers['video.start']({ itemCode: 'NH-AMR-0101', audioOnly: false }, meta)).toEqual({ ok: true, value: { callId: CALL, iceServers: [{ urls: ['stun:stun.hall.example:3478'] }] } });
    expect(sent[0]).toEqual({ path: VIDEO_PATHS.request, body: { item: { code: 'NH-AMR-0101', name: '有限责任公司设立登记' }, audioOnly: false } });

    setAnswer({ state: 'answered', staffName: 'staff', signals: [{ seq: 7, signal: { kind: 'item-link', itemCode: 'NH-AMR-0102', name: '个体工商户设立登记' } }] });
    await vi.advanceTimersByTimeAsync(1000);
    expect(events).toEqual([
      { type: 'video.signal', callId: CALL, signal: { kind: 'item-link', itemCode: 'NH-AMR-0102', name: '个体工商户设立登记' } },
      { type: 'video.state', callId: CALL, state: 'answered', staffName: 'staff' },
    ]);
    expect(area.holdsSession?.()).toBe(true);

    setAnswer({ state: 'answered', staffName: 'staff', signals: [] });
    await area.handlers['video.send']({ callId: CALL, signals: [{ kind: 'offer', sdp: 'v=0' }] }, meta);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.at(-1)).toEqual({ path: VIDEO_PATHS.exchange, body: { callId: CALL, after: 7, signals: [{ kind: 'offer', sdp: 'v=0' }] } });
  });

  it('the end of the visit hangs the call up; a call-back request stays with the hall', async () => {
    const live = setUp();
    await live.area.handlers['video.start']({ audioOnly: true }, meta);
    await live.area.wipeSession?.();
    expect(live.sent.at(-1)?.body).toMatchObject({ callId: CALL, signals: [{ kind: 'hangup' }] });
    expect(live.events.at(-1)).toEqual({ type: 'video.state', callId: CALL, state: 'ended', staffName: null });
    expect(live.area.holdsSession?.()).toBe(false);

    const waiting = setUp();
    await waiting.area.handlers['video.start']({ audioOnly: false }, meta);
    waiting.setAnswer({ state: 'callback', staffName: null, signals: [] });
    await waiting.area.handlers['video.callback']({ callId: CALL }, meta);
    await vi.advanceTimersByTimeAsync(0);
    expect(waiting.sent.at(-1)?.body).toMatchObject({ callback: true });
    const before = waiting.sent.length;
    await waiting.area.wipeSession?.();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(waiting.sent.length).toBe(before);
  });
});
