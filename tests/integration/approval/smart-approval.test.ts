import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrecheckResult } from '../../../contract';
import { createKioskServices, type KioskServices } from '../../../services/kiosk-services';
import { liftCard, presentCard } from '../../support/card-reader';
import { removeDataDir, testConfig, tmpDataDir } from '../../support/kiosk-config';

/** The sample ID card's holder (hardware/testing/simulators/sample-cards.ts) and enterprises of the platform simulator. */
const HOLDER = { name: '黄测试', idNumber: '440605199003071232' };
const SHISHAN = '91440605MA51C7QX76'; // legal representative 黄测试, normal standing
const YUEWEI = '91440605MA4UL2K84H'; // legal representative 陈志强, valid food licence
const ZUMIAO = '91440604MA55H8TJ5R'; // 禅城, on the abnormal-operations list, licences expired

let services: KioskServices;
let platformUrl: string;
const dataDir = tmpDataDir('kiosk-approval');

const call = async (method: string, input: unknown): Promise<any> => {
  const r = await services.dispatch(method, input, { via: 'test' });
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value;
};
const control = (method: string, p: string, body?: unknown) =>
  fetch(platformUrl + p, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });

/** A new visit: the sample card (黄测试) on the reader, then the enterprise chosen. */
async function identify(creditCode: string): Promise<void> {
  await call('session.end', { reason: 'completed' });
  await presentCard(services, dataDir, 'valid');
  await call('session.begin', { source: 'id-card' });
  await call('session.identify', { creditCode });
}
const verdicts = (p: PrecheckResult): Record<string, string> => Object.fromEntries(p.rules.map((r) => [r.id, r.verdict]));
const nameChange = (creditCode: string, after: string) => ({
  creditCode,
  changeItem: 'name',
  before: '佛山市南海区狮山智造精密机械有限公司',
  after,
  resolutionDate: '2026-11-20',
  agentName: HOLDER.name,
  agentIdNumber: HOLDER.idNumber,
  agentPhone: '13800138000',
});

beforeAll(async () => {
  services = createKioskServices(testConfig({ KIOSK_DATA_DIR: dataDir, KIOSK_DEVICES: 'simulated', KIOSK_DEVICES_FAST: '1' }));
  await services.start();
  platformUrl = services.health().platform.url!;
  // The sender can retry quickly; the sample content is installed on first start.
  for (let i = 0; i < 100 && services.health().contentVersion === null; i++) await new Promise((r) => setTimeout(r, 100));
}, 120_000);
afterAll(async () => {
  await services?.stop();
  removeDataDir(dataDir);
});

