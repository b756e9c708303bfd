/**
 * `npm run bench fleet`: what one console instance sustains in signed heartbeats per second from a
 * bounded loopback load (p50/p99), on the embedded PGlite and on a PostgreSQL server, against the
 * 333/s that 20,000 kiosks beating once a minute need; the kiosk list's latency with 20,000 kiosks and
 * 30 days of history; and two instances on one PostgreSQL: throughput, and that no heartbeat or command
 * is lost or counted twice. The console runs as its own program (`console/server/cli.ts`), the load here.
 * PostgreSQL: FLEET_DATABASE_URL or FLEET_TEST_DATABASE_URL (without either, that part is skipped).
 * BENCH_FLEET_KIOSKS, _DAYS, _SECONDS, _CONCURRENCY and _DATABASES (pglite,postgres) change the run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../console/server/db/database';
import { migrate } from '../../console/server/db/migrate';
import { openPglite } from '../../console/server/db/pglite';
import { dropSchema, openPostgres } from '../../console/server/db/postgres';
import { FLEET_PATHS } from '../../console/wire/protocol';
import { signedHeaders } from '../../platform-wire/signing';
import { seedFleet, seededBeat, type SeededKiosk } from './fleet-seed';

const ROOT = path.resolve(import.meta.dirname, '../..');
const KIOSKS = Number(process.env.BENCH_FLEET_KIOSKS ?? 20_000);
const DAYS = Number(process.env.BENCH_FLEET_DAYS ?? 30);
const SECONDS = Number(process.env.BENCH_FLEET_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_FLEET_CONCURRENCY ?? 64);
const NEED = KIOSKS / 60;
const PASSWORD = 'bench administrator password';
const PG = process.env.FLEET_DATABASE_URL ?? process.env.FLEET_TEST_DATABASE_URL ?? null;

const pct = (xs: readonly number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
const say = (line: string): void => console.log(line);

// --- the console as a program --------------------------------------------------------------------

interface ConsoleChild {
  readonly port: number;
  stop(): Promise<void>;
}

async function startConsoleProgram(env: Record<string, string>): Promise<ConsoleChild> {
  // BENCH_FLEET_NODE_ARGS: e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to see where a console spends its time.
  const nodeArgs = (process.env.BENCH_FLEET_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(ROOT, 'console/server/cli.ts')], {
    cwd: ROOT,
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'FLEET_DATABASE_URL')), CONSOLE_PORT: '0', CONSOLE_ADMIN_PASSWORD: PASSWORD, CONSOLE_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`console not ready:\n${out}`)), 300_000);
    child.stdout!.on('data', () => {
      const m = /Console ready at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(t);
        resolve(Number(m[1]));
      }
    });
    child.on('exit', (code) => reject(new Error(`console exited ${code}:\n${out}`)));
  });
  return {
    port,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

// --- loopback HTTP --------------------------------------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 });

function request(port: number, method: string, pathname: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: pathname, headers: { ...headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) }, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

async function signIn(port: number): Promise<Record<string, string>> {
  const res = await fetch(`http://127.0.0.1:${port}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': csrfToken };
}

// --- heartbeats -----------------------------------------------------------------------------------

interface Signed {
  readonly kiosk: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Signed before the clock starts, as kiosks would have signed them: the load measures the console, not the signing. */
function preSign(kiosks: readonly SeededKiosk[], count: number, offset: number): Signed[] {
  const out: Signed[] = [];
  for (let i = 0; i < count; i++) {
    const kiosk = (offset + i) % kiosks.length;
    const k = kiosks[kiosk]!;
    const body = JSON.stringify(seededBeat(k, Date.now()));
    out.push({
      kiosk,
      body,
      headers: { 'content-type': 'application/json', ...signedHeaders({ kioskId: k.id, privateKey: k.privateKey }, { method: 'POST', pathWithQuery: FLEET_PATHS.heartbeat, body }) },
    });
  }
  return out;
}

interface LoadResult {
  readonly seconds: number;
  readonly ok: number;
  readonly refused: Record<number, number>;
  readonly latencies: number[];
  /** Command ids handed out, with repeats. */
  readonly commands: string[];
}

