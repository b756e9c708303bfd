import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskEvent } from '../../../contract';
import { createKioskServices, type KioskServices } from '../../../services/kiosk-services';
import { presentCard } from '../../support/card-reader';
import { removeDataDir, testConfig } from '../../support/kiosk-config';
import { waitUntil } from '../../e2e/support/simulators';
import { SAMPLE_ENTERPRISE, tmpDir } from './helpers';

/**
 * The services behind the hall: a filing queued while the platform is down gets a slip, is found by
 * it once delivered (with what is still to provide), 我的办件 by the card, a queue number from the
 * kiosk's own range reconciled later, a matter that belongs elsewhere is not filed here, a 差评's
 * call-back and a booking bound to someone.
 */
let services: KioskServices;
const dataDir = tmpDir('kiosk-hall');
const events: KioskEvent[] = [];
const call = async (method: string, input: unknown): Promise<any> => services.dispatch(method, input, { via: 'test' });
const platformUrl = (): string => services.health().platform.url!;
const control = async (method: 'GET' | 'POST' | 'DELETE', route: string, body?: unknown): Promise<any> =>
  (await fetch(`${platformUrl()}${route}`, { method, ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) })).json();
const down = () => control('POST', '/_control/faults', { mode: 'down' });
const up = () => control('DELETE', '/_control/faults');
const HOLDER_ID = '440605199003071232';
const setupForm = { proposedName: '佛山市南海区示例科技有限公司', registeredCapitalWan: '100', address: '佛山市南海区桂城街道示例路1号', businessScope: '软件开发', agentPhone: '13800138000' };

beforeAll(async () => {
  services = createKioskServices(
    testConfig({ KIOSK_DATA_DIR: dataDir, KIOSK_DEVICES: 'simulated', KIOSK_DEVICES_FAST: '1', KIOSK_ID: 'kiosk-hall-test', KIOSK_QUEUE_LOCAL_RANGE: '950-952' }),
    { platformTiming: { sender: { baseDelayMs: 100, maxDelayMs: 400, pollMs: 100 }, probeMs: 200 } },
  );
  services.bus.subscribe((e) => events.push(e));
  await services.start();
  await waitUntil(() => services.health().platform.reachable && services.health().contentVersion !== null, 60_000, 'services not ready', 100);
  await presentCard(services, dataDir, 'valid');
  await call('session.identify', { role: 'agent' });
}, 120_000);
afterAll(async () => {
  await services?.stop();
  removeDataDir(dataDir);
});

