import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningConsole } from '../../../console/server/app';
import { ShiftedClock } from '../../../console/server/clock';
import { housekeeping } from '../../../console/server/fleet/sweeper';
import { VIDEO_PATHS, videoExchangeAnswer, videoRequestAnswer, type VideoSignal } from '../../../console/wire/video';
import { FLEET_DATABASES } from '../../support/fleet-databases';
import { ADMIN_PASSWORD, enrolled, Operator, startTestConsole, type WireKiosk } from '../../support/fleet-console';

/**
 * 视频办事's signalling through the console: a kiosk queues a call with the item the person was on,
 * staff of its hall see it (hall, kiosk, item — nothing personal) and answer it, the kiosk's offer
 * reaches staff and staff's answer, item link and hint reach the kiosk, neither side can send what
 * only the other may, another hall's manager and another kiosk cannot touch the call, and a kiosk
 * that stops asking drops off the queue. On PGlite (and the PostgreSQL server when configured).
 */
describe.each(FLEET_DATABASES)('video call signalling on $name', (database) => {
  let drop: () => Promise<void> = async () => undefined;
  let c: RunningConsole;
  let admin: Operator;
  let manager: Operator;
  let elsewhere: Operator;
  let kiosk: WireKiosk;
  let other: WireKiosk;
  const clock = new ShiftedClock();

  const request = (k: WireKiosk, item: { code: string; name: string } | null = { code: 'NH-AMR-0101', name: '个体工商户设立登记' }) =>
    k.client.call(VIDEO_PATHS.request, { item, audioOnly: false }, videoRequestAnswer);
  const exchange = (k: WireKiosk, callId: string, signals: VideoSignal[] = [], after = 0, callback?: boolean) =>
    k.client.call(VIDEO_PATHS.exchange, { callId, after, signals, ...(callback ? { callback } : {}) }, videoExchangeAnswer);
  const queue = async (who: Operator) => (await who.get('/api/video/calls')).body as { calls: Array<Record<string, unknown>>; iceServers: unknown[] };

  beforeAll(async () => {
    if (!database.available) return;
    const opened = await database.open();
    drop = opened.drop;
    c = await startTestConsole(opened.db, { clock, env: { CONSOLE_ICE_SERVERS: '[{"urls":["turn:turn.nanhai.example:3478"],"username":"hall","credential":"secret"}]' } });
    admin = await Operator.signIn(c.url, 'admin', ADMIN_PASSWORD);
    for (const [id, name] of [['nanhai', '南海区政务服务中心'], ['shishan', '狮山镇行政服务中心']]) {
      expect((await admin.call('PUT', `/api/halls/${id}`, { id, name, opening: { schedule: 'daily', open: '00:00', close: '24:00' } })).status).toBe(200);
    }
    manager = await admin.create('nanhai-staff', 'hall-manager', ['nanhai']);
    elsewhere = await admin.create('shishan-staff', 'hall-manager', ['shishan']);
    kiosk = await enrolled(c.url, admin, 'k-video-1', 'VDEA23', 'nanhai');
    other = await enrolled(c.url, admin, 'k-video-2', 'VDEB45', 'nanhai');
  });
  afterAll(async () => {
    await c?.close();
    await drop();
  });

  it.skipIf(!database.available)('a call is queued, answered and signalled both ways; each side sends only its own kinds', async () => {
    const r = await request(kiosk);
    if (!r.ok) throw new Error(JSON.stringify(r));
    const callId = r.value.callId;

    const seen = await queue(manager);
    expect(seen.calls).toEqual([
      expect.objectContaining({ id: callId, kioskId: 'k-video-1', hallId: 'nanhai', hallName: '南海区政务服务中心', itemCode: 'NH-AMR-0101', itemName: '个体工商户设立登记', state: 'waiting', answeredBy: null }),
    ]);
    expect(seen.iceServers).toEqual([{ urls: ['turn:turn.nanhai.example:3478'], username: 'hall', credential: 'secret' }]);
    expect((await queue(elsewhere)).calls).toEqual([]);
    const viewer = await admin.create('viewer', 'viewer');
    expect((await viewer.get('/api/video/calls')).status).toBe(403);

    // Before anyone answers, the kiosk's signals go nowhere.
    expect(await exchange(kiosk, callId, [{ kind: 'offer', sdp: 'v=0 early' }])).toMatchObject({ ok: true, value: { state: 'waiting', signals: [] } });

    expect((await elsewhere.post(`/api/video/calls/${callId}/answer`)).status).toBe(404);
    expect((await manager.post(`/api/video/calls/${callId}/answer`)).status).toBe(200);
    expect((await admin.post(`/api/video/calls/${callId}/answer`)).status).toBe(403);

    // The kiosk's offer (and an 'answer' it may not send) reach staff as the offer alone.
    const turn = await exchange(kiosk, callId, [{ kind: 'offer', sdp: 'v=0 kiosk' }, { kind: 'answer', sdp: 'v=0 forged' }]);
    expect(turn).toMatchObject({ ok: true, value: { state: 'answered', staffName: 'nanhai-staff', signals: [] } });
    const atStaff = (await manager.get(`/api/video/calls/${callId}/signals?after=0`)).body as { state: string; signals: Array<{ seq: number; signal: VideoSignal }> };
    expect(atStaff.signals.map((s) => s.signal)).toEqual([{ kind: 'offer', sdp: 'v=0 kiosk' }]);

    const sent = await manager.post(`/api/video/calls/${callId}/signals`, {
      signals: [
        { kind: 'answer', sdp: 'v=0 staff' },
        { kind: 'offer', sdp: 'v=0 forged' },
        { kind: 'item-link', itemCode: 'NH-AMR-0102', name: '个体工商户变更登记' },
        { kind: 'hint', fieldId: 'mobile', text: '填写您本人的手机号' },
      ],
    });
    expect(sent.status).toBe(200);
    const back = await exchange(kiosk, callId);
    if (!back.ok) throw new Error(JSON.stringify(back));
    expect(back.value.signals.map((s) => s.signal)).toEqual([
      { kind: 'answer', sdp: 'v=0 staff' },
      { kind: 'item-link', itemCode: 'NH-AMR-0102', name: '个体工商户变更登记' },
      { kind: 'hint', fieldId: 'mobile', text: '填写您本人的手机号' },
    ]);
    // Asked again after the last one seen: nothing twice.
    const last = back.value.signals.at(-1)!.seq;
    expect(await exchange(kiosk, callId, [], last)).toMatchObject({ ok: true, value: { signals: [] } });

    // Another kiosk cannot join this call; a malformed signal is refused whole.
    expect(await exchange(other, callId)).toMatchObject({ ok: true, value: { state: 'ended', signals: [] } });
    expect((await manager.post(`/api/video/calls/${callId}/signals`, { signals: [{ kind: 'hint', text: '' }] })).status).toBe(400);

    // Staff hang up: the kiosk's next turn hears the call ended, and it leaves the queue.
    expect((await manager.post(`/api/video/calls/${callId}/signals`, { signals: [{ kind: 'hangup' }] })).body).toMatchObject({ state: 'ended' });
    expect(await exchange(kiosk, callId)).toMatchObject({ ok: true, value: { state: 'ended', signals: [] } });
    expect((await queue(manager)).calls).toEqual([]);
  });

  it.skipIf(!database.available)('a call-back request stays for staff; a kiosk that stops asking drops off the queue', async () => {
    const a = await request(kiosk, null);
    const b = await request(other);
    if (!a.ok || !b.ok) throw new Error('not queued');
    expect(await exchange(kiosk, a.value.callId, [], 0, true)).toMatchObject({ ok: true, value: { state: 'callback' } });
    clock.advance(25_000);
    const calls = (await queue(manager)).calls;
    expect(calls.map((x) => [x.kioskId, x.state, x.itemCode])).toEqual([['k-video-1', 'callback', null]]);
    // Staff went over: the request is closed.
    expect((await manager.post(`/api/video/calls/${a.value.callId}/signals`, { signals: [{ kind: 'hangup' }] })).status).toBe(200);
    expect((await queue(manager)).calls).toEqual([]);

    // The kiosk that stopped asking left its call open: housekeeping ends it an hour on, and no signal stays.
    expect(await c.ctx.db.query(`SELECT id FROM video_calls WHERE state <> 'ended'`)).toEqual([{ id: b.value.callId }]);
    clock.advance(3_700_000);
    await housekeeping(c.ctx, true);
    expect(await c.ctx.db.query(`SELECT id FROM video_calls WHERE state <> 'ended'`)).toEqual([]);
    expect(await c.ctx.db.query('SELECT seq FROM video_signals')).toEqual([]);
  });
});
