import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningConsole } from '../../../console/server/app';
import { ManualClock } from '../../../console/server/clock';
import { migrate } from '../../../console/server/db/migrate';
import { bucketOf } from '../../../console/server/fleet/rings';
import { FLEET_PATHS } from '../../../console/wire/protocol';
import { PLATFORM_HEADERS } from '../../../platform-wire/protocol';
import { signedHeaders } from '../../../platform-wire/signing';
import { FLEET_DATABASES } from '../../support/fleet-databases';
import { ADMIN_PASSWORD, enrolled, heartbeatOf, Operator, startTestConsole, WireKiosk } from '../../support/fleet-console';

/**
 * The console's API as operators and kiosks use it: enrolment by pairing code, signed heartbeats and
 * what is refused, roles, CSRF, sessions, the audit log, remote commands and staged rollouts. The same
 * tests run on the embedded PGlite and on the PostgreSQL server.
 */
describe.each(FLEET_DATABASES)('fleet console on $name', (database) => {
  let drop: () => Promise<void> = async () => undefined;
  let c: RunningConsole;
  let admin: Operator;
  const clock = new ManualClock();

  beforeAll(async () => {
    if (!database.available) return;
    const opened = await database.open();
    drop = opened.drop;
    c = await startTestConsole(opened.db, { clock });
    admin = await Operator.signIn(c.url, 'admin', ADMIN_PASSWORD);
    for (const [id, name] of [['pilot', '南海区政务服务中心'], ['main', '桂城街道行政服务中心'], ['other', '狮山镇行政服务中心']]) {
      expect((await admin.call('PUT', `/api/halls/${id}`, { id, name, opening: { schedule: 'daily', open: '00:00', close: '24:00' } })).status).toBe(200);
    }
  });
  afterAll(async () => {
    await c?.close();
    await drop();
  });

  it.skipIf(!database.available)('applies its numbered migrations once and names its database on /healthz', async () => {
    expect(await migrate(c.ctx.db, new Date())).toEqual([]);
    const health = await (await fetch(`${c.url}/healthz`)).json();
    expect(health).toMatchObject({ ok: true, app: 'fleet-console', database: database.name });
  });

  it.skipIf(!database.available)('lets a kiosk in only when an operator approves its pairing code; its heartbeats then make it green', async () => {
    const k = new WireKiosk(c.url, 'k-enrol-1', 'ABCD23');
    expect(await k.enrol()).toMatchObject({ ok: true, value: { status: 'pending' } });
    // Before approval its heartbeats are refused as pending, and no kiosk is listed.
    expect(await k.beat({}, clock.now())).toMatchObject({ ok: false, refusal: { code: 'pending' } });
    expect((await admin.get('/api/enrolments')).body.enrolments.map((e: { kioskId: string }) => e.kioskId)).toContain('k-enrol-1');
    // Another kiosk waiting with the same code is told to pick another.
    expect(await new WireKiosk(c.url, 'k-enrol-2', 'ABCD23').enrol()).toMatchObject({ ok: true, value: { status: 'code-taken' } });

    expect((await admin.post('/api/enrolments/approve', { pairingCode: 'ZZZZ99', hallId: null, label: null })).status).toBe(404);
    expect((await admin.post('/api/enrolments/approve', { pairingCode: 'abcd23', hallId: 'main', label: '一楼 A1' })).body).toEqual({ kioskId: 'k-enrol-1' });
    expect(await k.enrol()).toMatchObject({ ok: true, value: { status: 'approved', hall: { id: 'main', name: '桂城街道行政服务中心' }, label: '一楼 A1' } });

    const answer = await k.beat({}, clock.now());
    expect(answer).toMatchObject({ ok: true, value: { nextBeatSeconds: 60, commands: [], offers: { content: { version: null }, app: { version: null } } } });
    const detail = (await admin.get('/api/kiosks/k-enrol-1')).body;
    expect(detail).toMatchObject({ health: 'green', problems: [], hall: { id: 'main' }, contentVersion: 5, appVersion: '0.1.0', approvedBy: 'admin' });
  });

  it.skipIf(!database.available)('refuses unknown, tampered, stale, replayed and revoked heartbeats', async () => {
    const k = await enrolled(c.url, admin, 'k-refuse-1', 'REFU23');
    const stranger = new WireKiosk(c.url, 'k-stranger', 'STRA23');
    expect(await stranger.beat({}, clock.now())).toMatchObject({ ok: false, refusal: { code: 'unknown-kiosk' } });

    const send = (body: string, headers: Record<string, string>) =>
      fetch(`${c.url}${FLEET_PATHS.heartbeat}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }).then(async (r) => ({ status: r.status, body: await r.json() }));
    const body = JSON.stringify(heartbeatOf({}, clock.now()));
    const headers = signedHeaders(k.key, { method: 'POST', pathWithQuery: FLEET_PATHS.heartbeat, body, now: clock.now() });
    expect((await send(body, headers)).status).toBe(200);
    // The very same signed request again: a replay.
    expect(await send(body, headers)).toMatchObject({ status: 409, body: { error: { code: 'replayed' } } });
    // Signed for one body, sent with another.
    const tampered = JSON.stringify(heartbeatOf({ ready: false }, clock.now()));
    expect(await send(tampered, signedHeaders(k.key, { method: 'POST', pathWithQuery: FLEET_PATHS.heartbeat, body, now: clock.now() }))).toMatchObject({
      status: 401,
      body: { error: { code: 'bad-signature' } },
    });
    // Signed by another key under this kiosk's id.
    const impostor = { ...stranger.key, kioskId: 'k-refuse-1' };
    expect((await send(body, signedHeaders(impostor, { method: 'POST', pathWithQuery: FLEET_PATHS.heartbeat, body, now: clock.now() }))).body.error.code).toBe('bad-signature');
    // Ten minutes old: stale, and the answer tells the console's time so a kiosk can correct its clock.
    const stale = await send(body, signedHeaders(k.key, { method: 'POST', pathWithQuery: FLEET_PATHS.heartbeat, body, now: clock.now() - 10 * 60_000 }));
    expect(stale).toMatchObject({ status: 401, body: { error: { code: 'stale' }, serverTime: new Date(clock.now()).toISOString() } });
    expect(headers[PLATFORM_HEADERS.kioskId]).toBe('k-refuse-1');

    expect((await admin.post('/api/kiosks/k-refuse-1/revoke')).body).toEqual({ status: 'revoked' });
    expect(await k.beat({}, clock.now())).toMatchObject({ ok: false, refusal: { code: 'revoked' } });
    expect(await k.enrol()).toMatchObject({ ok: false, refusal: { code: 'revoked' } });
    expect((await admin.get('/api/kiosks/k-refuse-1')).body).toMatchObject({ status: 'revoked', refusedBeats: 1 });
    // Reinstated, it is heard again.
    expect((await admin.post('/api/kiosks/k-refuse-1/reinstate')).body).toEqual({ status: 'approved' });
    expect(await k.beat({}, clock.now())).toMatchObject({ ok: true });
  });

  it.skipIf(!database.available)('gives each role what it may do: a viewer cannot publish, a content editor only drafts, a hall manager sees only their halls', async () => {
    await enrolled(c.url, admin, 'k-role-main', 'RQLE23', 'main');
    await enrolled(c.url, admin, 'k-role-other', 'RQLE24', 'other');
    const viewer = await admin.create('viewer1', 'viewer');
    const editor = await admin.create('editor1', 'content-editor');
    const manager = await admin.create('manager1', 'hall-manager', ['other']);
    const draft = { kind: 'content', version: '90', rings: [{ name: 'all', all: true }] };

    expect((await viewer.post('/api/rollouts', draft)).status).toBe(403);
    const created = await editor.post('/api/rollouts', draft);
    expect(created.status).toBe(200);
    expect((await editor.post(`/api/rollouts/${created.body.id}/start`)).status).toBe(403);
    expect((await viewer.post(`/api/rollouts/${created.body.id}/start`)).status).toBe(403);
    expect((await viewer.post('/api/kiosks/k-role-main/commands', { kind: 'upload-diagnostics' })).status).toBe(403);
    expect((await viewer.get('/api/operators')).status).toBe(403);
    expect((await viewer.get('/api/kiosks')).status).toBe(200);
    // A draft nobody wants is cancelled; it never reached a kiosk.
    expect((await admin.post(`/api/rollouts/${created.body.id}/cancel`)).status).toBe(200);

    const seen = (await manager.get('/api/kiosks?limit=200')).body.kiosks.map((k: { id: string }) => k.id);
    expect(seen).toContain('k-role-other');
    expect(seen).not.toContain('k-role-main');
    expect((await manager.get('/api/kiosks/k-role-main')).status).toBe(404);
    expect((await manager.post('/api/kiosks/k-role-main/commands', { kind: 'upload-diagnostics' })).status).toBe(404);
    expect((await manager.post('/api/kiosks/k-role-other/commands', { kind: 'upload-diagnostics' })).status).toBe(200);
    // Approving into a hall that is not theirs is refused.
    await new WireKiosk(c.url, 'k-role-new', 'RQLE25').enrol();
    expect((await manager.post('/api/enrolments/approve', { pairingCode: 'RQLE25', hallId: 'main', label: null })).status).toBe(403);
    expect((await manager.post('/api/enrolments/approve', { pairingCode: 'RQLE25', hallId: 'other', label: null })).status).toBe(200);
  });

  it.skipIf(!database.available)('refuses a change without the session CSRF token or from another origin, and ends sessions after their idle time', async () => {
    const viewer2 = await admin.create('viewer2', 'viewer');
    expect((await admin.call('POST', '/api/kiosks/k-enrol-1/commands', { kind: 'upload-diagnostics' }, { csrf: null })).status).toBe(403);
    expect((await admin.call('POST', '/api/kiosks/k-enrol-1/commands', { kind: 'upload-diagnostics' }, { csrf: 'wrong-token' })).body.error.code).toBe('csrf');
    const foreign = await fetch(`${c.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(foreign.status).toBe(403);
    expect((await viewer2.get('/api/session')).status).toBe(200);
    clock.advance(31 * 60_000);
    expect((await viewer2.get('/api/session')).status).toBe(401);
    admin = await Operator.signIn(c.url, 'admin', ADMIN_PASSWORD);
  });

  it.skipIf(!database.available)('locks an operator out after five wrong passwords', async () => {
    await admin.create('typo', 'viewer');
    for (let i = 0; i < 5; i++) {
      const r = await fetch(`${c.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'typo', password: `wrong ${i}` }) });
      expect(r.status).toBe(401);
    }
    const locked = await fetch(`${c.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'typo', password: 'typo password 123' }) });
    expect(locked.status).toBe(429);
  });

  it.skipIf(!database.available)('runs remote commands pending → delivered → done, and expires them after ten minutes', async () => {
    const k = await enrolled(c.url, admin, 'k-cmd-1', 'CMDS23');
    const issued = await admin.post('/api/kiosks/k-cmd-1/commands', { kind: 'upload-diagnostics' });
    const states = async () => (await admin.get('/api/kiosks/k-cmd-1/commands')).body.commands.map((x: { id: string; state: string }) => [x.id, x.state]);
    expect(await states()).toEqual([[issued.body.id, 'pending']]);
    const answer = await k.beat({}, clock.now());
    expect(answer.ok && answer.value.commands).toEqual([expect.objectContaining({ id: issued.body.id, kind: 'upload-diagnostics' })]);
    // Handed out once: the next answer does not carry it again.
    const again = await k.beat({}, clock.now());
    expect(again.ok && again.value.commands).toEqual([]);
    expect(await states()).toEqual([[issued.body.id, 'delivered']]);
    expect(await k.report(issued.body.id, 'done', 'diagnostics attached')).toMatchObject({ ok: true, value: { recorded: true, state: 'done' } });
    expect(await k.report(issued.body.id, 'done', 'diagnostics attached')).toMatchObject({ ok: true, value: { recorded: false, state: 'done' } });

    const never = await admin.post('/api/kiosks/k-cmd-1/commands', { kind: 'check-content' });
    const late = await admin.post('/api/kiosks/k-cmd-1/commands', { kind: 'restart-renderer' });
    clock.advance(9 * 60_000);
    await k.beat({}, clock.now()); // takes both
    const third = await admin.post('/api/kiosks/k-cmd-1/commands', { kind: 'screenshot' });
    clock.advance(61_000);
    await c.sweep();
    const byId = Object.fromEntries(await states());
    expect(byId[never.body.id]).toBe('expired');
    expect(byId[late.body.id]).toBe('expired');
    expect(byId[third.body.id]).toBe('pending');
    // A result after expiry changes nothing.
    expect(await k.report(late.body.id, 'done')).toMatchObject({ ok: true, value: { recorded: false, state: 'expired' } });
  });

  it.skipIf(!database.available)('rolls a version out pilot hall → a share → everyone, pauses past the failure threshold, retries only the failed, and offers it to late joiners', async () => {
    // This rollout's fleet is the kiosks below: the others of this console are revoked first.
    for (const k of (await admin.get('/api/kiosks?limit=200')).body.kiosks) expect((await admin.post(`/api/kiosks/${k.id}/revoke`)).status).toBe(200);
    const pilots = await Promise.all(['k-ro-p1', 'k-ro-p2'].map((id, i) => enrolled(c.url, admin, id, `PXLQT${i + 2}`, 'pilot')));
    const rest = await Promise.all(Array.from({ length: 12 }, (_, i) => enrolled(c.url, admin, `k-ro-m${i}`, `MAXNA${'ABCDEFGHJKLMNP'[i]}`, 'main')));
    const share = rest.filter((k) => bucketOf(k.id) < 50);
    const later = rest.filter((k) => bucketOf(k.id) >= 50);
    expect(share.length).toBeGreaterThan(1);
    expect(later.length).toBeGreaterThan(0);
    const offerOf = async (k: WireKiosk, version = 5, failed: { version: number; reason: string; at: string } | null = null) => {
      const a = await k.beat({ content: { version, expires: null, lastRefresh: null }, updates: { content: { offered: null, failed }, app: { offered: null, failed: null } } }, clock.now());
      if (!a.ok) throw new Error(JSON.stringify(a));
      return a.value.offers.content;
    };
    const all = [...pilots, ...rest];
    for (const k of all) await offerOf(k); // every kiosk runs 5 before the rollout

    const created = await admin.post('/api/rollouts', {
      kind: 'content',
      version: '6',
      rings: [{ name: 'pilot', halls: ['pilot'] }, { name: 'share', percent: 50 }, { name: 'all', all: true }],
      advanceShare: 1,
      failureShare: 0.25,
    });
    const id = created.body.id as number;
    // A draft reaches nobody.
    expect(await offerOf(rest[0]!)).toEqual({ version: null, attempt: 0 });
    expect((await admin.post(`/api/rollouts/${id}/start`)).status).toBe(200);
    for (const k of pilots) expect(await offerOf(k)).toEqual({ version: 6, attempt: 0 });
    // Everyone else keeps what it runs.
    for (const k of rest) expect(await offerOf(k)).toEqual({ version: 5, attempt: 0 });

    // The pilots run 6 and are ready: the share ring is offered it, the rest not yet.
    for (const k of pilots) await offerOf(k, 6);
    await c.sweep();
    for (const k of share) expect(await offerOf(k)).toMatchObject({ version: 6 });
    for (const k of later) expect(await offerOf(k)).toMatchObject({ version: 5 });
    const view = (await admin.get(`/api/rollouts/${id}`)).body;
    expect(view.rings.map((r: { members: number; healthy: number }) => [r.members, r.healthy])).toEqual([[2, 2], [share.length, 0], [0, 0]]);

    // Some of the share ring fail to install it: past 25 % of those offered, the rollout pauses.
    const failing = share.slice(0, Math.ceil(0.25 * (pilots.length + share.length)));
    for (const k of failing) await offerOf(k, 5, { version: 6, reason: 'hash', at: new Date(clock.now()).toISOString() });
    for (const k of share.slice(failing.length)) await offerOf(k, 6);
    await c.sweep();
    const paused = (await admin.get(`/api/rollouts/${id}`)).body;
    expect(paused).toMatchObject({ state: 'paused', pausedReason: `${failing.length} of ${pilots.length + share.length} kiosks failed` });
    for (const k of later) expect(await offerOf(k)).toMatchObject({ version: 5 });

    // Retry only the failed: their attempt grows, nobody else's does.
    expect((await admin.post(`/api/rollouts/${id}/retry-failed`)).status).toBe(200);
    for (const k of failing) expect(await offerOf(k)).toEqual({ version: 6, attempt: 1 });
    for (const k of share.slice(failing.length)) expect((await offerOf(k, 6)).attempt).toBe(0);
    for (const k of failing) await offerOf(k, 6);
    expect((await admin.post(`/api/rollouts/${id}/resume`)).status).toBe(200);
    await c.sweep();
    for (const k of later) expect(await offerOf(k)).toMatchObject({ version: 6 });
    for (const k of later) await offerOf(k, 6);
    await c.sweep();
    const done = (await admin.get(`/api/rollouts/${id}`)).body;
    expect(done.state).toBe('completed');
    // The console shows when each kiosk picked the version up.
    const perKiosk = (await admin.get(`/api/rollouts/${id}/kiosks?limit=200`)).body.kiosks;
    expect(perKiosk).toHaveLength(all.length);
    expect(perKiosk.every((r: { pickedUpAt: string | null; state: string }) => r.state === 'healthy' && r.pickedUpAt !== null)).toBe(true);

    // A kiosk that joins afterwards gets the version its ring has.
    const newcomer = await enrolled(c.url, admin, 'k-ro-late', 'LATE23', 'main');
    expect(await offerOf(newcomer)).toEqual({ version: 6, attempt: 0 });
  });

  it.skipIf(!database.available)('audits every action, the console\'s own included', async () => {
    const actions = (await admin.get('/api/audit?limit=200')).body.entries.map((e: { action: string; operator: string }) => `${e.operator}:${e.action}`);
    for (const a of ['admin:login', 'admin:kiosk.approve', 'admin:kiosk.revoke', 'admin:kiosk.reinstate', 'admin:hall.save', 'admin:operator.create', 'editor1:rollout.create', 'admin:rollout.start', 'admin:rollout.retry-failed', 'admin:command.issue', 'system:rollout.advance', 'system:rollout.pause', 'system:rollout.complete', 'typo:login.failed', 'typo:login.refused']) {
      expect(actions).toContain(a);
    }
  });
});
