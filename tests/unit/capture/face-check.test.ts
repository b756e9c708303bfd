import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../services/config';
import { createSessionArea } from '../../../services/session/area';
import { resolveFaceCheck, type FaceCheckModule } from '../../../services/session/face-check';
import { faceCheckText } from '../../../renderer/src/features/identify/face-check';
import type { AreaDeps } from '../../../services/area';
import type { CardRead } from '../../../hardware';
import { recordingLogger } from '../../support/recording-logger';

const texts = (locale: string): Record<string, string> =>
  (JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, `../../../renderer/src/i18n/locales/${locale}/capture.json`), 'utf8')) as { faceCheck: Record<string, string> }).faceCheck;
const zh = texts('zh-CN');
const en = texts('en');
/**
 * What the person reads for each verdict: only a match says they match the card; a mismatch says they do not,
 * and both it and an inconclusive check send them to a window — never a word of a match.
 */
const SAID = {
  match: { zh: ['本人与身份证照片一致'], en: ['matches the ID card photo'], zhNever: ['不一致', '窗口'], enNever: ['not', 'window'] },
  mismatch: { zh: ['不一致', '请到窗口办理'], en: ['does not match', 'go to a window'], zhNever: [], enNever: [] },
  inconclusive: { zh: ['未能得出结果', '请到窗口办理'], en: ['no result', 'go to a window'], zhNever: ['一致'], enNever: ['match'] },
} as const;
const internal = { via: 'internal' } as const;
const live = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 1)]).toString('base64');
const card = {
  card: { name: '黄测试', englishName: '', idNumber: '440605199001011232', address: '广东省佛山市', validUntil: '2036-01-01', cardType: 'resident', sex: 'male' },
  expired: false,
  photo: null,
  wlt: Buffer.alloc(1024, 9),
} as unknown as CardRead;

/** A vendor module as a test stands one in: it answers what it is told to, and records what it was given. */
const fakeModule = (verdict: 'match' | 'mismatch' | 'inconclusive'): FaceCheckModule & { seen: Array<{ live: number; wlt: number }> } => {
  const seen: Array<{ live: number; wlt: number }> = [];
  return { vendor: 'test-vendor 1.0', seen, compare: async ({ live: l, card: c }) => (seen.push({ live: l.length, wlt: c.wlt.length }), { verdict }) };
};
const session = (module: FaceCheckModule | null) => createSessionArea({ log: recordingLogger() } as unknown as AreaDeps, { faceCheck: module });

describe('人证核验 (face check) port', () => {
  it('configuration names the module; an unknown name is refused at start, none means off', () => {
    expect(loadConfig({ KIOSK_DATA_DIR: '/tmp/kiosk-face', KIOSK_FACE_CHECK_MODULE: 'vendor-x' }, { profile: 'demo' }).faceCheckModule).toBe('vendor-x');
    expect(loadConfig({ KIOSK_DATA_DIR: '/tmp/kiosk-face' }, { profile: 'demo' }).faceCheckModule).toBeNull();
    expect(() => loadConfig({ KIOSK_DATA_DIR: '/tmp/kiosk-face', KIOSK_FACE_CHECK_MODULE: '../evil.js' }, { profile: 'demo' })).toThrow(/KIOSK_FACE_CHECK_MODULE/);
    const m = fakeModule('match');
    expect(resolveFaceCheck(null, { 'vendor-x': m })).toEqual({ module: null, missing: null });
    expect(resolveFaceCheck('vendor-x', { 'vendor-x': m }).module).toBe(m);
    expect(resolveFaceCheck('vendor-y', { 'vendor-x': m })).toEqual({ module: null, missing: 'vendor-y' });
  });

  it('without a module the feature is off and no screen claims a check', async () => {
    const area = session(null);
    area.cards.presented(card);
    const status = await area.handlers['session.faceCheckStatus']({}, internal);
    expect(status).toEqual({ ok: true, value: { available: false } });
    const r = await area.handlers['session.faceCheck']({ liveJpegBase64: live }, internal);
    expect(r.ok).toBe(false);
    // Off renders nothing at all: no button, no result, no "verified".
    expect(faceCheckText({ kind: 'off' })).toBeNull();
  });

  it('with a (fake) module its verdict is what the screen says, whatever it is', async () => {
    for (const verdict of ['mismatch', 'match', 'inconclusive'] as const) {
      const m = fakeModule(verdict);
      const area = session(m);
      area.cards.presented(card);
      expect(await area.handlers['session.faceCheckStatus']({}, internal)).toEqual({ ok: true, value: { available: true } });
      const r = await area.handlers['session.faceCheck']({ liveJpegBase64: live }, internal);
      expect(r).toEqual({ ok: true, value: { verdict } });
      // The module got the live picture and the card's own photo, as read.
      expect(m.seen).toEqual([{ live: 2004, wlt: 1024 }]);
      const key = faceCheckText({ kind: 'verdict', verdict })!;
      expect(key).toBe(`faceCheck.${verdict}`);
      const said = SAID[verdict];
      for (const words of said.zh) expect(zh[verdict]).toContain(words);
      for (const words of said.zhNever) expect(zh[verdict]).not.toContain(words);
      for (const words of said.en) expect(en[verdict]).toContain(words);
      for (const words of said.enNever) expect(en[verdict]).not.toContain(words);
    }
  });

  it('with no card on the reader there is nothing to compare with', async () => {
    const area = session(fakeModule('match'));
    const r = await area.handlers['session.faceCheck']({ liveJpegBase64: live }, internal);
    expect(r).toMatchObject({ ok: false, error: { code: 'rejected' } });
  });
});
