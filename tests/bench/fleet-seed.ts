import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { Database } from '../../console/server/db/database';
import { bucketOf } from '../../console/server/fleet/rings';
import { HEALTH_RANK } from '../../console/shared/problems';
import type { Heartbeat } from '../../console/wire/protocol';

/** One seeded kiosk: its key (to sign its heartbeats) and the state its beats keep reporting. */
export interface SeededKiosk {
  readonly id: string;
  readonly privateKey: KeyObject;
  readonly printer: 'ok' | 'paper-near-end' | 'paper-out';
}

const DAY = 86_400_000;
const CHUNK = 1_000;

/** What a seeded kiosk reports: unchanged from its row, as most beats of a quiet fleet are. */
export function seededBeat(k: SeededKiosk, now: number): Heartbeat {
  return {
    sentAt: new Date(now).toISOString(),
    bootId: `boot-${k.id}`,
    uptimeSeconds: 86_400,
    appVersion: '0.1.0',
    content: { version: 5, expires: new Date(now + 30 * DAY).toISOString(), lastRefresh: new Date(now - 3_600_000).toISOString() },
    devices: [
      { role: 'idReader', state: 'ready', since: new Date(now - DAY).toISOString() },
      { role: 'printer', state: 'ready', condition: k.printer, since: new Date(now - DAY).toISOString() },
      { role: 'pad', state: 'ready', since: new Date(now - DAY).toISOString() },
      { role: 'scanner', state: 'ready', since: new Date(now - DAY).toISOString() },
    ],
    outbox: { pending: 0, dead: 0 },
    lastError: null,
    sessionInProgress: false,
    ready: true,
    notReady: [],
    platformReachable: true,
    updates: { content: { offered: null, failed: null }, app: { offered: null, failed: null } },
  };
}

/**
 * A province-sized fleet straight into the database: `n` approved kiosks over 100 halls (3 % out of
 * paper, 7 % low on paper), and `historyDays` of history as the console keeps it — 15-minute samples
 * for the last week, hours before that — with two state changes a day per kiosk as events.
 */
export async function seedFleet(
  db: Database,
  o: { n: number; historyDays: number; now: number; log: (line: string) => void },
): Promise<SeededKiosk[]> {
  const now = new Date(o.now);
  await db.query(
    `INSERT INTO halls (id, name, opening, created_at)
     SELECT 'hall-' || g, 'Hall ' || g, '{"schedule":"daily","open":"00:00","close":"24:00"}', $1 FROM generate_series(1, 100) g`,
    [now],
  );
  const kiosks: SeededKiosk[] = [];
  for (let start = 0; start < o.n; start += CHUNK) {
    const rows: Array<{ k: SeededKiosk; key: string; hall: string; problems: string[]; health: 'green' | 'amber' | 'red' }> = [];
    for (let i = start; i < Math.min(o.n, start + CHUNK); i++) {
      const { privateKey } = generateKeyPairSync('ed25519');
      const printer = i % 100 < 3 ? 'paper-out' : i % 100 < 10 ? 'paper-near-end' : 'ok';
      const k: SeededKiosk = { id: `kiosk-${String(i).padStart(5, '0')}`, privateKey, printer };
      kiosks.push(k);
      rows.push({
        k,
        key: createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64'),
        hall: `hall-${(i % 100) + 1}`,
        problems: printer === 'ok' ? [] : [printer],
        health: printer === 'paper-out' ? 'red' : printer === 'paper-near-end' ? 'amber' : 'green',
      });
    }
    await db.query(
      `INSERT INTO kiosks (id, public_key, status, label, hall_id, bucket, enrolled_at, approved_at, approved_by, nonce_floor, health, health_rank,
         problems, online, app_version, content_version, content_expires, last_beat_at, offline_after, boot_id, uptime_s, clock_offset_ms, ready, report, history_at)
       SELECT id, key, 'approved', NULL, hall, bucket, $1, $1, 'bench', $1, health, rank, string_to_array(problems, ','), true, '0.1.0', 5, $2, $3, $4,
         'boot-' || id, 86400, 20, true, '{"devices":[],"outbox":{"pending":0,"dead":0},"lastError":null}', $5
       FROM unnest($6::text[], $7::text[], $8::text[], $9::int[], $10::text[], $11::int[], $12::text[]) AS t(id, key, hall, bucket, health, rank, problems)`,
      [
        new Date(o.now - 40 * DAY),
        new Date(o.now + 30 * DAY),
        now,
        new Date(o.now + 3_600_000),
        new Date(Math.floor(o.now / 900_000) * 900_000),
        rows.map((r) => r.k.id),
        rows.map((r) => r.key),
        rows.map((r) => r.hall),
        rows.map((r) => bucketOf(r.k.id)),
        rows.map((r) => r.health),
        rows.map((r) => HEALTH_RANK[r.health]),
        rows.map((r) => r.problems.join(',')),
      ],
    );
  }
  o.log(`  ${o.n} kiosks`);
  if (o.historyDays <= 0) return kiosks;
  const weekAgo = new Date(o.now - Math.min(7, o.historyDays) * DAY);
  const monthAgo = new Date(o.now - o.historyDays * DAY);
  let rows = 0;
  for (let start = 0; start < o.n; start += 2_000) {
    const range = [`kiosk-${String(start).padStart(5, '0')}`, `kiosk-${String(Math.min(o.n, start + 2_000) - 1).padStart(5, '0')}`];
    const r1 = await db.query<{ n: number }>(
      `WITH i AS (INSERT INTO kiosk_history (kiosk_id, at, resolution, health_rank, problems, outbox_pending, outbox_dead, clock_offset_ms, content_version, beats)
         SELECT k.id, t, 'sample', k.health_rank, k.problems, 0, 0, 20, 5, 15 FROM kiosks k, generate_series($1::timestamptz, $2::timestamptz, interval '15 minutes') t
         WHERE k.id BETWEEN $3 AND $4 RETURNING 1) SELECT count(*)::int AS n FROM i`,
      [weekAgo, new Date(o.now - 900_000), range[0], range[1]],
    );
    const r2 = await db.query<{ n: number }>(
      `WITH i AS (INSERT INTO kiosk_history (kiosk_id, at, resolution, health_rank, problems, outbox_pending, outbox_dead, clock_offset_ms, content_version, beats)
         SELECT k.id, t, 'hour', k.health_rank, k.problems, 0, 0, 20, 5, 60 FROM kiosks k, generate_series($1::timestamptz, $2::timestamptz, interval '1 hour') t
         WHERE k.id BETWEEN $3 AND $4 AND t < $2 RETURNING 1) SELECT count(*)::int AS n FROM i`,
      [monthAgo, weekAgo, range[0], range[1]],
    );
    await db.query(
      `INSERT INTO kiosk_events (kiosk_id, at, kind, detail)
       SELECT k.id, t, 'health', '{"from":"green","to":"amber"}' FROM kiosks k, generate_series($1::timestamptz, $2::timestamptz, interval '12 hours') t
       WHERE k.id BETWEEN $3 AND $4`,
      [monthAgo, now, range[0], range[1]],
    );
    rows += r1[0]!.n + r2[0]!.n;
    if ((start / 2_000) % 2 === 1) o.log(`  history: ${rows.toLocaleString('en')} rows so far`);
  }
  await db.exec('ANALYZE');
  o.log(`  ${rows.toLocaleString('en')} history rows over ${o.historyDays} days, ${(o.n * o.historyDays * 2).toLocaleString('en')} events`);
  return kiosks;
}
