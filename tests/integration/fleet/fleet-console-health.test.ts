import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningConsole } from '../../../console/server/app';
import { ManualClock } from '../../../console/server/clock';
import { openPostgres } from '../../../console/server/db/postgres';
import { housekeeping } from '../../../console/server/fleet/sweeper';
import { FLEET_DATABASES } from '../../support/fleet-databases';
import { FLEET_PATHS, heartbeatAnswer } from '../../../console/wire/protocol';
import { FleetClient } from '../../../services/fleet/client';
import { ADMIN_PASSWORD, enrolled, heartbeatOf, Operator, startTestConsole, type WireKiosk } from '../../support/fleet-console';
import { webhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver';

type AlertNotice = { event: string; alert: { kind: string; subject: string | null }; kiosk: { id: string } };

const MIN = 60_000;
// 22:00 on Saturday 5 December 2026 in China (14:00 UTC): the halls are closed until Monday 09:00.
const SATURDAY_NIGHT = Date.parse('2026-12-05T14:00:00Z');
const MONDAY_OPENING = Date.parse('2026-12-07T01:00:00Z');

/**
 * What time drives: state changes stored as events (and nothing for an unchanged beat), problems as
 * alerts with webhook notifications held for opening hours, offline after three missed beats, history
 * samples folded into hours after a week, and the kiosk list's keyset pages. On PGlite and PostgreSQL.
 */
describe.each(FLEET_DATABASES)('fleet health on $name', (database) => {
  let drop: () => Promise<void> = async () => undefined;
  let c: RunningConsole;
  let admin: Operator;
  let hook: WebhookReceiver<AlertNotice>;
  let url: string | null = null;
  let schema: string | null = null;
  const clock = new ManualClock(SATURDAY_NIGHT);

  beforeAll(async () => {
    if (!database.available) return;
    hook = await webhookReceiver<AlertNotice>();
    const opened = await database.open();
    ({ drop, url, schema } = opened);
    c = await startTestConsole(opened.db, { clock, webhookUrl: hook.url });
    admin = await Operator.signIn(c.url, 'admin', ADMIN_PASSWORD);
    const hall = (id: string, name: string, opening: object) => admin.call('PUT', `/api/halls/${id}`, { id, name, opening });
    expect((await hall('nanhai', '南海区政务服务中心', { schedule: 'workdays', open: '09:00', close: '17:00' })).status).toBe(200);
    expect((await hall('always', '24小时自助服务区', { schedule: 'daily', open: '00:00', close: '24:00' })).status).toBe(200);
  });
  afterAll(async () => {
    await c?.close();
    await drop();
    await hook?.close();
  });

  const events = async (id: string): Promise<string[]> =>
    (await admin.get(`/api/kiosks/${id}/events?limit=200`)).body.events.map((e: { kind: string; detail: { code?: string } }) => (e.detail.code ? `${e.kind}:${e.detail.code}` : e.kind)).reverse();
  const openAlerts = async (id: string): Promise<string[]> =>
    (await admin.get(`/api/alerts?kiosk=${id}`)).body.alerts.map((a: { kind: string; subject: string | null; notification: string }) => `${a.kind}${a.subject ? `:${a.subject}` : ''}/${a.notification}`).sort();
  const printer = (condition: string, sinceMs = clock.now() - 60 * MIN) => ({ role: 'printer', state: 'ready', condition, since: new Date(sinceMs).toISOString() });

  it.skipIf(!database.available)('stores only changes: unchanged beats add no event; a problem is an event and an alert until it clears', async () => {
    const k = await enrolled(c.url, admin, 'k-health-1', 'HEAL23', 'always');
    for (let i = 0; i < 3; i++) expect(await k.beat({}, clock.now())).toMatchObject({ ok: true });
    expect(await events('k-health-1')).toEqual(['approved', 'health', 'problem-cleared:awaiting-first-beat']);

    await k.beat({ devices: [printer('paper-near-end')] }, clock.now());
    await k.beat({ devices: [printer('paper-out')] }, clock.now());
    await k.beat({ devices: [printer('paper-out')] }, clock.now());
    expect((await admin.get('/api/kiosks/k-health-1')).body).toMatchObject({ health: 'red', problems: ['paper-out'] });
    expect(await openAlerts('k-health-1')).toEqual(['paper-out/pending']);
    await c.sweep();
    // paper-near-end ended when the paper ran out: its all-clear follows its alert.
    expect(hook.calls.map((x) => `${x.event}:${x.alert.kind}:${x.kiosk.id}`)).toEqual(['raised:paper-near-end:k-health-1', 'raised:paper-out:k-health-1', 'resolved:paper-near-end:k-health-1']);

    await k.beat({}, clock.now());
    expect(await openAlerts('k-health-1')).toEqual([]);
    expect(await events('k-health-1')).toEqual([
      'approved',
      'health',
      'problem-cleared:awaiting-first-beat',
      'health',
      'problem-raised:paper-near-end',
      'health',
      'problem-raised:paper-out',
      'problem-cleared:paper-near-end',
      'health',
      'problem-cleared:paper-out',
    ]);
  });

  it.skipIf(!database.available)('sees a device gone for five minutes, dead letters, content about to expire and a skewed clock', async () => {
    const k = await enrolled(c.url, admin, 'k-health-2', 'HEAL24', 'always');
    const scanner = (sinceMs: number) => ({ role: 'scanner', state: 'disconnected', since: new Date(sinceMs).toISOString() });
    await k.beat({ devices: [scanner(clock.now() - 4 * MIN)] }, clock.now());
    expect((await admin.get('/api/kiosks/k-health-2')).body.problems).toEqual([]);
    await k.beat({ devices: [scanner(clock.now() - 6 * MIN)] }, clock.now());
    expect((await admin.get('/api/kiosks/k-health-2')).body.problems).toEqual(['device-disconnected:scanner']);
    await k.beat(
      {
        outbox: { pending: 2, dead: 1 },
        content: { version: 5, expires: new Date(clock.now() + 2 * 86_400_000).toISOString(), lastRefresh: null },
      },
      clock.now() - 3 * MIN, // the kiosk's clock is three minutes behind
    );
    const d = (await admin.get('/api/kiosks/k-health-2')).body;
    expect(d).toMatchObject({ health: 'amber', problems: ['clock-skew', 'content-expiring', 'dead-letters'], outbox: { pending: 2, dead: 1 } });
    expect(Math.round(d.clockOffsetMs / 1000)).toBe(180);
  });

  it.skipIf(!database.available)('holds notifications outside the hall\'s opening hours: sent when it opens, dropped when the problem ended before', async () => {
    const k = await enrolled(c.url, admin, 'k-quiet-1', 'QUXT23', 'nanhai');
    await c.sweep(); // what earlier tests raised in the round-the-clock hall goes out first
    const before = hook.calls.length;
    await k.beat({ devices: [printer('paper-out')] }, clock.now());
    await k.beat({ devices: [printer('paper-out'), { role: 'pad', state: 'disconnected', since: new Date(clock.now() - 10 * MIN).toISOString() }] }, clock.now());
    await k.beat({ devices: [printer('paper-out')] }, clock.now()); // the pad came back during the night
    await c.sweep();
    expect(hook.calls.slice(before).map((x) => `${x.event}:${x.alert.kind}:${x.kiosk.id}`)).toEqual([]);
    expect((await admin.get('/api/alerts?kiosk=k-quiet-1&state=all')).body.alerts.map((a: { kind: string; notification: string }) => `${a.kind}/${a.notification}`).sort()).toEqual([
      'device-disconnected/cancelled',
      'paper-out/held',
    ]);
    clock.advance(MONDAY_OPENING - clock.now() - MIN);
    admin = await Operator.signIn(c.url, 'admin', ADMIN_PASSWORD); // the night outlasted the session
    await k.beat({ devices: [printer('paper-out')] }, clock.now());
    await c.sweep();
    const mine = () => hook.calls.slice(before).filter((x) => x.kiosk.id === 'k-quiet-1');
    expect(mine()).toEqual([]);
    clock.advance(MIN);
    await k.beat({ devices: [printer('paper-out')] }, clock.now());
    await c.sweep();
    expect(mine().map((x) => `${x.event}:${x.alert.kind}:${x.kiosk.id}`)).toEqual(['raised:paper-out:k-quiet-1']);
    expect(await openAlerts('k-quiet-1')).toEqual(['paper-out/sent']);
  });

  it.skipIf(!database.available)('marks a kiosk offline after three missed beats, and online again when it beats', async () => {
    const k = await enrolled(c.url, admin, 'k-off-1', 'QFFA23', 'always');
    await k.beat({}, clock.now());
    clock.advance(3 * 60 * 1100 + 4_000);
    admin = await Operator.signIn(c.url, 'admin', ADMIN_PASSWORD);
    await c.sweep();
    expect((await admin.get('/api/kiosks/k-off-1')).body.health).toBe('green');
    clock.advance(2_000);
    await c.sweep();
    expect((await admin.get('/api/kiosks/k-off-1')).body).toMatchObject({ health: 'red', problems: ['offline'] });
    // The same sweep that saw it offline sent the notification (the hall is open round the clock).
    expect(await openAlerts('k-off-1')).toEqual(['offline/sent']);
    expect(hook.calls.filter((x) => x.kiosk.id === 'k-off-1').map((x) => x.alert.kind)).toEqual(['offline']);
    await k.beat({}, clock.now());
    expect((await admin.get('/api/kiosks/k-off-1')).body).toMatchObject({ health: 'green', problems: [] });
    expect((await events('k-off-1')).slice(-6)).toEqual(['offline', 'problem-raised:offline', 'health', 'online', 'health', 'problem-cleared:offline']);
  });

  it.skipIf(!database.available)('keeps a sample every 15 minutes, folded into hours after a week', async () => {
    const k = await enrolled(c.url, admin, 'k-hist-1', 'HXST23', 'always');
    // Two hours of beats, one a minute; for a quarter of an hour seven filings wait in the outbox.
    for (let i = 0; i < 120; i++) {
      await k.beat({ outbox: { pending: i >= 30 && i < 45 ? 7 : 0, dead: 0 } }, clock.now());
      clock.advance(MIN);
    }
    admin = await Operator.signIn(c.url, 'admin', ADMIN_PASSWORD);
    const recent = (await admin.get('/api/kiosks/k-hist-1/history?days=7')).body.points;
    expect(recent.length).toBeGreaterThanOrEqual(8);
    expect(recent.length).toBeLessThanOrEqual(9);
    expect(recent.every((p: { resolution: string }) => p.resolution === 'sample')).toBe(true);
    clock.advance(8 * 86_400_000);
    admin = await Operator.signIn(c.url, 'admin', ADMIN_PASSWORD);
    await housekeeping(c.ctx, true);
    const old = (await admin.get('/api/kiosks/k-hist-1/history?days=30')).body.points;
    expect(old.map((p: { resolution: string }) => p.resolution)).toEqual(['hour', 'hour', 'hour'].slice(0, old.length));
    expect(old.length).toBeGreaterThanOrEqual(2);
    // Every beat is counted in some sample, except those after the last one.
    const beats = old.reduce((s: number, p: { beats: number }) => s + p.beats, 0);
    expect(beats).toBeGreaterThan(100);
    expect(beats).toBeLessThanOrEqual(120);
    expect(Math.max(...old.map((p: { outboxPending: number }) => p.outboxPending))).toBe(7);
  });

  it.skipIf(!database.available)('pages the kiosk list with a cursor, red first, filtered by hall, version and problem', async () => {
    admin = await Operator.signIn(c.url, 'admin', ADMIN_PASSWORD);
    const ks: WireKiosk[] = [];
    for (let i = 0; i < 7; i++) ks.push(await enrolled(c.url, admin, `k-page-${i}`, `PAGE${'ABCDEFG'[i]}2`, 'nanhai'));
    for (const [i, k] of ks.entries()) await k.beat(i % 3 === 0 ? { devices: [printer('paper-out')], content: { version: 6, expires: null, lastRefresh: null } } : {}, clock.now());
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: { kiosks: Array<{ id: string; health: string }>; next: string | null; counts: Record<string, number> } = (
        await admin.get(`/api/kiosks?hall=nanhai&q=k-page-&limit=3${after ? `&after=${after}` : ''}`)
      ).body;
      seen.push(...page.kiosks.map((k) => `${k.health}:${k.id}`));
      expect(page.counts).toEqual({ green: 4, amber: 0, red: 3 });
      after = page.next;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(['red:k-page-0', 'red:k-page-3', 'red:k-page-6', 'green:k-page-1', 'green:k-page-2', 'green:k-page-4', 'green:k-page-5']);
    const paperOut = (await admin.get('/api/kiosks?problem=paper-out&q=k-page-')).body.kiosks.map((k: { id: string }) => k.id);
    expect(paperOut).toEqual(['k-page-0', 'k-page-3', 'k-page-6']);
    expect((await admin.get('/api/kiosks?version=6&q=k-page-')).body.kiosks.map((k: { id: string }) => k.id)).toEqual(paperOut);
  });

  it.skipIf(!database.available || database.name !== 'postgres')('shares one PostgreSQL between two console instances: each command delivered once, each offline alert raised once', async () => {
    const second = await startTestConsole(await openPostgres({ url: url!, schema: schema! }), { clock, webhookUrl: hook.url });
    try {
      const a = await enrolled(c.url, admin, 'k-two-1', 'TWQA23', 'always');
      const b = await enrolled(second.url, admin, 'k-two-2', 'TWQB23', 'always');
      // The same kiosk, heard by both instances at once (its key, two connections).
      const viaFirst = new FleetClient(c.url, a.key);
      const viaSecond = new FleetClient(second.url, a.key);
      const beat = async (client: FleetClient) => {
        const send = () => client.call(FLEET_PATHS.heartbeat, heartbeatOf({}, clock.now()), heartbeatAnswer);
        let r = await send();
        for (let i = 0; i < 5 && !r.ok; i++) r = await send(); // stale at first (clock), or the other instance changed the row first
        return r.ok ? r.value.commands.map((x) => x.id) : [];
      };
      const issued: string[] = [];
      for (let i = 0; i < 10; i++) issued.push((await admin.post('/api/kiosks/k-two-1/commands', { kind: 'upload-diagnostics' })).body.id);
      const delivered = (await Promise.all([beat(viaFirst), beat(viaSecond), beat(viaFirst), beat(viaSecond)])).flat();
      expect(delivered.sort()).toEqual([...issued].sort());
      await b.beat({}, clock.now());
      clock.advance(4 * MIN);
      await Promise.all([c.sweep(), second.sweep(), c.sweep(), second.sweep()]);
      const offline = (await admin.get('/api/alerts?state=all&kiosk=k-two-2')).body.alerts.filter((x: { kind: string }) => x.kind === 'offline');
      expect(offline).toHaveLength(1);
      expect(hook.calls.filter((x) => x.kiosk.id === 'k-two-2' && x.alert.kind === 'offline')).toHaveLength(1);
    } finally {
      await second.close();
      await second.ctx.db.close();
    }
  });
});
