import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningConsole } from '../../../console/server/app';
import { REPORTS_PATH } from '../../../console/wire/reports';
import type { Health } from '../../../contract';
import { contentApi } from '../../../contract/api/content';
import { fleetApi } from '../../../contract/api/fleet';
import { createContentArea } from '../../../services/content/area';
import { buildSampleBundle, sampleVersion } from '../../../services/demo/sample-content';
import { EventBus } from '../../../services/bridge/event-bus';
import { createFleetArea, type FleetArea } from '../../../services/fleet/area';
import { allMigrations } from '../../../services/kiosk-services';
import { StaticKeyProvider } from '../../../services/platform/keys';
import { openStore, type Database } from '../../../services/store/database';
import { waitUntil } from '../../e2e/support/simulators';
import { FLEET_DATABASES } from '../../support/fleet-databases';
import { ADMIN_PASSWORD, Operator, startTestConsole } from '../../support/fleet-console';
import { removeDataDir, testAreaDeps, testConfig, tmpDataDir } from '../../support/kiosk-config';

const MOBILE = '13800138000';

/**
 * A kiosk's fleet area delivering ratings, 办不成事 and sessions to the console through its own sealed
 * outbox: nothing is lost while the console is down, a batch whose answer was lost is counted once,
 * reports arrive in the order made, the call-back number is sealed at rest and gone from the kiosk
 * once the console has it. The kiosk's real fleet area and signed client over HTTP; the console's
 * reachability is switched in the kiosk's fetch.
 */