describe('a filing made while the platform is down', () => {
  it('waits under a slip number, is found by it once delivered, with the lease and the 授权委托书 still to provide', async () => {
    await down();
    const filed = await call('platform.submitApplication', {
      itemCode: 'NH-AMR-0101', formData: setupForm, formId: 'f_company_setup', waitMs: 300,
      answers: { q_subject: 'natural_persons', q_premises: 'rented', q_pre_approval: 'no' },
    });
    expect(filed).toMatchObject({ ok: true, value: { status: 'queued', applicationNumber: null } });
    const slip: string = filed.value.slipNumber;
    expect(slip).toMatch(/^[0-9A-Z]{6}-\d{6}-0001$/);
    expect(filed.value.toProvide.map((m: { name: string }) => m.name)).toEqual(expect.arrayContaining(['住所租赁合同及出租方产权证明', '授权委托书及经办人身份证件']));
    expect(await call('platform.receiptBySlip', { slipNumber: slip })).toMatchObject({ ok: false, error: { messageKey: 'platform.slipQueued' } });
    // 我的办件 shows it waiting here.
    expect((await call('platform.myCases', {})).value.queued).toEqual([expect.objectContaining({ slipNumber: slip, itemCode: 'NH-AMR-0101' })]);

    await up();
    await waitUntil(() => events.find((e) => e.type === 'outbox.delivered' && e.receiptId === filed.value.receiptId), 20_000, 'not delivered');
    const delivered = events.find((e) => e.type === 'outbox.delivered' && e.receiptId === filed.value.receiptId) as Extract<KioskEvent, { type: 'outbox.delivered' }>;
    expect(delivered.slipNumber).toBe(slip);
    const found = await call('platform.receiptBySlip', { slipNumber: slip.toLowerCase() });
    expect(found.value.application).toMatchObject({ applicationNumber: delivered.applicationNumber, slipNumber: slip, itemCode: 'NH-AMR-0101' });
    expect(found.value.application.toProvide).toEqual(filed.value.toProvide);
    const mine = (await call('platform.myCases', {})).value;
    expect(mine.queued).toEqual([]);
    expect(mine.cases.map((c: { applicationNumber: string }) => c.applicationNumber)).toContain(delivered.applicationNumber);
  });

  it('my cases need the card: the services never take a number from the screen', async () => {
    const r = await services.dispatch('platform.myCases', { idNumber: HOLDER_ID }, { via: 'http' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('bring the e-labour contracts of an enterprise the holder acts for, and none of another\'s staff', async () => {
    const mine = await call('platform.laborContracts', { creditCode: SAMPLE_ENTERPRISE });
    expect(mine.ok).toBe(true);
    expect(mine.value.contracts.map((c: { workerName: string; startDate: string }) => [c.workerName, c.startDate])).toEqual([
      ['李建国', '2026-12-01'],
      ['何丽娟', '2026-12-08'],
    ]);
    const theirs = await call('platform.laborContracts', { creditCode: '914406057254619E96' });
    expect(theirs.ok).toBe(false);
    expect(JSON.stringify(theirs)).not.toContain('440605');
  });
});

describe('the card holder\'s enterprises', () => {
  it('come from the platform for the card on the reader: the register\'s legal representative, the filed agent, and the account\'s mobile', async () => {
    const r = await call('platform.myEnterprises', {});
    expect(r.ok).toBe(true);
    expect(r.value.mobile).toBe('13926541208');
    expect(r.value.enterprises).toEqual([
      { creditCode: '91440605MA51C7QX76', name: '佛山市南海区狮山智造精密机械有限公司', relation: 'legal_rep' },
      { creditCode: SAMPLE_ENTERPRISE, name: '佛山市南海区桂城粤味轩餐饮有限公司', relation: 'agent' },
      { creditCode: '92440605MA4W3N5P9D', name: '佛山市南海区里水镇阿梅美发店', relation: 'agent' },
    ]);
  });

  it('are asked only by the card: a number in the request is refused', async () => {
    const r = await services.dispatch('platform.myEnterprises', { idNumber: HOLDER_ID }, { via: 'http' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});

describe('a matter that belongs to another authority', () => {
  const move = (after: string) => ({ creditCode: SAMPLE_ENTERPRISE, enterpriseName: '佛山市南海区桂城粤味轩餐饮有限公司', changeItem: 'address', before: '佛山市南海区桂城街道南海大道北68号', after, resolutionDate: '2026-11-20', agentPhone: '13800138000' });

  it('is not filed here; it goes 跨域通办 to a region that takes it, through the platform', async () => {
    await call('session.identify', { creditCode: SAMPLE_ENTERPRISE });
    await call('platform.enterprise', { creditCode: SAMPLE_ENTERPRISE });
    const form = move('广州市番禺区市桥街道示例路8号');
    const here = await call('platform.submitApplication', { itemCode: 'NH-AMR-0202', formData: form, waitMs: 4000 });
    expect(here).toMatchObject({ ok: false, error: { messageKey: 'platform.belongsElsewhere', details: ['迁入地登记机关'] } });
    const target = await call('platform.crossRegionTarget', { itemCode: 'NH-AMR-0202', address: form.after });
    expect(target.value).toMatchObject({ region: '广州市番禺区', acceptsCrossRegion: true });
    const there = await call('platform.submitApplication', { itemCode: 'NH-AMR-0202', formData: form, crossRegionTarget: '广州市番禺区', waitMs: 8000 });
    expect(there.value).toMatchObject({ status: 'delivered', handledBy: '广州市番禺区' });
    // A region that does not take it through the platform: that region's hall.
    expect((await call('platform.crossRegionTarget', { itemCode: 'NH-AMR-0202', address: '深圳市福田区示例路1号' })).value).toMatchObject({ acceptsCrossRegion: false, hall: { name: '深圳市行政服务大厅' } });
    // Within the district it is filed here as ever.
    expect((await call('platform.submitApplication', { itemCode: 'NH-AMR-0202', formData: move('佛山市南海区狮山镇示例路2号'), waitMs: 8000 })).value.status).toBe('delivered');
  });
});

describe('取号 with the platform down', () => {
  it('numbers from the kiosk’s own range, bound to the card, reconciled in order when the platform is back', async () => {
    await down();
    const first = await call('platform.queueTicket', { windowType: 'comprehensive' });
    const second = await call('platform.queueTicket', { windowType: 'comprehensive' });
    expect(first.value).toMatchObject({ source: 'kiosk', boundToCard: true, ticketNumber: 'A950' });
    expect(second.value.ticketNumber).toBe('A951');
    expect(second.value.waitingAhead).toBe(first.value.waitingAhead + 1);
    await up();
    const tickets = await waitUntil(async () => {
      const t = (await control('GET', '/_control/records')).tickets as Array<{ ticketNumber: string; reconciled: boolean }>;
      return t.filter((x) => x.reconciled).length >= 2 ? t : null;
    }, 20_000, 'the kiosk numbers did not reach the platform');
    expect(tickets.filter((t) => t.reconciled).map((t) => t.ticketNumber)).toEqual(['A950', 'A951']);
    // Online again: the platform's own numbers.
    expect((await call('platform.queueTicket', { windowType: 'comprehensive' })).value.source).toBe('platform');
  });
});

describe('the loop after a rating, and a booking bound to someone', () => {
  it('a 差评 with a call-back number gets the date the hall will call; without one, none is promised', async () => {
    const withNumber = await call('platform.evaluate', { scope: 'service', level: 'dissatisfied', reasons: ['slow'], contactMobile: '13800138000', waitMs: 8000 });
    expect(withNumber.value.callBackBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const without = await call('platform.evaluate', { scope: 'service', level: 'dissatisfied', reasons: ['slow'], waitMs: 8000 });
    expect(without.value.callBackBy).toBeNull();
    // A good rating never carries a number, whatever the screen sent.
    await call('platform.evaluate', { scope: 'service', level: 'very-satisfied', contactMobile: '13800138000', waitMs: 8000 });
    const last = (await control('GET', '/_control/records')).evaluations.at(-1);
    expect(last.contactMobile).toBeUndefined();
  });

  it('a booking needs the card or a phone number', async () => {
    const slots = (await call('platform.appointmentSlots', { itemCode: 'NH-AMR-0201' })).value.slots;
    expect((await call('platform.bookAppointment', { slotId: slots[0].slotId, itemCode: 'NH-AMR-0201' })).value.boundTo).toBe('card');
    await call('session.end', { reason: 'logout' });
    expect(await call('platform.bookAppointment', { slotId: slots[1].slotId, itemCode: 'NH-AMR-0201' })).toMatchObject({ ok: false, error: { messageKey: 'platform.bookingNeedsContact' } });
    expect((await call('platform.bookAppointment', { slotId: slots[1].slotId, itemCode: 'NH-AMR-0201', contactMobile: '139 0221 6688' })).value.boundTo).toBe('phone');
  });
});