describe('秒批 through the kiosk services and the platform simulator', () => {
  it('an enterprise that meets every rule is approved on the spot and gets its amended licence', async () => {
    await identify(SHISHAN);
    const newName = '佛山市南海区狮山智造精密科技有限公司';
    const pre = await call('approval.precheck', { itemCode: 'NH-AMR-0201', formData: nameChange(SHISHAN, newName) });
    expect(pre.smartApproval).toBe(true);
    expect(pre.precheck.instantEligible).toBe(true);
    expect(pre.result.name.zh).toContain('营业执照');

    const outcome = await call('platform.submitApplication', {
      itemCode: 'NH-AMR-0201',
      formData: nameChange(SHISHAN, newName),
      smartApproval: true,
      waitMs: 8000,
    });
    expect(outcome.platformStatus).toBe('completed');
    expect(outcome.decision).toMatchObject({ outcome: 'approved', automated: true });
    expect(outcome.decision.documents[0].title).toContain('营业执照');
    // The platform now holds the amended licence under the new name.
    const { certificates } = await call('platform.certificates', { holderCode: SHISHAN });
    const licence = certificates.find((c: any) => c.certificateId === outcome.decision.documents[0].certificateId);
    expect(licence).toMatchObject({ kind: 'business-licence', holderName: newName, verified: true, expired: false });
  });

  it('an applicant who is not the legal representative sees the rule, the fix, and the manual path', async () => {
    await identify(YUEWEI);
    const pre = await call('approval.precheck', { itemCode: 'NH-AMR-0201', formData: nameChange(YUEWEI, '佛山市南海区桂城粤味轩饮食有限公司') });
    expect(verdicts(pre.precheck)).toMatchObject({ standing: 'passed', 'legal-rep': 'failed', 'new-name-form': 'passed' });
    const failed = pre.precheck.rules.find((r: any) => r.id === 'legal-rep');
    expect(failed.fix.zh).toContain('法定代表人本人');
    expect(pre.precheck.instantEligible).toBe(false);
    // Filed the ordinary way, it is accepted for manual review, with no decision yet.
    const outcome = await call('platform.submitApplication', {
      itemCode: 'NH-AMR-0201',
      formData: nameChange(YUEWEI, '佛山市南海区桂城粤味轩饮食有限公司'),
      smartApproval: false,
      waitMs: 8000,
    });
    expect(outcome.platformStatus).toBe('accepted');
    expect(outcome.decision).toBeNull();
  });

  it('the platform never trusts the kiosk: a request for 秒批 that fails its rules goes to review', async () => {
    await identify(ZUMIAO);
    const form = { creditCode: ZUMIAO, licenceNumber: 'JY24406040088211', premises: '佛山市禅城区', conditionsUnchanged: true, agentName: HOLDER.name, agentIdNumber: HOLDER.idNumber, agentPhone: '13800138000' };
    const pre = await call('approval.precheck', { itemCode: 'NH-AMR-0302', formData: form });
    expect(verdicts(pre.precheck)).toMatchObject({ standing: 'failed', 'licence-valid': 'failed', unchanged: 'passed' });
    const outcome = await call('platform.submitApplication', { itemCode: 'NH-AMR-0302', formData: form, smartApproval: true, waitMs: 8000 });
    expect(outcome.platformStatus).toBe('reviewing');
    expect(outcome.decision).toBeNull();
    const progress = await call('platform.progress', { applicationNumber: outcome.applicationNumber });
    expect(progress.history.at(-1).note).toContain('转人工审核');
  });

  it('with the platform down, rules needing its data cannot be checked, and the rest still are', async () => {
    await identify(YUEWEI);
    await control('POST', '/_control/faults', { mode: 'down' });
    try {
      const form = { creditCode: YUEWEI, licenceNumber: 'JY24406050123456', premises: '佛山市南海区桂城街道', conditionsUnchanged: true };
      const pre = await call('approval.precheck', { itemCode: 'NH-AMR-0302', formData: form });
      expect(pre.platformReachable).toBe(false);
      expect(verdicts(pre.precheck)).toEqual({ standing: 'unknown', 'id-card': 'passed', 'licence-valid': 'unknown', unchanged: 'passed' });
      expect(pre.precheck.instantEligible).toBe(false);
    } finally {
      await control('DELETE', '/_control/faults');
    }
  });

  it('with no card on the reader, a claimed identity files nothing and decides nothing; with the card it is approved', async () => {
    const applications = async (): Promise<number> => ((await (await control('GET', '/_control/records')).json()) as { applications: unknown[] }).applications.length;
    const before = await applications();
    await call('session.end', { reason: 'logout' });
    await liftCard(dataDir);
    await call('session.begin', { source: 'typed' });
    // The legal representative named by the caller: refused as a request the bridge does not know.
    const claim = await services.dispatch('session.identify', { person: HOLDER, creditCode: SHISHAN }, { via: 'http' });
    expect(claim).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    await call('session.identify', { creditCode: SHISHAN });
    const form = { ...nameChange(SHISHAN, '佛山市南海区狮山智造精密装备有限公司'), legalRepName: HOLDER.name, legalRepIdNumber: HOLDER.idNumber };
    const pre = await call('approval.precheck', { itemCode: 'NH-AMR-0201', formData: form });
    expect(pre.precheck.instantEligible).toBe(false);
    expect(pre.precheck.rules.find((r: { id: string }) => r.id === 'legal-rep').verdict).toBe('failed');
    const refused = await services.dispatch('platform.submitApplication', { itemCode: 'NH-AMR-0201', formData: form, smartApproval: true, waitMs: 8000 }, { via: 'http' });
    expect(refused).toMatchObject({ ok: false, error: { messageKey: 'platform.identifyFirst' } });
    expect(await applications()).toBe(before);

    // The real holder's card on the reader: the same request is filed and approved.
    await presentCard(services, dataDir, 'valid');
    const outcome = await call('platform.submitApplication', { itemCode: 'NH-AMR-0201', formData: form, smartApproval: true, waitMs: 8000 });
    expect(outcome.decision).toMatchObject({ outcome: 'approved', automated: true });
    expect(await applications()).toBe(before + 1);
  });

  it('an item without 秒批 rules says so', async () => {
    const pre = await call('approval.precheck', { itemCode: 'NH-AMR-0101', formData: {} });
    expect(pre).toMatchObject({ smartApproval: false, precheck: null });
  });
});
