import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningConsole } from '../../../console/server/app';
import { ManualClock } from '../../../console/server/clock';
import { addWorkingDays } from '../../../console/server/evaluation/working-days';
import { reportAnswer, REPORTS_PATH, type ServiceReport } from '../../../console/wire/reports';
import { FLEET_DATABASES } from '../../support/fleet-databases';
import { ADMIN_PASSWORD, enrolled, Operator, startTestConsole, type WireKiosk } from '../../support/fleet-console';
import { webhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver';

/** China time as an instant. */
const cst = (s: string): number => Date.parse(`${s}+08:00`);
const DAY = 86_400_000;

/**
 * 服务评价与改进 in the console: kiosks' reports open cases (every 差评, complaints, 办不成事), taken once
 * by their ids; staff record each step and close; deadlines in working days across National Day 2026
 * and its 调休 Saturday flag and escalate cases; the rates; exports; the call-back number erased after
 * the retention. The same tests run on PGlite and on the PostgreSQL server.
 */
describe.each(FLEET_DATABASES)('service evaluation ledger on $name', (database) => {
  let drop: () => Promise<void> = async () => undefined;
  let c: RunningConsole;
  let admin: Operator;
  let kiosk: WireKiosk;
  let hook: WebhookReceiver<{ event: string; case?: { number: string; type: string; urgency: string; hallId: string } }>;
  // Wednesday 30 September 2026, 10:00 in China: the day before the National Day holiday.
  const clock = new ManualClock(cst('2026-09-30T10:00:00'));
  // After the test moved the console's clock the first signature is stale; the answer tells the time, as a real kiosk's client learns it.
  const send = async (reports: ServiceReport[]) => {
    const r = await kiosk.client.call(REPORTS_PATH, { reports }, reportAnswer);
    return !r.ok && 'refusal' in r && r.refusal.code === 'stale' ? kiosk.client.call(REPORTS_PATH, { reports }, reportAnswer) : r;
  };
  const at = () => new Date(clock.now()).toISOString();
  /** Moves the console's clock (operators' sessions end meanwhile: signed in again) and runs its sweep. */
  const jump = async (to: number): Promise<void> => {
    clock.advance(to - clock.now());
    await c.sweep();
    admin = await Operator.signIn(c.url, 'admin', ADMIN_PASSWORD);
  };
  const again = (username: string) => Operator.signIn(c.url, username, `${username} password 123`);

  const AMR = { id: 'nh-amr', name: '南海区市场监督管理局' };
  const bad: ServiceReport = {
    id: randomUUID(), at: '', kind: 'evaluation', level: 'very-dissatisfied', scope: 'service', channel: 'pad',
    reasons: ['slow', 'materials-unclear'], itemCode: 'NH-AMR-0101', department: AMR, windowId: 'W07', contact: { consent: true, mobile: '13800138000' },
  };
  const good: ServiceReport = { id: randomUUID(), at: '', kind: 'evaluation', level: 'satisfied', scope: 'matter', channel: 'screen', reasons: [], itemCode: 'NH-AMR-0101', department: AMR };
  const cannot: ServiceReport = { id: randomUUID(), at: '', kind: 'feedback', category: 'cannot-apply', description: '营业执照遗失补领在自助机上找不到', itemCode: 'NH-AMR-0302' };
  const complaint: ServiceReport = {
    id: randomUUID(), at: '', kind: 'complaint', number: 'TS260930-K7Q2XZ', category: 'attitude', description: '7号窗口工作人员态度冷淡', windowId: 'W07',
    contact: { consent: true, mobile: '13900139000' },
  };
  const sessions: ServiceReport[] = [{ id: randomUUID(), at: '', kind: 'session' }, { id: randomUUID(), at: '', kind: 'session' }];

  beforeAll(async () => {
    if (!database.available) return;
    const opened = await database.open();
    drop = opened.drop;
    hook = await webhookReceiver();
    c = await startTestConsole(opened.db, { clock, webhookUrl: hook.url });
    admin = await Operator.signIn(c.url, 'admin', ADMIN_PASSWORD);
    for (const [id, name] of [['nanhai', '南海区政务服务中心'], ['shishan', '狮山镇行政服务中心']]) {
      expect((await admin.call('PUT', `/api/halls/${id}`, { id, name, opening: { schedule: 'workdays', open: '09:00', close: '17:00' } })).status).toBe(200);
    }
    kiosk = await enrolled(c.url, admin, 'k-eval-1', 'EVAL23', 'nanhai');
    for (const r of [bad, good, cannot, complaint, ...sessions]) Object.assign(r, { at: at() });
  });
  afterAll(async () => {
    await c?.close();
    await hook?.close();
    await drop();
  });

  it.skipIf(!database.available)('takes a batch once by its ids, however often it is sent, and every 差评 opens a case', async () => {
    const batch = [sessions[0]!, bad, good, cannot, complaint, sessions[1]!];
    const first = await send(batch);
    expect(first).toMatchObject({ ok: true, value: { accepted: batch.map((r) => r.id) } });
    // The answer was lost: the kiosk sends the same reports again (a new signature), and nothing doubles.
    expect(await send(batch)).toMatchObject({ ok: true, value: { accepted: batch.map((r) => r.id) } });

    const open = (await admin.get('/api/cases?state=open')).body.cases;
    expect(open.map((x: { type: string }) => x.type).sort()).toEqual(['bad-rating', 'cannot-do', 'complaint']);
    const caseOfBad = open.find((x: { type: string }) => x.type === 'bad-rating');
    expect(caseOfBad).toMatchObject({
      hallId: 'nanhai', kioskId: 'k-eval-1', level: 'very-dissatisfied', channel: 'pad', reasons: ['slow', 'materials-unclear'], itemCode: 'NH-AMR-0101', windowId: 'W07',
      contact: '138****8000', urgency: 'normal',
      // 48 hours to verify; five working days to reply: 8, 9, 10 (the 调休 Saturday), 12 and 13 October.
      verifyDue: new Date(cst('2026-10-02T10:00:00')).toISOString(),
      replyDue: new Date(cst('2026-10-14T00:00:00')).toISOString(),
    });
    expect(caseOfBad.number).toMatch(/^CP260930-\d{5}$/);
    // A complaint keeps the number the person was given; 15 working days.
    expect(open.find((x: { type: string }) => x.type === 'complaint')).toMatchObject({ number: 'TS260930-K7Q2XZ', replyDue: new Date(cst('2026-10-28T00:00:00')).toISOString() });
    // The staff's page shows the whole number to call back.
    expect((await admin.get(`/api/cases/${caseOfBad.id}`)).body.contact).toBe('13800138000');
  });

  it.skipIf(!database.available)('closes a case only when each step is recorded, flags and escalates it near and past its deadline', async () => {
    const { cases } = (await admin.get('/api/cases?type=bad-rating')).body;
    const id = cases[0].id;
    const close = await admin.post(`/api/cases/${id}/steps`, { step: 'close' });
    expect(close).toMatchObject({ status: 409, body: { error: { code: 'steps-missing' } } });
    expect(close.body.error.message).toContain('verify, contact, rectify, satisfaction');

    expect((await admin.post(`/api/cases/${id}/steps`, { step: 'verify', note: '调取7号窗口记录：等候超时属实' })).body.verification).toMatchObject({ by: 'admin' });
    // Through the holiday nothing is due; on Tuesday 13 October (its last working day) it is near and goes to the hall manager.
    await jump(cst('2026-10-09T09:00:00'));
    expect((await admin.get(`/api/cases/${id}`)).body).toMatchObject({ urgency: 'normal', escalatedAt: null });
    await jump(cst('2026-10-13T09:00:00'));
    const near = (await admin.get(`/api/cases/${id}`)).body;
    expect(near).toMatchObject({ urgency: 'near', escalatedAt: new Date(clock.now()).toISOString() });
    let manager = await admin.create('nanhai-manager', 'hall-manager', ['nanhai']);
    expect((await manager.get('/api/cases?urgency=near')).body.cases.map((x: { id: number }) => x.id)).toContain(id);
    expect((await manager.get('/api/cases/summary')).body).toMatchObject({ near: 1, badRatings: 1, followedUp: 0, followUpRate: 0 });
    // Wednesday 14 October: past it.
    await jump(cst('2026-10-14T09:00:00'));
    manager = await again('nanhai-manager');
    expect((await manager.get(`/api/cases/${id}`)).body).toMatchObject({ urgency: 'overdue' });
    const audit = (await admin.get('/api/audit?limit=200')).body.entries.filter((e: { action: string; target: string }) => e.action === 'case.escalate' && e.target === `case:${near.number}`);
    expect(audit.map((e: { detail: { urgency: string } }) => e.detail.urgency)).toEqual(['overdue', 'near']);
    // Each step up was pushed to the hall's managers (in opening hours: at once), with nothing of the person.
    await c.sweep();
    const pushed = hook.calls.filter((x) => x.event === 'case-escalated');
    expect(pushed.filter((x) => x.case?.number === near.number).map((x) => [x.case?.number, x.case?.type, x.case?.urgency, x.case?.hallId])).toEqual([
      [near.number, 'bad-rating', 'near', 'nanhai'],
      [near.number, 'bad-rating', 'overdue', 'nanhai'],
    ]);
    expect(JSON.stringify(pushed)).not.toContain('13800138000');

    // A viewer reads but records nothing; a manager of another hall does not see the case.
    const viewer = await admin.create('viewer-eval', 'viewer');
    expect((await viewer.post(`/api/cases/${id}/steps`, { step: 'contact', note: 'x' })).status).toBe(403);
    const other = await admin.create('shishan-manager', 'hall-manager', ['shishan']);
    expect((await other.get(`/api/cases/${id}`)).status).toBe(404);
    expect((await other.get('/api/cases?state=all')).body.cases).toEqual([]);

    await manager.post(`/api/cases/${id}/steps`, { step: 'contact', note: '电话回访，说明等候原因并致歉' });
    await manager.post(`/api/cases/${id}/steps`, { step: 'rectify', note: '高峰时段增开2个窗口；材料清单上墙' });
    await manager.post(`/api/cases/${id}/steps`, { step: 'satisfaction', value: 'satisfied' });
    const closed = await manager.post(`/api/cases/${id}/steps`, { step: 'close' });
    expect(closed).toMatchObject({ status: 200, body: { state: 'closed', closedBy: 'nanhai-manager', urgency: 'normal' } });
    expect((await manager.post(`/api/cases/${id}/steps`, { step: 'contact', note: 'again' })).body.error.code).toBe('closed');
    const actions = (await admin.get('/api/audit?limit=200')).body.entries.filter((e: { target: string }) => e.target === `case:${closed.body.number}`).map((e: { action: string }) => e.action);
    expect(actions.reverse()).toEqual(['case.open', 'case.verify', 'case.escalate', 'case.escalate', 'case.contact', 'case.rectify', 'case.satisfaction', 'case.close']);
  });

  it.skipIf(!database.available)('a complaint needs its answer to close; a 办不成事 may close with the legal basis instead of a change', async () => {
    const { cases } = (await admin.get('/api/cases?state=open')).body;
    const complaintCase = cases.find((x: { type: string }) => x.type === 'complaint');
    for (const step of [{ step: 'verify', note: '核实' }, { step: 'contact', note: '已联系' }, { step: 'rectify', note: '约谈窗口人员' }, { step: 'satisfaction', value: 'basically-satisfied' }]) {
      expect((await admin.post(`/api/cases/${complaintCase.id}/steps`, step)).status).toBe(200);
    }
    expect((await admin.post(`/api/cases/${complaintCase.id}/steps`, { step: 'close' })).body.error.message).toContain('answer');
    expect((await admin.post(`/api/cases/${complaintCase.id}/steps`, { step: 'answer', text: '经核实，已对窗口人员批评教育并纳入考核。' })).body.answer.text).toContain('批评教育');
    expect((await admin.post(`/api/cases/${complaintCase.id}/steps`, { step: 'close' })).body.state).toBe('closed');

    const cannotCase = cases.find((x: { type: string }) => x.type === 'cannot-do');
    expect((await admin.post(`/api/cases/${cannotCase.id}/steps`, { step: 'answer', text: 'x' })).body.error.code).toBe('not-a-complaint');
    await admin.post(`/api/cases/${cannotCase.id}/steps`, { step: 'verify', note: '该事项须现场核验原件' });
    await admin.post(`/api/cases/${cannotCase.id}/steps`, { step: 'contact', note: '无联系方式，张贴告知' });
    const rect = await admin.post(`/api/cases/${cannotCase.id}/steps`, { step: 'rectify', note: '不能在自助机办理，已在指南中写明', legalBasis: '《市场主体登记管理条例实施细则》第三十八条' });
    expect(rect.body.rectification.legalBasis).toContain('第三十八条');
    await admin.post(`/api/cases/${cannotCase.id}/steps`, { step: 'satisfaction', value: 'unreachable' });
    expect((await admin.post(`/api/cases/${cannotCase.id}/steps`, { step: 'close' })).body.state).toBe('closed');
  });

  it.skipIf(!database.available)('counts the five levels and the rates, and exports them as CSV and XLSX without personal data', async () => {
    const stats = (await admin.get('/api/evaluation/stats?from=2026-09-01&to=2026-09-30&by=hall')).body;
    expect(stats.rows).toEqual([
      expect.objectContaining({
        key: 'nanhai', ratings: 2, bad: 1, sessions: 2,
        levels: { 'very-satisfied': 0, satisfied: 1, 'basically-satisfied': 0, dissatisfied: 0, 'very-dissatisfied': 1 },
        goodRate: 0.5, ratedShare: 1, badReplyRate: 1, rectifyRate: 1, rectifySatisfiedRate: 1,
      }),
    ]);
    const byChannel = (await admin.get('/api/evaluation/stats?from=2026-09-01&to=2026-09-30&by=channel')).body;
    expect(byChannel.rows.map((r: { key: string; ratings: number; sessions: number | null }) => [r.key, r.ratings, r.sessions])).toEqual([['pad', 1, null], ['screen', 1, null]]);
    const byDepartment = (await admin.get('/api/evaluation/stats?from=2026-09-01&to=2026-09-30&by=department')).body;
    expect(byDepartment.rows.map((r: { key: string; ratings: number; bad: number; sessions: number | null }) => [r.key, r.ratings, r.bad, r.sessions])).toEqual([['南海区市场监督管理局', 2, 1, null]]);
    expect((await admin.get('/api/evaluation/stats?from=2026-10-01&to=2026-10-31&by=month')).body.total.ratings).toBe(0);

    const bytes = Buffer.from(await (await admin.download('/api/evaluation/stats/export?from=2026-09-01&to=2026-09-30&by=item&format=csv')).arrayBuffer());
    // A byte-order mark first, so a spreadsheet opens the Chinese as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe('item,非常满意,满意,基本满意,不满意,非常不满意,评价数,差评数,会话数,好评率%,评价覆盖率%,差评回复率%,回访整改率%,回访整改满意率%');
    expect(csv).toContain('NH-AMR-0101,0,1,0,0,1,2,1,,50,,100,100,100');

    const xlsx = await admin.download('/api/cases/export?state=all&format=xlsx');
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('编号');
    expect(sheet.rowCount).toBe(4);
    const cells = JSON.stringify(sheet.getSheetValues());
    expect(cells).toContain('TS260930-K7Q2XZ');
    expect(cells).not.toContain('13800138000');
    const casesCsv = await (await admin.download('/api/cases/export?state=all&format=csv')).text();
    expect(casesCsv).not.toMatch(/1[3-9]\d{9}/);
  });

  it.skipIf(!database.available)('erases the call-back number of a closed case once its retention has passed', async () => {
    const { cases } = (await admin.get('/api/cases?state=closed&type=bad-rating')).body;
    const id = cases[0].id;
    expect((await admin.get(`/api/cases/${id}`)).body).toMatchObject({ contact: '13800138000', personalErasedAt: null });
    await jump(clock.now() + 179 * DAY);
    expect((await admin.get(`/api/cases/${id}`)).body.contact).toBe('13800138000');
    await jump(clock.now() + 2 * DAY);
    expect((await admin.get(`/api/cases/${id}`)).body).toMatchObject({ contact: null, personalErasedAt: new Date(clock.now()).toISOString() });
    const [row] = await c.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE contact_mobile = '13800138000'`);
    expect(row?.n).toBe(0);
    // What the case says is kept: the ledger, without the person.
    expect((await admin.get(`/api/cases/${id}`)).body).toMatchObject({ state: 'closed', reasons: ['slow', 'materials-unclear'] });
  });

  it.skipIf(!database.available)('gives new cases the deadlines of their hall\'s own policy; only an administrator sets one', async () => {
    const policy = { verifyHours: 24, replyWorkingDays: { 'bad-rating': 3, complaint: 10, 'cannot-do': 3 }, nearWorkingDays: 2, retentionDays: 30 };
    const viewer = await again('viewer-eval');
    expect((await viewer.call('PUT', '/api/case-policies/nanhai', policy)).status).toBe(403);
    expect((await admin.call('PUT', '/api/case-policies/nanhai', policy)).body).toEqual({ saved: true });
    expect((await admin.get('/api/case-policies')).body.policies.map((p: { jurisdiction: string }) => p.jurisdiction)).toEqual(['*', 'nanhai']);
    const report: ServiceReport = { id: randomUUID(), at: at(), kind: 'evaluation', level: 'dissatisfied', scope: 'service', channel: 'screen', reasons: ['attitude'] };
    expect(await send([report])).toMatchObject({ ok: true });
    const [fresh] = (await admin.get('/api/cases?type=bad-rating&state=open')).body.cases;
    expect(fresh).toMatchObject({ verifyDue: new Date(clock.now() + 24 * 3_600_000).toISOString(), replyDue: new Date(addWorkingDays(clock.now(), 3)).toISOString() });
    expect((await admin.get('/api/audit?limit=50')).body.entries.some((e: { action: string; target: string }) => e.action === 'case-policy.set' && e.target === 'jurisdiction:nanhai')).toBe(true);
  });
});
