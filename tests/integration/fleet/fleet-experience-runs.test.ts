import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningConsole } from '../../../console/server/app';
import { REPORT_BATCH_MAX_BYTES, reportAnswer, REPORTS_PATH, type ServiceReport } from '../../../console/wire/reports';
import type { Health } from '../../../contract';
import { EXPERIENCE_LIMITS } from '../../../kernel/experience-run';
import { ExperienceRecorder } from '../../../services/admin/experience-run';
import { EventBus } from '../../../services/bridge/event-bus';
import { createFleetArea, type FleetArea } from '../../../services/fleet/area';
import { allMigrations } from '../../../services/kiosk-services';
import { Redactor } from '../../../services/log/redact';
import { StaticKeyProvider } from '../../../services/platform/keys';
import { openStore, type Database } from '../../../services/store/database';
import { waitUntil } from '../../e2e/support/simulators';
import { FLEET_DATABASES } from '../../support/fleet-databases';
import { ADMIN_PASSWORD, enrolled, Operator, startTestConsole, type WireKiosk } from '../../support/fleet-console';
import { removeDataDir, testAreaDeps, testConfig, tmpDataDir } from '../../support/kiosk-config';

type Run = Extract<ServiceReport, { kind: 'experience-run' }>;

/**
 * 政务服务体验员 runs from a kiosk to the console: the kiosk's recorder and real fleet area (sealed
 * outbox, signed client over HTTP) deliver a run once although its batch went twice; the same run
 * under another report id is still one run; a run at every cap travels, and several of them are sent
 * in batches under the byte budget; the list and the report read as staff see them, a hall manager
 * only their halls'. On PGlite and on the PostgreSQL server.
 */
