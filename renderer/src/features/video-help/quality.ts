/**
 * When a video call's network is too poor: video → audio only → a call-back request (staff come to
 * the kiosk). Decided from samples of RTCPeerConnection.getStats taken every couple of seconds;
 * a step down needs the last SUSTAIN samples all bad, so one burst of loss does not end the video.
 * It never steps back up within a call: flapping between video and audio is worse than either.
 */
export type CallMode = 'video' | 'audio' | 'callback';

export interface LinkSample {
  /** Share of the packets expected in the last interval that were lost (0..1), inbound audio and video together. */
  readonly lossRatio: number;
  /** Round trip of the selected candidate pair, or null before one is measured. */
  readonly rttMs: number | null;
  /** Frames per second of the video received from staff, or null when there is none. */
  readonly fps: number | null;
  /** The ICE connection is up (connected or completed). */
  readonly connected: boolean;
}

export const SUSTAIN = 3;
/** Past these, video is no longer worth it (choppy, frozen), but speech still gets through. */
export const VIDEO_LIMITS = { lossRatio: 0.08, rttMs: 700, minFps: 8 } as const;
/** Past these, even speech breaks up: better that staff walk over. */
export const AUDIO_LIMITS = { lossRatio: 0.2, rttMs: 1500 } as const;

const badForVideo = (s: LinkSample): boolean =>
  !s.connected || s.lossRatio > VIDEO_LIMITS.lossRatio || (s.rttMs !== null && s.rttMs > VIDEO_LIMITS.rttMs) || (s.fps !== null && s.fps < VIDEO_LIMITS.minFps);
const badForAudio = (s: LinkSample): boolean => !s.connected || s.lossRatio > AUDIO_LIMITS.lossRatio || (s.rttMs !== null && s.rttMs > AUDIO_LIMITS.rttMs);

/** The mode the call should be in after these samples (oldest first). */
export function nextCallMode(mode: CallMode, samples: readonly LinkSample[]): CallMode {
  if (mode === 'callback' || samples.length < SUSTAIN) return mode;
  const recent = samples.slice(-SUSTAIN);
  if (recent.every(badForAudio)) return 'callback';
  if (mode === 'video' && recent.every(badForVideo)) return 'audio';
  return mode;
}

/** The counters of one getStats report that a sample is computed from (the next report's difference). */
export interface StatsCounters {
  readonly packetsReceived: number;
  readonly packetsLost: number;
  readonly framesDecoded: number;
  readonly atMs: number;
  readonly rttMs: number | null;
  readonly connected: boolean;
  readonly hasVideo: boolean;
}

/** What a report of RTCPeerConnection.getStats() holds that matters here, as plain numbers. */
export function countersOf(report: Iterable<Record<string, unknown>>, atMs: number, connected: boolean): StatsCounters {
  let packetsReceived = 0;
  let packetsLost = 0;
  let framesDecoded = 0;
  let rttMs: number | null = null;
  let hasVideo = false;
  const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  for (const s of report) {
    if (s.type === 'inbound-rtp') {
      packetsReceived += num(s.packetsReceived);
      packetsLost += Math.max(0, num(s.packetsLost));
      if (s.kind === 'video') {
        hasVideo = true;
        framesDecoded += num(s.framesDecoded);
      }
    } else if (s.type === 'candidate-pair' && s.nominated === true && typeof s.currentRoundTripTime === 'number') {
      rttMs = Math.round(s.currentRoundTripTime * 1000);
    }
  }
  return { packetsReceived, packetsLost, framesDecoded, atMs, rttMs, connected, hasVideo };
}

/** One sample from two successive reports' counters. */
export function sampleBetween(before: StatsCounters, after: StatsCounters): LinkSample {
  const received = Math.max(0, after.packetsReceived - before.packetsReceived);
  const lost = Math.max(0, after.packetsLost - before.packetsLost);
  const seconds = Math.max(0.001, (after.atMs - before.atMs) / 1000);
  return {
    lossRatio: received + lost === 0 ? (after.connected ? 0 : 1) : lost / (received + lost),
    rttMs: after.rttMs,
    fps: after.hasVideo ? Math.max(0, after.framesDecoded - before.framesDecoded) / seconds : null,
    connected: after.connected,
  };
}
