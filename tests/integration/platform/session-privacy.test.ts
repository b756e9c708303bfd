import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskEvent } from '../../../contract';
import { createKioskServices } from '../../../services/kiosk-services';
import { presentCard } from '../../support/card-reader';
import { demoKeyDir, removeDataDir, testConfig, tmpDataDir } from '../../support/kiosk-config';
import { SAMPLE_ENTERPRISE } from './helpers';
import { until } from './outbox-harness';

/**
 * A whole kiosk session through the services (simulated devices, the platform simulator as a child
 * process): the card on the reader identifies, then look up, apply (online and during an outage),
 * rate, report, ask for help, take a ticket, book; then end the session and scan every file the kiosk
 * wrote for the card holder and the contact details typed.
 */
const dataDir = tmpDataDir('platform-session');
process.env.PLATFORM_SIM_HELP_AUTO_ANSWER_MS = '300';
const services = createKioskServices(
  testConfig({ KIOSK_DATA_DIR: dataDir, KIOSK_ID: 'kiosk-nh-07', KIOSK_DEVICES: 'simulated', KIOSK_DEVICES_FAST: '1', KIOSK_LOG_LEVEL: 'debug' }),
  { platformTiming: { sender: { baseDelayMs: 50, maxDelayMs: 200, pollMs: 50 }, probeMs: 100 } },
);
const log = services.log;
const events: KioskEvent[] = [];
services.bus.subscribe((e) => events.push(e));
const call = async (method: string, input: unknown): Promise<any> => services.dispatch(method, input, { via: 'test' });
const platformUrl = (): string => services.health().platform.url!;
const control = async (method: string, p: string, body?: unknown) =>
  (await fetch(platformUrl() + p, { method, headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined })).json();

/** The sample card (hardware/testing/simulators/sample-cards.ts) and what a person types for a call back. */
const holder = { name: '黄测试', idNumber: '440605199003071232', address: '广东省佛山市南海区桂城街道南海大道北88号' };
const typed = { contactName: '黄小测', mobile: '13800138000' };
let stopped = false;

beforeAll(async () => {
  await services.start();
}, 120_000);
afterAll(async () => {
  if (!stopped) await services.stop();
  removeDataDir(dataDir);
});

describe('a kiosk session through the services', () => {
  it('starts the simulator on a loopback port and reports it in health', async () => {
    expect(platformUrl()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await until(() => services.health().platform?.reachable === true);
    expect(services.health()).toMatchObject({ outboxDepth: 0 });
  });

  it('takes the person from the card on the reader, never from a request, and shows them masked', async () => {
    expect((await call('session.begin', { source: 'id-card' })).ok).toBe(true);
    const claimed = await call('session.identify', { person: { name: holder.name, idNumber: holder.idNumber } });
    expect(claimed).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect((await call('session.identify', {})).value.person).toBeNull();
    await presentCard(services, dataDir, 'valid');
    const r = await call('session.identify', { creditCode: SAMPLE_ENTERPRISE.toLowerCase(), role: 'agent' });
    expect(r).toMatchObject({
      ok: true,
      value: { person: { nameMasked: '黄*试', idNumberMasked: '440605********1232', sex: 'male', expired: false }, creditCode: SAMPLE_ENTERPRISE, role: 'agent' },
    });
    expect(JSON.stringify(r.value)).not.toContain(holder.idNumber);
    expect((await call('session.cardDetails', {})).value.person).toEqual(holder);
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
      formData: { 经营场所: '南海大道北68号', 联系人: typed.contactName },
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
    expect(JSON.stringify(tech.value)).not.toContain(holder.name);
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
    const ev = await call('platform.evaluate', { scope: 'service', level: 'dissatisfied', reasons: ['slow'], contactMobile: typed.mobile, waitMs: 200 });
    const fb = await call('platform.feedback', { category: 'system-failure', description: '提交后一直显示排队', contactName: typed.contactName, contactMobile: typed.mobile, waitMs: 200 });
    const help = await call('platform.requestHelp', { topic: 'how-to-apply', message: '不会填写', waitMs: 200 });
    for (const r of [ev, fb, help]) expect(r.value.status).toBe('queued');
    // The refused application above stays a dead letter for the technician: one more than queued.
    expect(services.health().outboxDepth).toBe(5);
    const tech = await call('outbox.status', {});
    expect(tech.value.depth).toBe(5);
    expect(JSON.stringify(tech.value)).not.toContain(holder.name);

    await control('DELETE', '/_control/faults');
    await until(() => services.health().outboxDepth === 1);
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
    log.child('careless').info('identity dump', { holder, note: `经办人${holder.name}，身份证${holder.idNumber}，住址${holder.address}，电话${typed.mobile}` });
    expect((await call('session.end', { reason: 'logout' })).value).toEqual({ wiped: true, hadSession: true });
    expect(await call('platform.submitApplication', { itemCode: 'GD-SC-FOOD-NEW', formData: {}, waitMs: 0 })).toMatchObject({
      ok: false,
      error: { messageKey: 'platform.identifyFirst' },
    });
    await services.stop();
    stopped = true;

    const files: string[] = [];
    const walk = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(d, e.name));
        // Regular files only: the simulators' PTY links would block a read.
        else if (e.isFile()) files.push(path.join(d, e.name));
      }
    };
    walk(dataDir);
    expect(files.some((f) => f.endsWith('kiosk.log'))).toBe(true);
    const logText = fs.readFileSync(path.join(dataDir, 'logs', 'kiosk.log'), 'utf8');
    expect(logText).toContain('identity dump');
    expect(logText).toContain('[personal]');
    // The key that opens sealed entries lives outside the data directory.
    expect(files.some((f) => f.endsWith('outbox.key'))).toBe(false);
    expect(fs.existsSync(path.join(demoKeyDir(dataDir), 'outbox.key'))).toBe(true);
    for (const f of files) {
      const bytes = fs.readFileSync(f);
      for (const secret of [holder.name, holder.idNumber, holder.address, typed.contactName, typed.mobile]) {
        expect(bytes.includes(Buffer.from(secret)), `${secret} found in ${path.relative(dataDir, f)}`).toBe(false);
      }
    }
  });
});
