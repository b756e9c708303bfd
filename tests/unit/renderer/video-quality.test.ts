import { describe, expect, it } from 'vitest';
import { countersOf, nextCallMode, sampleBetween, SUSTAIN, type LinkSample } from '../../../renderer/src/features/video-help/quality';

const good: LinkSample = { lossRatio: 0.01, rttMs: 60, fps: 25, connected: true };
const choppy: LinkSample = { lossRatio: 0.12, rttMs: 300, fps: 12, connected: true };
const slow: LinkSample = { lossRatio: 0.02, rttMs: 900, fps: 20, connected: true };
const broken: LinkSample = { lossRatio: 0.35, rttMs: 400, fps: 2, connected: true };
const down: LinkSample = { lossRatio: 1, rttMs: null, fps: null, connected: false };
const times = (s: LinkSample, n = SUSTAIN): LinkSample[] => Array.from({ length: n }, () => s);

describe('video call fallback on a poor network', () => {
  it('a good link keeps the video', () => {
    expect(nextCallMode('video', times(good, 10))).toBe('video');
  });

  it('sustained packet loss or a long round trip drops the video and keeps the voice', () => {
    expect(nextCallMode('video', [...times(good), ...times(choppy)])).toBe('audio');
    expect(nextCallMode('video', times(slow))).toBe('audio');
  });

  it('one bad moment does not: the last samples must all be bad', () => {
    expect(nextCallMode('video', [...times(choppy, 2), good, choppy])).toBe('video');
    expect(nextCallMode('video', times(choppy, SUSTAIN - 1))).toBe('video');
  });

  it('a link too poor even for speech, or down, asks for a call-back', () => {
    expect(nextCallMode('audio', times(broken))).toBe('callback');
    expect(nextCallMode('video', times(down))).toBe('callback');
  });

  it('never steps back up within a call', () => {
    expect(nextCallMode('audio', times(good, 10))).toBe('audio');
    expect(nextCallMode('callback', times(good, 10))).toBe('callback');
  });

  it('an audio call on a link fine for speech stays an audio call (frame rate does not matter without video)', () => {
    expect(nextCallMode('audio', times(choppy))).toBe('audio');
  });

  it('reads loss, round trip and frame rate from two getStats reports', () => {
    const report = (received: number, lost: number, frames: number, rtt: number) => [
      { type: 'inbound-rtp', kind: 'audio', packetsReceived: received, packetsLost: lost },
      { type: 'inbound-rtp', kind: 'video', packetsReceived: received * 3, packetsLost: lost * 3, framesDecoded: frames },
      { type: 'candidate-pair', nominated: true, currentRoundTripTime: rtt },
      { type: 'candidate-pair', nominated: false, currentRoundTripTime: 9 },
    ];
    const a = countersOf(report(100, 0, 50, 0.05), 0, true);
    const b = countersOf(report(190, 10, 70, 0.25), 2000, true);
    expect(sampleBetween(a, b)).toEqual({ lossRatio: 40 / 400, rttMs: 250, fps: 10, connected: true });
  });

  it('nothing received at all while disconnected counts as everything lost', () => {
    const a = countersOf([], 0, false);
    expect(sampleBetween(a, countersOf([], 2000, false))).toMatchObject({ lossRatio: 1, connected: false, fps: null });
  });
});
