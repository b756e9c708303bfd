import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskEvent } from '../../../contract';
import { createDispatcher, type Handlers } from '../../../services/bridge/dispatcher';
import { EventBus } from '../../../services/bridge/event-bus';
import type { KioskConfig } from '../../../services/config';
import { createLogger } from '../../../services/log/logger';
import { createPlatformArea, platformMigrations } from '../../../services/platform/area';
import { coreMigrations } from '../../../services/store/core-migrations';
import { openStore } from '../../../services/store/database';
import { SAMPLE_ENTERPRISE, SAMPLE_PEOPLE, tmpDir } from './helpers';
import { until } from './outbox-harness';

/**
 * A whole kiosk session through the bridge, with the platform area starting the simulator as a
 * child process: identify, look up, apply (online and during an outage), rate, report, ask for
 * help, take a ticket, book; then end the session and scan every file the kiosk wrote for the
 * sample identities.
 */
const dataDir = tmpDir('platform-session');
const config: KioskConfig = {
  dataDir,
  port: 0,
  kioskId: 'kiosk-nh-07',
  version: 'test',
  idleTimeoutSeconds: 120,
  idleWarningSeconds: 30,
  rendererDir: dataDir,
};
const log = createLogger({ file: path.join(dataDir, 'logs', 'kiosk.log'), echo: false, level: 'debug' });
const db = openStore(dataDir, [...coreMigrations, ...platformMigrations]);
const bus = new EventBus();
const events: KioskEvent[] = [];
bus.subscribe((e) => events.push(e));
const env: NodeJS.ProcessEnv = { ...process.env, PLATFORM_SIM_HELP_AUTO_ANSWER_MS: '300' };
delete env.KIOSK_PLATFORM_URL;
const area = createPlatformArea({ config, db, log: log.child('platform'), bus, env }, { sender: { baseDelayMs: 50, maxDelayMs: 200, pollMs: 50 }, probeMs: 100 });
const dispatch = createDispatcher(area.handlers as unknown as Handlers, log.child('bridge'));
const call = async (method: string, input: unknown): Promise<any> => dispatch(method, input, { via: 'test' });
const control = async (method: string, p: string, body?: unknown) =>
  (await fetch(area.platformUrl() + p, { method, headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined })).json();

const agent = SAMPLE_PEOPLE[0];
let stopped = false;

beforeAll(async () => {
  await area.start();
});
afterAll(async () => {
  if (!stopped) await area.stop();
});

