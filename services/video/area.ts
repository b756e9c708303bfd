import { VIDEO_PATHS, videoExchangeAnswer, videoRequestAnswer, type CallState, type VideoSignal } from '../../console/wire/video';
import { fail, ok } from '../../contract';
import type { CallSignal, videoApi, VideoCallState } from '../../contract/api/video';
import type { AreaDeps, ServiceArea } from '../area';
import type { FleetPort } from '../fleet/area';

// The bridge's signals and the console's are one shape, declared twice (the contract may not import the console's wire).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameSignals: Same<CallSignal, VideoSignal> & Same<VideoCallState, CallState> = true;
void sameSignals;

export interface VideoAreaOptions {
  readonly fleet: Pick<FleetPort, 'signed'>;
  /** The item's name in the installed content (the queue shows it to staff). */
  readonly itemName: (code: string) => string | null;
  /** How often a call in progress asks the console for staff's signals. */
  readonly pollMs?: number;
}

interface ActiveCall {
  readonly id: string;
  state: VideoCallState;
  staffName: string | null;
  after: number;
  outgoing: VideoSignal[];
  callback: boolean;
  timer: NodeJS.Timeout | null;
  busy: boolean;
}

/**
 * 视频办事: the kiosk page's video calls with hall staff, relayed through the fleet console over this
 * kiosk's signed link. One call at a time; while it lasts the services ask the console about once a
 * second (the page's signals out, staff's in, pushed to the page as events). The media never pass
 * here: they flow between the two browsers. Nothing personal: the item the person was on, SDP, hints.
 */
export function createVideoArea(deps: AreaDeps, o: VideoAreaOptions): ServiceArea<typeof videoApi> {
  const { bus, log, config } = deps;
  const pollMs = o.pollMs ?? 1_000;
  let call: ActiveCall | null = null;

  const publishState = (c: ActiveCall): void => bus.publish({ type: 'video.state', callId: c.id, state: c.state, staffName: c.staffName });

  const stop = (c: ActiveCall): void => {
    if (c.timer) clearTimeout(c.timer);
    c.timer = null;
    if (call === c) call = null;
  };

  const turn = async (c: ActiveCall): Promise<void> => {
    if (c.busy || call !== c) return;
    c.busy = true;
    const signals = c.outgoing.splice(0, 40);
    const pending = o.fleet.signed(VIDEO_PATHS.exchange, { callId: c.id, after: c.after, signals, ...(c.callback ? { callback: true } : {}) }, videoExchangeAnswer);
    const r = pending ? await pending : null;
    c.busy = false;
    if (!r?.ok) {
      // Not heard: the signals go again next turn (the console stores them once a call is answered).
      c.outgoing.unshift(...signals);
      if (r && !('unreachable' in r)) log.warn('video: the console refused a call turn', { code: r.refusal.code });
    } else {
      for (const s of r.value.signals) {
        c.after = Math.max(c.after, s.seq);
        bus.publish({ type: 'video.signal', callId: c.id, signal: s.signal });
      }
      if (r.value.state !== c.state || r.value.staffName !== c.staffName) {
        c.state = r.value.state;
        c.staffName = r.value.staffName;
        publishState(c);
      }
      if (c.state === 'ended') {
        log.info('video: call ended', { call: c.id });
        return stop(c);
      }
    }
    if (call === c) schedule(c, c.state === 'callback' ? pollMs * 5 : pollMs);
  };
  const schedule = (c: ActiveCall, ms: number): void => {
    if (c.timer) clearTimeout(c.timer);
    c.timer = setTimeout(() => void turn(c).catch((err: unknown) => log.error('video: call turn failed', { error: err instanceof Error ? err.message : String(err) })), ms);
    c.timer.unref();
  };

  /** Ends the call on this side and tells the console (best effort: a kiosk that stops asking drops off the queue anyway). */
  const hangUp = async (c: ActiveCall): Promise<void> => {
    stop(c);
    const pending = o.fleet.signed(VIDEO_PATHS.exchange, { callId: c.id, after: c.after, signals: [{ kind: 'hangup' }] }, videoExchangeAnswer);
    await pending?.catch(() => undefined);
    c.state = 'ended';
    publishState(c);
    log.info('video: call hung up at the kiosk', { call: c.id });
  };

  const current = (callId: string): ActiveCall | null => (call?.id === callId ? call : null);

  return {
    handlers: {
      'video.start': async ({ itemCode, audioOnly }) => {
        if (call) await hangUp(call);
        const name = itemCode ? o.itemName(itemCode) : null;
        const pending = o.fleet.signed(VIDEO_PATHS.request, { item: itemCode && name ? { code: itemCode, name: name.slice(0, 80) } : null, audioOnly }, videoRequestAnswer);
        if (!pending) return fail('unavailable', 'this kiosk is not linked to a hall console', { messageKey: 'video.unavailable' });
        const r = await pending;
        if (!r.ok) return fail('unavailable', 'the hall console cannot be reached', { messageKey: 'video.unavailable' });
        const c: ActiveCall = { id: r.value.callId, state: 'waiting', staffName: null, after: 0, outgoing: [], callback: false, timer: null, busy: false };
        call = c;
        log.info('video: call queued', { call: c.id, item: itemCode ?? null, audioOnly });
        schedule(c, pollMs);
        return ok({ callId: c.id, iceServers: config.video.iceServers.map((s) => ({ ...s, urls: [...s.urls] })) });
      },
      'video.send': ({ callId, signals }) => {
        const c = current(callId);
        if (!c) return Promise.resolve(fail('not-found', 'no such call in progress'));
        c.outgoing.push(...signals.filter((s) => s.kind !== 'hangup'));
        // Sent at once rather than at the next turn: an offer should not wait a second.
        if (!c.busy) schedule(c, 0);
        return Promise.resolve(ok({ queued: c.outgoing.length }));
      },
      'video.callback': ({ callId }) => {
        const c = current(callId);
        if (!c) return Promise.resolve(fail('not-found', 'no such call in progress'));
        c.callback = true;
        c.state = 'callback';
        log.info('video: the person asked to be helped at the kiosk instead', { call: c.id });
        if (!c.busy) schedule(c, 0);
        return Promise.resolve(ok({ state: c.state }));
      },
      'video.hangup': async ({ callId }) => {
        const c = current(callId);
        if (c) await hangUp(c);
        return ok({ state: 'ended' as const });
      },
    },
    holdsSession: () => call !== null && call.state !== 'callback',
    wipeSession: async () => {
      // A live call ends with the visit; a call-back request stays in the hall's queue (staff walk over), unpolled.
      if (!call) return;
      if (call.state === 'callback') stop(call);
      else await hangUp(call);
    },
    stop: async () => {
      if (call) stop(call);
    },
  };
}
