import type { CallSignal, RtcIceServer } from '../../../../contract';

/** The kiosk's end of the WebRTC connection: its camera and microphone, staff's media, the mirror channel. */
export interface KioskPeer {
  readonly pc: RTCPeerConnection;
  /** Where the masked screen mirror goes, once the person consents. */
  readonly mirror: RTCDataChannel;
  /** Answers and candidates from staff, in the order they came (candidates wait for the answer). */
  take(signal: CallSignal): Promise<void>;
  /** Stops sending video (a poor network): the camera is released, the microphone stays. */
  dropVideo(): Promise<void>;
  close(): void;
}

export function openKioskPeer(o: {
  iceServers: readonly RtcIceServer[];
  local: MediaStream;
  send: (signals: CallSignal[]) => void;
  onRemote: (stream: MediaStream) => void;
  onConnection: (state: RTCPeerConnectionState) => void;
}): { peer: KioskPeer; offer: Promise<void> } {
  const pc = new RTCPeerConnection({ iceServers: o.iceServers.map((s) => ({ ...s, urls: [...s.urls] })) });
  for (const track of o.local.getTracks()) pc.addTrack(track, o.local);
  // Staff always send their video and audio; the kiosk asks to receive both even when it sends audio only.
  if (o.local.getVideoTracks().length === 0) pc.addTransceiver('video', { direction: 'recvonly' });
  const mirror = pc.createDataChannel('mirror', { ordered: true });
  pc.onicecandidate = (e) => {
    if (e.candidate) o.send([{ kind: 'ice', candidate: e.candidate.candidate, sdpMid: e.candidate.sdpMid, sdpMLineIndex: e.candidate.sdpMLineIndex }]);
  };
  pc.ontrack = (e) => o.onRemote(e.streams[0] ?? new MediaStream([e.track]));
  pc.onconnectionstatechange = () => o.onConnection(pc.connectionState);

  const early: RTCIceCandidateInit[] = [];
  let answered = false;
  const peer: KioskPeer = {
    pc,
    mirror,
    take: async (s) => {
      if (s.kind === 'answer') {
        await pc.setRemoteDescription({ type: 'answer', sdp: s.sdp });
        answered = true;
        for (const c of early.splice(0)) await pc.addIceCandidate(c);
      } else if (s.kind === 'ice') {
        const c = { candidate: s.candidate, sdpMid: s.sdpMid, sdpMLineIndex: s.sdpMLineIndex };
        if (answered) await pc.addIceCandidate(c);
        else early.push(c);
      }
    },
    dropVideo: async () => {
      for (const sender of pc.getSenders()) {
        if (sender.track?.kind !== 'video') continue;
        sender.track.stop();
        await sender.replaceTrack(null);
      }
      for (const t of o.local.getVideoTracks()) t.stop();
    },
    close: () => {
      pc.onicecandidate = null;
      pc.ontrack = null;
      pc.onconnectionstatechange = null;
      pc.close();
      for (const t of o.local.getTracks()) t.stop();
    },
  };
  const offer = (async () => {
    await pc.setLocalDescription(await pc.createOffer());
    o.send([{ kind: 'offer', sdp: pc.localDescription!.sdp }]);
  })();
  return { peer, offer };
}

export type MediaProblem = 'no-camera' | 'no-devices';

/** The camera and microphone, or the microphone alone when there is no camera (or it is refused). */
export async function openMedia(audioOnly: boolean): Promise<{ stream: MediaStream; problem: MediaProblem | null } | { stream: null; problem: MediaProblem }> {
  const md = navigator.mediaDevices as MediaDevices | undefined;
  if (!md?.getUserMedia) return { stream: null, problem: 'no-devices' };
  if (!audioOnly) {
    try {
      return { stream: await md.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 } }, audio: true }), problem: null };
    } catch {
      // No camera, or it is refused: a voice call may still be had.
    }
  }
  try {
    return { stream: await md.getUserMedia({ audio: true }), problem: audioOnly ? null : 'no-camera' };
  } catch {
    return { stream: null, problem: 'no-devices' };
  }
}