/** `CONCURRENCY` requests in flight at most (a bounded load), spread over the ports, until the batch or the time runs out. */
async function runLoad(ports: readonly number[], batch: readonly Signed[], seconds: number): Promise<LoadResult> {
  let next = 0;
  const latencies: number[] = [];
  const refused: Record<number, number> = {};
  const commands: string[] = [];
  let ok = 0;
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  const worker = async (w: number): Promise<void> => {
    while (performance.now() < deadline) {
      const i = next++;
      const s = batch[i];
      if (!s) return;
      const start = performance.now();
      const res = await request(ports[(w + i) % ports.length]!, 'POST', FLEET_PATHS.heartbeat, s.headers, s.body);
      latencies.push(performance.now() - start);
      if (res.status === 200) {
        ok++;
        const answer = JSON.parse(res.text) as { commands: Array<{ id: string }> };
        for (const c of answer.commands) commands.push(c.id);
      } else refused[res.status] = (refused[res.status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
  return { seconds: (performance.now() - t0) / 1000, ok, refused, latencies, commands };
}

const report = (label: string, r: LoadResult): number => {
  const rate = r.ok / r.seconds;
  say(
    `  ${label}: ${rate.toFixed(0)} heartbeats/s = ${(rate / NEED).toFixed(1)}x the ${NEED.toFixed(0)}/s of ${KIOSKS} kiosks at one a minute ` +
      `(p50 ${pct(r.latencies, 50).toFixed(1)} ms, p99 ${pct(r.latencies, 99).toFixed(1)} ms, ${CONCURRENCY} in flight, ${r.ok} accepted${
        Object.keys(r.refused).length ? `, refused ${JSON.stringify(r.refused)}` : ''
      })`,
  );
  return rate;
};

/** Heartbeats for ~`seconds` at the rate the console manages, with a short warm-up first. */
async function heartbeatRate(label: string, ports: readonly number[], kiosks: readonly SeededKiosk[]): Promise<LoadResult & { warmUp: number }> {
  const warm = await runLoad(ports, preSign(kiosks, 1_000, 0), 5);
  // Enough signed requests for 10,000/s over the run (about 2 s of signing per 10,000 on this machine).
  const r = await runLoad(ports, preSign(kiosks, Math.min(kiosks.length * 4, 10_000 * SECONDS), 1_000), SECONDS);
  report(label, r);
  return { ...r, warmUp: warm.ok, commands: [...warm.commands, ...r.commands] };
}

// --- pages ----------------------------------------------------------------------------------------

async function pageLatencies(port: number): Promise<void> {
  const auth = await signIn(port);
  const get = async (p: string): Promise<{ ms: number; body: { next?: string | null } }> => {
    const t = performance.now();
    const res = await request(port, 'GET', p, auth);
    if (res.status !== 200) throw new Error(`${p}: ${res.status} ${res.text.slice(0, 200)}`);
    return { ms: performance.now() - t, body: JSON.parse(res.text) as { next?: string | null } };
  };
  const list: number[] = [];
  const filters = ['', '&health=red', '&health=green', '&hall=hall-17', '&problem=paper-out', '&version=5', '&q=kiosk-19', '&status=revoked'];
  for (let round = 0; round < 25; round++) {
    for (const f of filters) list.push((await get(`/api/kiosks?limit=50${f}`)).ms);
    // Ten pages deep by cursor.
    let after: string | null | undefined = null;
    for (let p = 0; p < 10; p++) {
      const r: { ms: number; body: { next?: string | null } } = await get(`/api/kiosks?limit=50${after ? `&after=${after}` : ''}`);
      list.push(r.ms);
      after = r.body.next;
    }
  }
  const history: number[] = [];
  const events: number[] = [];
  for (let i = 0; i < 100; i++) {
    const id = `kiosk-${String((i * 197) % KIOSKS).padStart(5, '0')}`;
    history.push((await get(`/api/kiosks/${id}/history?days=${i % 2 ? 7 : 30}`)).ms);
    events.push((await get(`/api/kiosks/${id}/events?limit=50`)).ms);
  }
  const line = (name: string, xs: number[]) => `  ${name}: p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms (${xs.length} requests; limit 200 ms: p95 = ${((pct(xs, 95) / 200) * 100).toFixed(0)} % of it)`;
  say(line('kiosk list (filters, 10 pages deep)', list));
  say(line('kiosk history (7 and 30 days)', history));
  say(line('kiosk events (keyset)', events));
}

// --- the runs -------------------------------------------------------------------------------------

/**
 * As in a fleet that has been running: each kiosk writes a history sample once a quarter of an hour, so
 * one beat in fifteen does. A run sends each kiosk about five beats: a third of the kiosks are due.
 */
async function primeSamples(db: Database): Promise<void> {
  await db.query('UPDATE kiosks SET history_at = CASE WHEN bucket % 3 = 0 THEN $1::timestamptz ELSE $2::timestamptz END', [new Date(Date.now() - 3_600_000), new Date(Date.now() + 3_600_000)]);
}

async function seeded(db: Database, label: string): Promise<SeededKiosk[]> {
  const t0 = performance.now();
  await migrate(db, new Date());
  say(`seeding ${label}:`);
  const kiosks = await seedFleet(db, { n: KIOSKS, historyDays: DAYS, now: Date.now(), log: say });
  await primeSamples(db);
  say(`  seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return kiosks;
}

async function onPglite(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-fleet-pglite-'));
  const db = await openPglite(path.join(dir, 'pgdata'));
  const kiosks = await seeded(db, 'PGlite');
  await db.close();
  const c = await startConsoleProgram({ CONSOLE_DATA_DIR: dir });
  try {
    say('one console on the embedded PGlite:');
    await heartbeatRate('heartbeats', [c.port], kiosks);
    await pageLatencies(c.port);
  } finally {
    await c.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function onPostgres(url: string): Promise<void> {
  const schema = `bench_fleet_${randomBytes(4).toString('hex')}`;
  const db = await openPostgres({ url, schema });
  const kiosks = await seeded(db, 'PostgreSQL');
  const withSchema = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  try {
    const one = await startConsoleProgram({ FLEET_DATABASE_URL: withSchema });
    try {
      say('one console on PostgreSQL:');
      await heartbeatRate('heartbeats', [one.port], kiosks);
      await pageLatencies(one.port);
    } finally {
      await one.stop();
    }

    say('two consoles on one PostgreSQL:');
    const [a, b] = await Promise.all([startConsoleProgram({ FLEET_DATABASE_URL: withSchema }), startConsoleProgram({ FLEET_DATABASE_URL: withSchema })]);
    try {
      // A command for each of 2,000 kiosks; each must leave with exactly one answer, from either instance.
      const issuedTo = kiosks.slice(0, 2_000).map((k) => k.id);
      await db.query(
        `INSERT INTO commands (id, kiosk_id, kind, state, issued_by, issued_at, expires_at)
         SELECT 'bench-' || id, id, 'upload-diagnostics', 'pending', 'bench', $1, $2 FROM unnest($3::text[]) AS t(id)`,
        [new Date(), new Date(Date.now() + 3_600_000), issuedTo],
      );
      await primeSamples(db);
      const before = await db.query<{ v: number }>('SELECT sum(row_version)::int AS v FROM kiosks');
      const r = await heartbeatRate('heartbeats over both', [a.port, b.port], kiosks);
      // Each accepted beat moved its kiosk's row exactly once: nothing lost, nothing counted twice.
      const after = await db.query<{ v: number }>('SELECT sum(row_version)::int AS v FROM kiosks');
      const warmUp = r.warmUp;
      const moved = after[0]!.v - before[0]!.v;
      say(`  heartbeats accepted ${r.ok + warmUp} (with the warm-up), rows moved ${moved}: ${moved === r.ok + warmUp ? 'none lost, none counted twice' : 'MISMATCH'}`);
      const handed = new Map<string, number>();
      for (const id of r.commands) handed.set(id, (handed.get(id) ?? 0) + 1);
      const states = await db.query<{ state: string; n: number }>(`SELECT state, count(*)::int AS n FROM commands WHERE id LIKE 'bench-%' GROUP BY state`);
      const twice = [...handed.values()].filter((n) => n > 1).length;
      const stillPending = states.find((s) => s.state === 'pending')?.n ?? 0;
      say(
        `  commands: ${issuedTo.length} issued, ${handed.size} delivered in answers, ${twice} delivered twice, ${stillPending} still pending ` +
          `(their kiosks did not beat in the run) → ${issuedTo.length - handed.size - stillPending} lost`,
      );
      // The same signed requests again, to the other instance: replays, all refused.
      const replays = preSign(kiosks, 200, 50_000);
      await runLoad([a.port], replays, 10);
      const again = await runLoad([b.port], replays, 10);
      say(`  the same 200 signed heartbeats sent to the other instance: ${again.ok} accepted, ${again.refused[409] ?? 0} refused as replays`);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  } finally {
    await db.close();
    await dropSchema(url, schema);
  }
}

async function main(): Promise<void> {
  try {
    await runs();
  } finally {
    agent.destroy();
  }
}

async function runs(): Promise<void> {
  say(`fleet: ${KIOSKS} kiosks, ${DAYS} days of history, ${SECONDS} s of load per run, ${os.cpus().length} cores shared by console, database and load`);
  const which = (process.env.BENCH_FLEET_DATABASES ?? 'pglite,postgres').split(',');
  if (which.includes('pglite')) await onPglite();
  if (!which.includes('postgres')) return;
  if (PG) await onPostgres(PG);
  else say('PostgreSQL: skipped (set FLEET_DATABASE_URL or FLEET_TEST_DATABASE_URL to a server to measure it)');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
