import { describe, expect, it } from 'vitest';
import { loadConsoleConfig } from '../../../console/server/config';
import { mirrorMessage, videoExchange, videoSignal, type VideoSignal } from '../../../console/wire/video';
import { callSignal, kioskApi } from '../../../contract';
import { testConfig } from '../../support/kiosk-config';

const valid: VideoSignal[] = [
  { kind: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' },
  { kind: 'answer', sdp: 'v=0' },
  { kind: 'ice', candidate: 'candidate:1 1 udp 2122260223 192.168.1.20 54321 typ host', sdpMid: '0', sdpMLineIndex: 0 },
  { kind: 'mode', mode: 'audio' },
  { kind: 'item-link', itemCode: 'NH-AMR-0101', name: '个体工商户设立登记' },
  { kind: 'hint', fieldId: 'mobile', text: '填写本人手机号' },
  { kind: 'hangup' },
];

describe('video call signalling schemas', () => {
  it('the console and the bridge take the same signals and refuse the same malformed ones', () => {
    const bad: unknown[] = [
      { kind: 'screen', data: 'x' },
      { kind: 'offer', sdp: '' },
      { kind: 'offer', sdp: 'x'.repeat(20_001) },
      { kind: 'hangup', reason: 'extra field' },
      { kind: 'item-link', itemCode: '../../etc', name: 'x' },
      { kind: 'hint', text: '   ' },
      { kind: 'hint', fieldId: 'a b', text: 'x' },
      { kind: 'ice', candidate: 'c', sdpMid: null, sdpMLineIndex: -1 },
    ];
    for (const s of valid) {
      expect(videoSignal.safeParse(s).success).toBe(true);
      expect(callSignal.safeParse(s).success).toBe(true);
    }
    for (const s of bad) {
      expect(videoSignal.safeParse(s).success, JSON.stringify(s)).toBe(false);
      expect(callSignal.safeParse(s).success, JSON.stringify(s)).toBe(false);
    }
  });

  it('a kiosk turn carries at most 40 signals of a call named by a UUID', () => {
    const callId = '5d0f7f8e-6a1c-4a55-9d0b-2f6a3c7e9b10';
    expect(videoExchange.safeParse({ callId, after: 0, signals: valid }).success).toBe(true);
    expect(videoExchange.safeParse({ callId: 'k-1', after: 0, signals: [] }).success).toBe(false);
    expect(videoExchange.safeParse({ callId, after: 0, signals: Array.from({ length: 41 }, () => ({ kind: 'hangup' })) }).success).toBe(false);
    expect(kioskApi['video.send'].input.safeParse({ callId, signals: [] }).success).toBe(false);
  });

  it('staff show only a mirror of the masked shape: text blocks, never markup or values beyond a mask', () => {
    expect(mirrorMessage.safeParse({ type: 'screen', path: '/help', blocks: [{ role: 'field', text: '联系电话', value: '＊＊＊', fieldId: 'mobile' }] }).success).toBe(true);
    expect(mirrorMessage.safeParse({ type: 'screen', path: '/help', blocks: [{ role: 'html', text: '<img onerror>' }] }).success).toBe(false);
    expect(mirrorMessage.safeParse({ type: 'screen', path: '/help', blocks: [{ role: 'field', text: '电话', value: '1380013' }] }).success).toBe(false);
  });

  it('STUN/TURN servers are configured as JSON on both sides; none by default; anything else stops the program', () => {
    expect(testConfig({}).video.iceServers).toEqual([]);
    const turn = '[{"urls":["stun:stun.hall.example:3478","turn:turn.hall.example:3478?transport=udp"],"username":"kiosk","credential":"s3cret"}]';
    expect(testConfig({ KIOSK_ICE_SERVERS: turn }).video.iceServers).toEqual([
      { urls: ['stun:stun.hall.example:3478', 'turn:turn.hall.example:3478?transport=udp'], username: 'kiosk', credential: 's3cret' },
    ]);
    expect(loadConsoleConfig({ CONSOLE_ICE_SERVERS: turn }).iceServers).toHaveLength(1);
    for (const wrong of ['not json', '[{"urls":["http://turn.example"]}]', '{"urls":["stun:x"]}', '[{"urls":[]}]']) {
      expect(() => testConfig({ KIOSK_ICE_SERVERS: wrong }), wrong).toThrow(/KIOSK_ICE_SERVERS/);
      expect(() => loadConsoleConfig({ CONSOLE_ICE_SERVERS: wrong }), wrong).toThrow(/CONSOLE_ICE_SERVERS/);
    }
  });
});
