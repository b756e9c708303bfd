import { shallowRef, ref } from 'vue';
import { callAnswered, staffSignals } from '../../../shared/video';
import { mirrorMessage, type IceServer, type MirrorMessage, type VideoSignal } from '../../../wire/video';
import { api } from '../api';

const POLL_MS = 700;

/**
 * Staff's end of a 视频办事 call: their camera and microphone (or the microphone alone, or nothing:
 * they can still see and hear the person), the kiosk's offer answered, signals through the console,
 * and the kiosk's masked screen mirror as it arrives (only after the person consents).
 */
export function useStaffCall() {
  const callId = ref<string | null>(null);
  const state = ref<'idle' | 'connecting' | 'connected' | 'ended'>('idle');
  const kioskMode = ref<'video' | 'audio'>('video');
  const remote = shallowRef<MediaStream | null>(null);
  const local = shallowRef<MediaStream | null>(null);
  const mirror = shallowRef<Extract<MirrorMessage, { type: 'screen' }> | null>(null);
  const noCamera = ref(false);
  let pc: RTCPeerConnection | null = null;
  let after = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let early: RTCIceCandidateInit[] = [];

  const send = (signals: VideoSignal[]): Promise<unknown> =>
    callId.value ? api('POST', `/api/video/calls/${callId.value}/signals`, staffSignals, { body: { signals } }) : Promise.resolve();

  const cleanUp = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    pc?.close();
    pc = null;
    for (const t of local.value?.getTracks() ?? []) t.stop();
    local.value = null;
    remote.value = null;
    mirror.value = null;
    early = [];
  };

  const openMedia = async (): Promise<MediaStream | null> => {
    try {
      return await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    } catch {
      noCamera.value = true;
      return navigator.mediaDevices.getUserMedia({ audio: true }).catch(() => null);
    }
  };

  const onSignal = async (s: VideoSignal): Promise<void> => {
    if (!pc) return;
    if (s.kind === 'offer') {
      await pc.setRemoteDescription({ type: 'offer', sdp: s.sdp });
      for (const c of early.splice(0)) await pc.addIceCandidate(c);
      await pc.setLocalDescription(await pc.createAnswer());
      await send([{ kind: 'answer', sdp: pc.localDescription!.sdp }]);
    } else if (s.kind === 'ice') {
      const c = { candidate: s.candidate, sdpMid: s.sdpMid, sdpMLineIndex: s.sdpMLineIndex };
      if (pc.remoteDescription) await pc.addIceCandidate(c);
      else early.push(c);
    } else if (s.kind === 'mode') kioskMode.value = s.mode;
  };

  const poll = async (): Promise<void> => {
    if (!callId.value) return;
    try {
      const r = await api('GET', `/api/video/calls/${callId.value}/signals`, staffSignals, { query: { after } });
      for (const s of r.signals) {
        after = Math.max(after, s.seq);
        await onSignal(s.signal);
      }
      if (r.state === 'ended' || r.state === 'callback') {
        cleanUp();
        state.value = 'ended';
        callId.value = null;
        return;
      }
    } catch {
      // The next poll tries again; a call the console no longer has ends with it.
    }
    if (callId.value) timer = setTimeout(() => void poll(), POLL_MS);
  };

  /** Answers a waiting call and waits for the kiosk's offer. */
  const answer = async (id: string, iceServers: readonly IceServer[]): Promise<void> => {
    cleanUp();
    await api('POST', `/api/video/calls/${id}/answer`, callAnswered);
    callId.value = id;
    after = 0;
    kioskMode.value = 'video';
    state.value = 'connecting';
    noCamera.value = false;
    local.value = await openMedia();
    pc = new RTCPeerConnection({ iceServers: iceServers.map((s) => ({ ...s, urls: [...s.urls] })) });
    for (const t of local.value?.getTracks() ?? []) pc.addTrack(t, local.value!);
    pc.onicecandidate = (e) => {
      if (e.candidate) void send([{ kind: 'ice', candidate: e.candidate.candidate, sdpMid: e.candidate.sdpMid, sdpMLineIndex: e.candidate.sdpMLineIndex }]);
    };
    pc.ontrack = (e) => (remote.value = e.streams[0] ?? new MediaStream([e.track]));
    pc.onconnectionstatechange = () => {
      if (pc?.connectionState === 'connected') state.value = 'connected';
    };
    pc.ondatachannel = (e) => {
      if (e.channel.label !== 'mirror') return;
      e.channel.onmessage = (m) => {
        // Only the masked mirror's shape is shown, and only as text: anything else from the channel is ignored.
        let parsed: unknown;
        try {
          parsed = typeof m.data === 'string' && m.data.length < 200_000 ? JSON.parse(m.data) : null;
        } catch {
          return;
        }
        const r = mirrorMessage.safeParse(parsed);
        if (r.success) mirror.value = r.data.type === 'screen' ? r.data : null;
      };
    };
    void poll();
  };

  const hangUp = async (): Promise<void> => {
    const id = callId.value;
    if (id) await send([{ kind: 'hangup' }]).catch(() => undefined);
    cleanUp();
    callId.value = null;
    state.value = 'idle';
  };

  return { callId, state, kioskMode, remote, local, mirror, noCamera, answer, hangUp, send, close: cleanUp };
}