describe('a kiosk session through the platform area', () => {
  it('starts the simulator on a loopback port and reports it in health', async () => {
    expect(area.platformUrl()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await until(() => area.health().platform?.reachable === true);
    expect(area.health()).toMatchObject({ outboxDepth: 0 });
  });

  it('refuses a mistyped ID number with the reason, and holds a valid identity masked', async () => {
    expect((await call('session.begin', { source: 'id-card' })).ok).toBe(true);
    const bad = await call('session.identify', { person: { name: agent.name, idNumber: '44060519850612371Y' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'rejected', messageKey: 'identifiers.ID_CHARSET' } });
    const r = await call('session.identify', { person: { ...agent }, creditCode: SAMPLE_ENTERPRISE.toLowerCase() });
    expect(r).toMatchObject({
      ok: true,
      value: { person: { nameMasked: '陈*强', idNumberMasked: '440605********3714', sex: 'M', mobileMasked: '138****8000' }, creditCode: SAMPLE_ENTERPRISE },
    });
  });

  it('looks up the enterprise and its e-certificates, flagging expired ones and verifying signatures', async () => {
    expect((await call('platform.enterprise', { creditCode: SAMPLE_ENTERPRISE })).value.legalRepresentative).toBe('陈志强');
    const certs = await call('platform.certificates', { holderCode: '91440604MA55H8TJ5R' });
    const byKind = Object.fromEntries(certs.value.certificates.map((c: any) => [c.kind, c]));
    expect(byKind['public-place-hygiene-licence']).toMatchObject({ expired: true, verified: true });
    expect(byKind['business-licence']).toMatchObject({ expired: false, verified: true });
    const badCode = await call('platform.enterprise', { creditCode: '91440605MA4UL2K84' });
    expect(badCode).toMatchObject({ ok: false, error: { messageKey: 'identifiers.USCC_LENGTH' } });
  });

  it('files an application online and answers with the application number', async () => {
    const r = await call('platform.submitApplication', {
      itemCode: 'GD-SC-FOOD-RENEW',
      formData: { 经营场所: '南海大道北68号', 联系人: agent.name },
      attachments: [{ materialName: '营业执照', certificateId: `BL-${SAMPLE_ENTERPRISE}` }],
      waitMs: 5000,
    });
    expect(r).toMatchObject({ ok: true, value: { status: 'delivered', platformStatus: 'accepted' } });
    expect(r.value.applicationNumber).toMatch(/^NH/);
    expect(events.some((e) => e.type === 'outbox.delivered' && e.receiptId === r.value.receiptId)).toBe(true);
    const progress = await call('platform.progress', { applicationNumber: r.value.applicationNumber });
    expect(progress.value.history[0].status).toBe('accepted');
  });

  it('reports an application the platform refuses as refused, with its reason, at once and as an event', async () => {
    // A cancelled company (platform simulator sample data) cannot file: 422 enterprise-not-active.
    await call('session.identify', { creditCode: '91440605MACD6E1Y60' });
    const started = Date.now();
    const r = await call('platform.submitApplication', { itemCode: 'GD-RS-SOCIAL-INSURANCE', formData: {}, waitMs: 8000 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.value).toMatchObject({ status: 'failed', applicationNumber: null, failure: { reason: 'refused', code: 'enterprise-not-active' } });
    expect(events).toContainEqual({ type: 'outbox.failed', receiptId: r.value.receiptId, kind: 'application', reason: 'refused', code: 'enterprise-not-active' });
    expect((await call('platform.applicationStatus', { receiptId: r.value.receiptId })).value).toMatchObject({ status: 'failed', failure: { reason: 'refused' } });
    // A technician sees it; the person's data is not in the technician view.
    const tech = await call('outbox.status', {});
    expect(tech.value.deadLetters.map((d: { receiptId: string }) => d.receiptId)).toContain(r.value.receiptId);
    expect(JSON.stringify(tech.value)).not.toContain(agent.name);
    expect((await call('outbox.retry', { receiptId: r.value.receiptId })).value.requeued).toBe(true);
    await until(() => events.filter((e) => e.type === 'outbox.failed' && e.receiptId === r.value.receiptId).length === 2);
    await call('session.identify', { creditCode: SAMPLE_ENTERPRISE });
  });

  it('rates online and hears back that the platform has the rating', async () => {
    const r = await call('platform.evaluate', { scope: 'service', level: 'satisfied', reasons: [] });
    expect(r.value.status).toBe('delivered');
  });

  it('during an outage: writes are queued, not lost, and delivered when the platform is back', async () => {
    await control('POST', '/_control/faults', { mode: 'down' });
    const app = await call('platform.submitApplication', { itemCode: 'GD-SC-CHANGE-ADDRESS', formData: { 新住所: '桂城街道海五路1号' }, waitMs: 300 });
    expect(app.value).toMatchObject({ status: 'queued', applicationNumber: null });
    const noReason = await call('platform.evaluate', { scope: 'service', level: 'very-dissatisfied', reasons: [] });
    expect(noReason).toMatchObject({ ok: false, error: { messageKey: 'platform.evaluationReasonsRequired' } });
    const ev = await call('platform.evaluate', { scope: 'service', level: 'dissatisfied', reasons: ['slow'], contactMobile: agent.mobile, waitMs: 200 });
    const fb = await call('platform.feedback', { category: 'system-failure', description: '提交后一直显示排队', contactName: agent.name, contactMobile: agent.mobile, waitMs: 200 });
    const help = await call('platform.requestHelp', { topic: 'how-to-apply', message: '不会填写', waitMs: 200 });
    for (const r of [ev, fb, help]) expect(r.value.status).toBe('queued');
    // The refused application above stays a dead letter for the technician: one more than queued.
    expect(area.health().outboxDepth).toBe(5);
    const tech = await call('outbox.status', {});
    expect(tech.value.depth).toBe(5);
    expect(JSON.stringify(tech.value)).not.toContain(agent.name);

    await control('DELETE', '/_control/faults');
    await until(() => area.health().outboxDepth === 1);
    const status = await call('platform.applicationStatus', { receiptId: app.value.receiptId });
    expect(status.value).toMatchObject({ status: 'delivered', platformStatus: 'accepted' });
    expect(status.value.applicationNumber).toMatch(/^NH/);
    const stats = await control('GET', '/_control/stats');
    expect(stats.filed).toMatchObject({ applications: 2, evaluations: 2, feedback: 1, help: 1 });

    // The paged staff member answers (the simulator's auto-answer) and the kiosk is told.
    await until(() => events.some((e) => e.type === 'platform.helpAnswered' && e.receiptId === help.value.receiptId));
    const hs = await call('platform.helpStatus', { receiptId: help.value.receiptId });
    expect(hs.value.help.status).toBe('answered');
  });

  it('takes a queue ticket and books then cancels an appointment', async () => {
    const t = await call('platform.queueTicket', { windowType: 'enterprise-start' });
    expect(t.value.ticketNumber).toMatch(/^B\d{3}$/);
    const slots = await call('platform.appointmentSlots', { itemCode: 'GD-SC-FOOD-NEW' });
    const slot = slots.value.slots[0];
    const b = await call('platform.bookAppointment', { slotId: slot.slotId, itemCode: slot.itemCode });
    expect(b.value.status).toBe('booked');
    expect((await call('platform.cancelAppointment', { appointmentId: b.value.appointmentId })).value.status).toBe('cancelled');
  });

  it('reports the platform as unavailable, not a crash, when it answers garbage', async () => {
    await control('POST', '/_control/faults', { mode: 'malformed', malformed: 'wrong-shape', count: 1, pathPrefix: '/v1/enterprises' });
    expect(await call('platform.enterprise', { creditCode: SAMPLE_ENTERPRISE })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('after the session ends, nothing of the person is left in memory, logs or the data directory', async () => {
    // A careless log call with the whole identity: the redactor must catch it.
    log.child('careless').info('identity dump', { agent, note: `经办人${agent.name}，身份证${agent.idNumber}，电话${agent.mobile}` });
    area.wipeSession();
    log.redactor.forgetAll();
    expect(await call('platform.submitApplication', { itemCode: 'GD-SC-FOOD-NEW', formData: {}, waitMs: 0 })).toMatchObject({
      ok: false,
      error: { messageKey: 'platform.identifyFirst' },
    });
    await area.stop();
    stopped = true;
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();

    const files: string[] = [];
    const walk = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(d, e.name));
        else files.push(path.join(d, e.name));
      }
    };
    walk(dataDir);
    expect(files.some((f) => f.endsWith('kiosk.log'))).toBe(true);
    const logText = fs.readFileSync(path.join(dataDir, 'logs', 'kiosk.log'), 'utf8');
    expect(logText).toContain('identity dump');
    expect(logText).toContain('[personal]');
    for (const f of files) {
      const bytes = fs.readFileSync(f);
      for (const p of SAMPLE_PEOPLE) {
        for (const secret of [p.name, p.idNumber, p.mobile]) {
          expect(bytes.includes(Buffer.from(secret)), `${secret} found in ${path.relative(dataDir, f)}`).toBe(false);
        }
      }
    }
  });
});