describe.each(FLEET_DATABASES)('service reports from a kiosk to the console on $name', (database) => {
  let drop: () => Promise<void> = async () => undefined;
  let c: RunningConsole;
  let admin: Operator;
  let area: FleetArea;
  let db: Database;
  const bus = new EventBus();
  const dataDir = tmpDataDir('fleet-reports');
  let link: 'up' | 'down' | 'lose-answer' = 'up';
  const lostAnswers: number[] = [];

  const kioskFetch: typeof fetch = async (input, init) => {
    if (link === 'down') throw new TypeError('fetch failed: connect ECONNREFUSED');
    const res = await fetch(input, init);
    if (link === 'lose-answer' && new URL(String(input)).pathname === REPORTS_PATH) {
      // The console took the batch; its answer never reaches the kiosk.
      link = 'up';
      lostAnswers.push(Date.now());
      throw new TypeError('fetch failed: socket hang up');
    }
    return res;
  };
  const pending = (): number => (db.prepare('SELECT count(*) AS n FROM fleet_reports WHERE delivered_at IS NULL').get() as { n: number }).n;
  const health = {
    version: '0.1.0',
    contentVersion: 5,
    content: { state: 'fresh', expires: null, lastRefresh: null, lastRejected: null },
    devices: [],
    ready: true,
    reasons: [],
    platform: { reachable: true },
  } as unknown as Health;

  beforeAll(async () => {
    if (!database.available) return;
    const opened = await database.open();
    drop = opened.drop;
    c = await startTestConsole(opened.db, { beatSeconds: 1 });
    admin = await Operator.signIn(c.url, 'admin', ADMIN_PASSWORD);
    await admin.call('PUT', '/api/halls/nanhai', { id: 'nanhai', name: '南海区政务服务中心', opening: { schedule: 'daily', open: '00:00', close: '24:00' } });
    const key = randomBytes(32).toString('base64');
    const config = testConfig({ KIOSK_DATA_DIR: dataDir, KIOSK_FLEET_URL: c.url, KIOSK_ID: 'k-reports-1', KIOSK_OUTBOX_KEY: key });
    db = openStore(dataDir, allMigrations);
    area = createFleetArea(testAreaDeps({ config, db, bus, kioskId: 'k-reports-1' }), {
      health: () => health,
      sessionInProgress: () => false,
      outbox: () => ({ pending: 0, dead: 0, deadLetters: [] }),
      keys: new StaticKeyProvider(key),
      fetch: kioskFetch,
      // The content area's answer for the sample catalogue's market-regulation items.
      departmentOf: (itemCode) => (itemCode.startsWith('NH-AMR-') ? { id: 'nh-amr', name: '南海区市场监督管理局' } : null),
    });
    await area.start?.();
    const code = await waitUntil(() => (area.port.status().state === 'pending' ? area.port.status().pairingCode : null), 15_000, 'no pairing code', 50);
    expect((await admin.post('/api/enrolments/approve', { pairingCode: code, hallId: 'nanhai', label: '一楼 A1' })).status).toBe(200);
    await waitUntil(() => area.port.status().lastBeatAt, 15_000, 'no heartbeat', 50);
  }, 60_000);
  afterAll(async () => {
    await area?.stop?.();
    db?.close();
    await c?.close();
    await drop();
    removeDataDir(dataDir);
  });

  it.skipIf(!database.available)('keeps every report sealed while the console is down and delivers them all, once each and in order, when it is back', async () => {
    link = 'down';
    // The person rated 非常不满意 on the pad (the devices area's event), and that rating was taken.
    bus.publish({ type: 'pad.rating', transactionId: 't-1', level: 1, levelName: '非常不满意', reasons: ['slow'] });
    area.port.rated({ scope: 'service', level: 'very-dissatisfied', reasons: ['slow'], itemCode: 'NH-AMR-0101', contactMobile: MOBILE });
    area.port.sessionEnded();
    bus.publish({ type: 'session.expired', reason: 'logout' });
    area.port.rated({ scope: 'matter', level: 'satisfied', reasons: [], itemCode: 'NH-AMR-0101', contactMobile: MOBILE });
    area.port.feedback({ category: 'cannot-apply', description: '营业执照遗失补领找不到', itemCode: 'NH-AMR-0302' });
    area.port.sessionEnded();
    expect(pending()).toBe(5);
    // At rest only sealed: the number is nowhere in the kiosk's files.
    for (const f of fs.readdirSync(dataDir).filter((n) => n.startsWith('kiosk.db'))) expect(fs.readFileSync(path.join(dataDir, f)).includes(MOBILE)).toBe(false);
    expect((await admin.get('/api/cases?state=all')).body.cases).toEqual([]);

    link = 'up';
    await waitUntil(() => pending() === 0, 20_000, 'reports not delivered', 50);
    const { cases } = (await admin.get('/api/cases?state=all')).body;
    expect(cases.map((x: { type: string }) => x.type).sort()).toEqual(['bad-rating', 'cannot-do']);
    // A 好评's number was never kept: only a 差评 carries a call-back.
    expect(cases.find((x: { type: string }) => x.type === 'bad-rating')).toMatchObject({ channel: 'pad', reasons: ['slow'], itemCode: 'NH-AMR-0101', hallId: 'nanhai', contact: '138****8000' });
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const byChannel = (await admin.get(`/api/evaluation/stats?from=${today}&to=${today}&by=channel`)).body;
    expect(byChannel.rows.map((r: { key: string; ratings: number }) => [r.key, r.ratings])).toEqual([['pad', 1], ['screen', 1]]);
    expect(byChannel.total).toMatchObject({ ratings: 2, sessions: 2, ratedShare: 1, goodRate: 0.5 });
    // Both ratings were about a market-regulation item: the department is a dimension of its own.
    const byDepartment = (await admin.get(`/api/evaluation/stats?from=${today}&to=${today}&by=department`)).body;
    expect(byDepartment.rows.map((r: { key: string; ratings: number }) => [r.key, r.ratings])).toEqual([['南海区市场监督管理局', 2]]);
    // Delivered: the payloads (and the number with them) are gone from the kiosk.
    expect((db.prepare('SELECT count(*) AS n FROM fleet_reports WHERE payload IS NOT NULL').get() as { n: number }).n).toBe(0);
  });

  it.skipIf(!database.available)('counts a batch once when the console took it but its answer was lost', async () => {
    link = 'lose-answer';
    area.port.rated({ scope: 'service', level: 'basically-satisfied', reasons: [] });
    await waitUntil(() => lostAnswers.length === 1 && pending() === 0, 20_000, 'not delivered after the lost answer', 50);
    const levels = await c.ctx.db.query<{ level: string; channel: string }>('SELECT level, channel FROM ratings ORDER BY id');
    // In the order rated; the last one on the screen (the pad's rating belonged to the previous session).
    expect(levels).toEqual([
      { level: 'very-dissatisfied', channel: 'pad' },
      { level: 'satisfied', channel: 'screen' },
      { level: 'basically-satisfied', channel: 'screen' },
    ]);
    const [row] = await c.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM service_reports WHERE kiosk_id = 'k-reports-1'`);
    expect(row?.n).toBe(6);
  });

  it.skipIf(!database.available)('files a complaint under a number the person keeps, and shows its progress and the hall\'s answer by that number', async () => {
    const meta = { via: 'test' } as const;
    // As the bridge calls them: the input through the contract's schema first.
    const lookup = (input: { number: string }) => area.handlers['complaint.lookup'](fleetApi['complaint.lookup'].input.parse(input), meta);
    link = 'down';
    const filed = await area.handlers['complaint.file'](fleetApi['complaint.file'].input.parse({ category: 'attitude', description: '7号窗口工作人员态度冷淡，我的电话13900139000', windowId: 'W07', contactMobile: MOBILE }), meta);
    expect(filed).toMatchObject({ ok: true, value: { status: 'queued' } });
    const number = filed.ok ? filed.value.number : '';
    expect(number).toMatch(/^TS\d{6}-[0-9A-Z]{6}$/);
    // Looked up before it left the kiosk: waiting here, not lost.
    expect(await lookup({ number: number.toLowerCase() })).toMatchObject({ ok: true, value: { state: 'queued', answer: null } });

    link = 'up';
    await waitUntil(() => pending() === 0, 20_000, 'complaint not delivered', 50);
    expect(await lookup({ number })).toMatchObject({ ok: true, value: { state: 'open', answer: null } });
    const { cases } = (await admin.get('/api/cases?type=complaint')).body;
    expect(cases[0]).toMatchObject({ number, category: 'attitude', windowId: 'W07', contact: '138****8000' });
    // A number typed into the text reaches the console redacted; only the consented one is kept, in its field.
    expect(cases[0].description).toContain('7号窗口工作人员态度冷淡');
    expect(cases[0].description).not.toContain('13900139000');
    const answer = '经核实，已对窗口人员批评教育并纳入考核。';
    expect((await admin.post(`/api/cases/${cases[0].id}/steps`, { step: 'answer', text: answer })).status).toBe(200);
    expect(await lookup({ number })).toMatchObject({ ok: true, value: { state: 'answered', answer } });
    expect(await lookup({ number: 'TS261204-AAAAAA' })).toMatchObject({ ok: false, error: { code: 'not-found', messageKey: 'complaint.notFound' } });
    link = 'down';
    expect(await lookup({ number })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    link = 'up';
  });

  it.skipIf(!database.available)('reports a sentence typed at 智能导办 that found nothing once, scrubbed: the text only, never an ID or phone number', async () => {
    // The kiosk's real content area (the demo's sample content), wired to the fleet area as the composition root wires it.
    const config = testConfig({ KIOSK_DATA_DIR: dataDir, KIOSK_FLEET_URL: c.url, KIOSK_ID: 'k-reports-1' });
    const content = createContentArea(testAreaDeps({ config, db, bus, kioskId: 'k-reports-1' }), {
      sample: { version: sampleVersion, build: buildSampleBundle },
      unfoundSentence: (text) => area.port.unfoundSentence(text),
    });
    await content.start?.();
    try {
      const ask = (sentence: string) => content.handlers['content.ask'](contentApi['content.ask'].input.parse({ sentence, record: true }), { via: 'test' });
      link = 'lose-answer';
      const said = '今天天气怎么样，我是440602199001011234，电话13912345678';
      expect(await ask(said)).toMatchObject({ ok: true, value: { found: false } });
      await waitUntil(() => lostAnswers.length === 2 && pending() === 0, 20_000, 'the sentence was not delivered', 50);
      // Found: nothing is reported.
      expect(await ask('我想开个奶茶店')).toMatchObject({ ok: true, value: { found: true } });
      expect(pending()).toBe(0);
      const { sentences } = (await admin.get('/api/unfound-sentences')).body;
      // Taken once although its batch went twice (the first answer was lost).
      expect(sentences).toEqual([expect.objectContaining({ count: 1, kiosks: 1, halls: ['nanhai'] })]);
      expect(sentences[0].text).toContain('今天天气怎么样');
      expect(JSON.stringify(sentences)).not.toMatch(/440602|13912345678|\d{5}/);
      const rows = await c.ctx.db.query<{ text: string }>('SELECT text FROM unfound_sentences');
      expect(JSON.stringify(rows)).not.toMatch(/\d{5}/);
    } finally {
      await content.stop?.();
    }
  });
});
