import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { CallSignal } from '../../../../contract';
import { useBridge } from '../../bridge';
import { registerSessionReset } from '../../stores/session';
import { maskScreen, readScreen } from './mirror';
import { countersOf, nextCallMode, sampleBetween, type CallMode, type LinkSample, type StatsCounters } from './quality';
import { openKioskPeer, openMedia, type KioskPeer, type MediaProblem } from './rtc';

/**
 * idle: no call; waiting: in the hall's queue; connecting: staff answered, media being set up;
 * connected: talking; callback: the network could not carry the call, staff come to the kiosk;
 * unavailable: no camera nor microphone, or the hall's console cannot be reached.
 */
export type VideoPhase = 'idle' | 'starting' | 'waiting' | 'connecting' | 'connected' | 'callback' | 'unavailable';

const STATS_EVERY_MS = 2_000;
const MIRROR_EVERY_MS = 1_000;
/** Longest the idle timeout waits for staff to answer, or to walk over after a call-back request (as for a 帮办 call). */
const WAIT_MAX_MS = 15 * 60_000;

/** 视频办事: the person's video call with hall staff (at most one), kept across screens, ended with the visit. */
export const useVideoCallStore = defineStore('video-help', () => {
  const phase = ref<VideoPhase>('idle');
  const mode = ref<CallMode>('video');
  const callId = ref<string | null>(null);
  const staffName = ref<string | null>(null);
  const local = shallowRef<MediaStream | null>(null);
  const remote = shallowRef<MediaStream | null>(null);
  const mediaProblem = ref<MediaProblem | null>(null);
  const consoleUnavailable = ref(false);
  /** The person agreed to share their (masked) screen; they can take it back at any time. */
  const sharing = ref(false);
  const itemLinks = ref<{ itemCode: string; name: string }[]>([]);
  const hints = ref<{ fieldId: string | null; text: string }[]>([]);
  let peer: KioskPeer | null = null;
  let iceServers: { urls: string[]; username?: string; credential?: string }[] = [];
  let timers: ReturnType<typeof setInterval>[] = [];
  let lastMirror = '';
  const waitOver = ref(false);
  let waitTimer: ReturnType<typeof setTimeout> | undefined;
  const bridge = useBridge();

  const send = (signals: CallSignal[]): void => {
    if (callId.value) void bridge.call('video.send', { callId: callId.value, signals });
  };

  const cleanUp = (): void => {
    for (const t of timers) clearInterval(t);
    timers = [];
    peer?.close();
    peer = null;
    for (const t of local.value?.getTracks() ?? []) t.stop();
    local.value = null;
    remote.value = null;
    sharing.value = false;
    lastMirror = '';
  };
  const reset = (): void => {
    cleanUp();
    clearTimeout(waitTimer);
    waitOver.value = false;
    phase.value = 'idle';
    mode.value = 'video';
    callId.value = null;
    staffName.value = null;
    mediaProblem.value = null;
    consoleUnavailable.value = false;
    itemLinks.value = [];
    hints.value = [];
  };

  const pushMirror = (force = false): void => {
    const channel = peer?.mirror;
    if (!sharing.value || channel?.readyState !== 'open') return;
    const main = document.getElementById('main');
    if (!main) return;
    const snapshot = JSON.stringify({ type: 'screen', ...maskScreen(location.pathname, readScreen(main)) });
    if (!force && snapshot === lastMirror) return;
    lastMirror = snapshot;
    channel.send(snapshot);
  };

  const watchQuality = (): void => {
    let before: StatsCounters | null = null;
    const samples: LinkSample[] = [];
    timers.push(
      setInterval(() => {
        const pc = peer?.pc;
        if (!pc) return;
        void pc.getStats().then((report) => {
          const now = countersOf(report.values() as Iterable<Record<string, unknown>>, Date.now(), pc.iceConnectionState === 'connected' || pc.iceConnectionState === 'completed');
          if (before) samples.push(sampleBetween(before, now));
          before = now;
          if (samples.length > 10) samples.shift();
          const next = nextCallMode(mode.value, samples);
          if (next === 'audio') void toAudio();
          else if (next === 'callback') void askCallBack();
        });
      }, STATS_EVERY_MS),
    );
  };

  const connect = async (): Promise<void> => {
    if (peer || !local.value) return;
    phase.value = 'connecting';
    const opened = openKioskPeer({
      iceServers,
      local: local.value,
      send,
      onRemote: (s) => (remote.value = s),
      onConnection: (s) => {
        if (s === 'connected' && phase.value === 'connecting') phase.value = 'connected';
      },
    });
    peer = opened.peer;
    peer.mirror.onopen = () => pushMirror(true);
    timers.push(setInterval(() => pushMirror(), MIRROR_EVERY_MS));
    watchQuality();
    await opened.offer;
  };

  /** The person is told to wait for staff: the idle timeout pauses, for at most WAIT_MAX_MS, so a visit whose owner left still ends. */
  const startWaiting = (): void => {
    clearTimeout(waitTimer);
    waitOver.value = false;
    waitTimer = setTimeout(() => (waitOver.value = true), WAIT_MAX_MS);
  };
  /** The call is over; staff come to the kiosk. The person is told to wait here, for a while. */
  const toCallback = (): void => {
    if (phase.value === 'callback') return;
    cleanUp();
    mode.value = 'callback';
    phase.value = 'callback';
    startWaiting();
  };

  const onSignal = async (s: CallSignal): Promise<void> => {
    if (s.kind === 'answer' || s.kind === 'ice') await peer?.take(s);
    else if (s.kind === 'item-link') itemLinks.value = [...itemLinks.value.filter((l) => l.itemCode !== s.itemCode), { itemCode: s.itemCode, name: s.name }];
    else if (s.kind === 'hint') hints.value = [...hints.value, { fieldId: s.fieldId ?? null, text: s.text }].slice(-5);
  };

  bridge.subscribe((e) => {
    if (e.type === 'video.state' && e.callId === callId.value) {
      staffName.value = e.staffName;
      if (e.state === 'answered') void connect();
      else if (e.state === 'ended') reset();
      else if (e.state === 'callback') toCallback();
    } else if (e.type === 'video.signal' && e.callId === callId.value) void onSignal(e.signal);
  });

  /** Starts a call: the camera and microphone first (what the person can have), then a place in the hall's queue. */
  const start = async (o: { itemCode?: string; audioOnly?: boolean } = {}): Promise<void> => {
    if (phase.value !== 'idle' && phase.value !== 'unavailable') return;
    reset();
    phase.value = 'starting';
    const media = await openMedia(o.audioOnly ?? false);
    mediaProblem.value = media.problem;
    if (!media.stream) {
      phase.value = 'unavailable';
      return;
    }
    local.value = media.stream;
    mode.value = media.stream.getVideoTracks().length > 0 ? 'video' : 'audio';
    const r = await bridge.call('video.start', { ...(o.itemCode ? { itemCode: o.itemCode } : {}), audioOnly: mode.value === 'audio' });
    if (!r.ok) {
      cleanUp();
      consoleUnavailable.value = true;
      phase.value = 'unavailable';
      return;
    }
    callId.value = r.value.callId;
    iceServers = r.value.iceServers;
    phase.value = 'waiting';
    startWaiting();
  };

  const toAudio = async (): Promise<void> => {
    if (mode.value !== 'video') return;
    mode.value = 'audio';
    await peer?.dropVideo();
    send([{ kind: 'mode', mode: 'audio' }]);
  };
  /** A poor network, or no wish to wait for the call: staff come to the kiosk instead. */
  const askCallBack = async (): Promise<void> => {
    if (!callId.value || phase.value === 'callback') return;
    const id = callId.value;
    toCallback();
    await bridge.call('video.callback', { callId: id });
  };
  const hangUp = async (): Promise<void> => {
    const id = callId.value;
    reset();
    if (id) await bridge.call('video.hangup', { callId: id });
  };

  const share = (on: boolean): void => {
    sharing.value = on;
    lastMirror = '';
    if (on) pushMirror(true);
    // Taking consent back clears staff's view at once.
    else if (peer?.mirror.readyState === 'open') peer.mirror.send(JSON.stringify({ type: 'stopped' }));
  };

  registerSessionReset(() => reset(), () => phase.value !== 'idle' && phase.value !== 'unavailable');
  /** The idle timeout pauses: talking to staff, waiting for them to answer, or (for a while) to walk over. */
  const inCall = computed(() => phase.value === 'connecting' || phase.value === 'connected' || ((phase.value === 'waiting' || phase.value === 'callback') && !waitOver.value));
  return { phase, mode, callId, staffName, local, remote, mediaProblem, consoleUnavailable, sharing, itemLinks, hints, inCall, start, hangUp, share, toAudio, askCallBack, close: reset };
});