describe.each(FLEET_DATABASES)('体验员 runs from a kiosk to the console on $name', (database) => {
  let drop: () => Promise<void> = async () => undefined;
  let c: RunningConsole;
  let admin: Operator;
  let area: FleetArea;
  let db: Database;
  let wire: WireKiosk;
  const dataDir = tmpDataDir('fleet-experience');
  let link: 'up' | 'lose-answer' = 'up';
  let lostAnswers = 0;
  const batchSizes: number[] = [];
  const kioskFetch: typeof fetch = async (input, init) => {
    if (new URL(String(input)).pathname === REPORTS_PATH) batchSizes.push(Buffer.byteLength(String(init?.body ?? '')));
    const res = await fetch(input, init);
    if (link === 'lose-answer' && new URL(String(input)).pathname === REPORTS_PATH) {
      link = 'up';
      lostAnswers++;
      throw new TypeError('fetch failed: socket hang up');
    }
    return res;
  };
  const pending = (): number => (db.prepare('SELECT count(*) AS n FROM fleet_reports WHERE delivered_at IS NULL').get() as { n: number }).n;
  const rowsOf = async (runId: string): Promise<number> =>
    (await c.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM experience_runs WHERE run_id = $1::uuid', [runId]))[0]!.n;
  const health = { version: '0.1.0', contentVersion: 5, content: { state: 'fresh', expires: null, lastRefresh: null, lastRejected: null }, devices: [], ready: true, reasons: [], platform: { reachable: true } } as unknown as Health;

  beforeAll(async () => {
    if (!database.available) return;
    const opened = await database.open();
    drop = opened.drop;
    c = await startTestConsole(opened.db, { beatSeconds: 1 });
    admin = await Operator.signIn(c.url, 'admin', ADMIN_PASSWORD);
    for (const [id, name] of [['nanhai', '南海区政务服务中心'], ['shishan', '狮山镇行政服务中心']]) {
      await admin.call('PUT', `/api/halls/${id}`, { id, name, opening: { schedule: 'daily', open: '00:00', close: '24:00' } });
    }
    const key = randomBytes(32).toString('base64');
    const config = testConfig({ KIOSK_DATA_DIR: dataDir, KIOSK_FLEET_URL: c.url, KIOSK_ID: 'k-exp-1', KIOSK_OUTBOX_KEY: key });
    db = openStore(dataDir, allMigrations);
    area = createFleetArea(testAreaDeps({ config, db, bus: new EventBus(), kioskId: 'k-exp-1' }), {
      health: () => health,
      sessionInProgress: () => false,
      outbox: () => ({ pending: 0, dead: 0, deadLetters: [] }),
      keys: new StaticKeyProvider(key),
      fetch: kioskFetch,
    });
    await area.start?.();
    const code = await waitUntil(() => (area.port.status().state === 'pending' ? area.port.status().pairingCode : null), 15_000, 'no pairing code', 50);
    expect((await admin.post('/api/enrolments/approve', { pairingCode: code, hallId: 'nanhai', label: '一楼 A1' })).status).toBe(200);
    await waitUntil(() => area.port.status().lastBeatAt, 15_000, 'no heartbeat', 50);
    wire = await enrolled(c.url, admin, 'k-exp-wire', 'EXPW23', 'nanhai');
  }, 60_000);
  afterAll(async () => {
    await area?.stop?.();
    db?.close();
    await c?.close();
    await drop();
    removeDataDir(dataDir);
  });

  it.skipIf(!database.available)('delivers a walked run once although its batch went twice, with its screens, times and the masked note', async () => {
    let now = Date.parse('2026-12-01T02:00:00Z');
    const recorder = new ExperienceRecorder({ redact: (t) => new Redactor().redact(t), finished: (run) => area.port.experienceRun(run), now: () => now });
    expect(area.port.reporting()).toBe(true);
    const runId = (recorder.arm('TYY-0012') as { ok: true; value: { runId: string } }).value.runId;
    recorder.begin();
    recorder.step({ screen: 'home', title: '首页' });
    now += 12_000;
    recorder.step({ screen: 'item', title: '事项详情', subject: 'NH-AMR-0101' });
    now += 30_000;
    recorder.note('材料清单第3项看不懂，试输入身份证440106199001011234也没提示');
    now += 5_000;
    recorder.step({ screen: 'feedback', title: '办不成事反映' });
    now += 8_000;
    link = 'lose-answer';
    recorder.end('officer');
    // Ended once: the session's end afterwards finds nothing to send.
    expect(recorder.end('logout')).toBeNull();
    await waitUntil(() => lostAnswers === 1 && pending() === 0, 20_000, 'the run was not delivered after the lost answer', 50);

    expect(await rowsOf(runId)).toBe(1);
    const { runs } = (await admin.get('/api/experience-runs')).body;
    expect(runs).toEqual([
      expect.objectContaining({ runId, officerCode: 'TYY-0012', hallId: 'nanhai', hallName: '南海区政务服务中心', kioskId: 'k-exp-1', kioskLabel: '一楼 A1', durationMs: 55_000, stepCount: 3, noteCount: 1, endedBy: 'officer' }),
    ]);
    const report = (await admin.get(`/api/experience-runs/${runId}`)).body;
    expect(report.steps.map((s: { screen: string; subject?: string; ms: number; notes: unknown[] }) => [s.screen, s.subject ?? null, s.ms, s.notes.length])).toEqual([
      ['home', null, 12_000, 0],
      ['item', 'NH-AMR-0101', 35_000, 1],
      ['feedback', null, 8_000, 0],
    ]);
    const note = report.steps[1].notes[0].text as string;
    expect(note).toContain('材料清单第3项看不懂');
    expect(note).not.toContain('440106199001011234');
    expect(JSON.stringify(report)).not.toMatch(/\d{17}[\dX]/);
  });

  it.skipIf(!database.available)('keeps one run however often it arrives: the same batch again, or the run under another report id', async () => {
    const at = new Date().toISOString();
    const run: Run = {
      id: randomUUID(), at, kind: 'experience-run', runId: randomUUID(), officerCode: 'TYY-0034', startedAt: at, endedAt: at, endedBy: 'idle-timeout',
      steps: [{ screen: 'home', title: '首页', at, ms: 0 }], stepsOmitted: 0, notes: [],
    };
    const send = (reports: ServiceReport[]) => wire.client.call(REPORTS_PATH, { reports }, reportAnswer);
    expect(await send([run])).toMatchObject({ ok: true, value: { accepted: [run.id] } });
    expect(await send([run])).toMatchObject({ ok: true, value: { accepted: [run.id] } });
    const again = { ...run, id: randomUUID() };
    expect(await send([again])).toMatchObject({ ok: true, value: { accepted: [again.id] } });
    expect(await rowsOf(run.runId)).toBe(1);
    expect((await admin.get('/api/experience-runs?officer=tyy-0034')).body.runs.map((r: { runId: string }) => r.runId)).toEqual([run.runId]);

    // At the kiosk the run's id is its report's: handed over twice, it is queued once.
    const finished = { runId: randomUUID(), officerCode: 'TYY-0035', startedAt: at, endedAt: at, endedBy: 'logout' as const, steps: [], stepsOmitted: 0, notes: [] };
    area.port.experienceRun(finished);
    area.port.experienceRun(finished);
    await waitUntil(() => pending() === 0, 20_000, 'not delivered', 50);
    expect(await rowsOf(finished.runId)).toBe(1);
    expect((db.prepare('SELECT count(*) AS n FROM fleet_reports WHERE id = ?').get(finished.runId) as { n: number }).n).toBe(1);
  });

  it.skipIf(!database.available)('sends runs at every cap in batches under the byte budget; the console refuses a run over a cap', async () => {
    const at = new Date().toISOString();
    const longest = (n: number): string => '走'.repeat(n);
    const full = () => ({
      runId: randomUUID(), officerCode: 'TYY-9999', startedAt: at, endedAt: at, endedBy: 'idle-timeout' as const,
      steps: Array.from({ length: EXPERIENCE_LIMITS.steps }, () => ({ screen: 'service-points-and-more-screen-name-here', title: longest(EXPERIENCE_LIMITS.titleChars), subject: 'X'.repeat(64), at, ms: 86_400_000 })),
      stepsOmitted: 1_000,
      notes: Array.from({ length: EXPERIENCE_LIMITS.notes }, (_, i) => ({ step: EXPERIENCE_LIMITS.steps - 1 - i, screen: 'service-points-and-more-screen-name-here', at, text: longest(EXPERIENCE_LIMITS.noteChars) })),
    });
    const one = { id: randomUUID(), at, kind: 'experience-run' as const, ...full() };
    const size = Buffer.byteLength(JSON.stringify({ reports: [one] }));
    // The largest run fits a batch with room to spare (figure in the report).
    expect(size).toBeLessThan(REPORT_BATCH_MAX_BYTES / 2);
    console.info(`体验员 run at every cap: ${size} bytes of JSON (batch budget ${REPORT_BATCH_MAX_BYTES})`);

    batchSizes.length = 0;
    const runs = Array.from({ length: 5 }, full);
    for (const r of runs) area.port.experienceRun(r);
    await waitUntil(() => pending() === 0, 30_000, 'the full runs were not delivered', 50);
    for (const r of runs) expect(await rowsOf(r.runId)).toBe(1);
    expect(batchSizes.length).toBeGreaterThanOrEqual(3);
    for (const b of batchSizes) expect(b).toBeLessThanOrEqual(REPORT_BATCH_MAX_BYTES);

    const over = { ...one, id: randomUUID(), runId: randomUUID(), steps: [...one.steps, one.steps[0]!] };
    const refused = await wire.client.call(REPORTS_PATH, { reports: [over] }, reportAnswer);
    expect(refused.ok).toBe(false);
    expect(await rowsOf(over.runId)).toBe(0);
  });

  it.skipIf(!database.available)('shows a hall manager only their halls\' runs, in pages newest first', async () => {
    const other = await admin.create('shishan-exp', 'hall-manager', ['shishan']);
    expect((await other.get('/api/experience-runs')).body.runs).toEqual([]);
    const all = (await admin.get('/api/experience-runs?limit=200')).body.runs as Array<{ runId: string; startedAt: string }>;
    expect((await other.get(`/api/experience-runs/${all[0]!.runId}`)).status).toBe(404);
    const manager = await admin.create('nanhai-exp', 'hall-manager', ['nanhai']);
    const viewer = await admin.create('viewer-exp', 'viewer');
    expect((await viewer.get('/api/experience-runs?limit=200')).body.runs).toHaveLength(all.length);

    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: { runs: Array<{ runId: string }>; next: string | null } = (await manager.get(`/api/experience-runs?limit=3${after ? `&after=${after}` : ''}`)).body;
      seen.push(...page.runs.map((r) => r.runId));
      after = page.next;
    } while (after);
    expect(seen).toEqual(all.map((r) => r.runId));
    expect(new Set(seen).size).toBe(seen.length);
    expect((await manager.get('/api/experience-runs?after=bogus')).status).toBe(400);
  });
});
