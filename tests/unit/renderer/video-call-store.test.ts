import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KioskBridge, KioskEvent } from '../../../contract';
import { setBridge } from '../../../renderer/src/bridge';
import { useVideoCallStore } from '../../../renderer/src/features/video-help/store';

const CALL = '5d0f7f8e-6a1c-4a55-9d0b-2f6a3c7e9b10';

/** The page's store against a bridge that records calls, with a microphone and no camera (a voice call needs no WebRTC here). */
function setUp(o: { devices?: boolean; console?: boolean } = {}) {
  const calls: Array<{ method: string; input: unknown }> = [];
  let listener: (e: KioskEvent) => void = () => undefined;
  const bridge: KioskBridge = {
    call: (method, input) => {
      calls.push({ method, input });
      if (method === 'video.start') return Promise.resolve(o.console === false ? { ok: false, error: { code: 'unavailable', message: 'x' } } : ({ ok: true, value: { callId: CALL, iceServers: [] } } as never));
      return Promise.resolve({ ok: true, value: { state: 'ended' } } as never);
    },
    subscribe: (l) => ((listener = l), () => undefined),
  };
  setBridge(bridge);
  const stopped: string[] = [];
  const stream = { getVideoTracks: () => [], getTracks: () => [{ stop: () => stopped.push('mic') }] };
  vi.stubGlobal('navigator', {
    mediaDevices: {
      getUserMedia: (c: { video?: unknown }) => (o.devices === false || c.video ? Promise.reject(new Error('NotFoundError')) : Promise.resolve(stream)),
    },
  });
  setActivePinia(createPinia());
  return { store: useVideoCallStore(), calls, push: (e: KioskEvent) => listener(e), stopped };
}

describe('the page\'s video call', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('without a camera the call is queued as a voice call, and the person is told why', async () => {
    const { store, calls } = setUp();
    await store.start({ itemCode: 'NH-AMR-0101' });
    expect(calls[0]).toEqual({ method: 'video.start', input: { itemCode: 'NH-AMR-0101', audioOnly: true } });
    expect(store.phase).toBe('waiting');
    expect(store.mode).toBe('audio');
    expect(store.mediaProblem).toBe('no-camera');
  });

  it('without any device nothing is queued; without the hall console the microphone is let go', async () => {
    const none = setUp({ devices: false });
    await none.store.start();
    expect(none.calls).toEqual([]);
    expect([none.store.phase, none.store.mediaProblem]).toEqual(['unavailable', 'no-devices']);

    const unlinked = setUp({ console: false });
    await unlinked.store.start();
    expect([unlinked.store.phase, unlinked.store.consoleUnavailable]).toEqual(['unavailable', true]);
    expect(unlinked.stopped).toEqual(['mic']);
  });

  it('waiting for staff pauses the idle timeout for at most 15 minutes; a call-back request too', async () => {
    const { store, calls } = setUp();
    await store.start();
    expect(store.inCall).toBe(true);
    await vi.advanceTimersByTimeAsync(15 * 60_000);
    expect(store.inCall).toBe(false);

    // Tired of waiting: staff are asked to come to the kiosk instead.
    await store.askCallBack();
    expect(calls.at(-1)).toEqual({ method: 'video.callback', input: { callId: CALL } });
    expect(store.phase).toBe('callback');
    expect(store.inCall).toBe(true);
    await vi.advanceTimersByTimeAsync(15 * 60_000);
    expect(store.inCall).toBe(false);
  });

  it('staff ending the call brings the page back to idle, items and hints gone', async () => {
    const { store, push } = setUp();
    await store.start();
    push({ type: 'video.signal', callId: CALL, signal: { kind: 'hint', text: '请带上营业执照' } });
    push({ type: 'video.signal', callId: 'another-call', signal: { kind: 'item-link', itemCode: 'X', name: '别的' } });
    expect(store.hints).toEqual([{ fieldId: null, text: '请带上营业执照' }]);
    expect(store.itemLinks).toEqual([]);
    push({ type: 'video.state', callId: CALL, state: 'ended', staffName: 'staff' });
    expect([store.phase, store.callId, store.hints.length]).toEqual(['idle', null, 0]);
  });
});
