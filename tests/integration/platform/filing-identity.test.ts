import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKioskServices, type KioskServices } from '../../../services/kiosk-services';
import { liftCard, presentCard } from '../../support/card-reader';
import { removeDataDir, testConfig } from '../../support/kiosk-config';
import { SAMPLE_ENTERPRISE, tmpDir } from './helpers';

/**
 * Who an application is filed for, through the whole services (sample content, platform area and
 * the simulator it starts): a set-up registration goes without a credit code, an ordinary item
 * needs one the platform knows and has not cancelled, and a renderer start ends what was held.
 */
const NEW_COMPANY = 'NH-AMR-0102'; // 个体工商户设立登记: creates the enterprise
const ORDINARY = 'NH-AMR-0304'; // 仅销售预包装食品备案
const NOT_FOUND = '91440605MA00000AAJ';
const CANCELLED = '91440605MACD6E1Y60';
const ABNORMAL = '91440604MA55H8TJ5R';

let services: KioskServices;
const dataDir = tmpDir('kiosk-filing');
const call = async (method: string, input: unknown): Promise<any> => services.dispatch(method, input, { via: 'test' });
const records = async (): Promise<{ applications: Array<{ applicationNumber: string; request: { itemCode: string; creditCode: string | null } | null }> }> => {
  const url = services.health().platform.url!;
  return (await fetch(`${url}/_control/records`)).json() as never;
};
/** The sample card's holder (hardware/testing/simulators/sample-cards.ts). */
const HOLDER_ID = '440605199003071232';
/** A new visit with the sample card on the reader: its holder is the person. */
const fresh = async (): Promise<void> => {
  await call('session.end', { reason: 'logout' });
  await presentCard(services, dataDir, 'valid');
};
const file = (itemCode: string) => call('platform.submitApplication', { itemCode, formData: { note: 'test' }, waitMs: 8_000 });

beforeAll(async () => {
  services = createKioskServices(testConfig({ KIOSK_DATA_DIR: dataDir, KIOSK_DEVICES: 'simulated', KIOSK_DEVICES_FAST: '1', KIOSK_ID: 'kiosk-filing-test' }));
  await services.start();
  const deadline = Date.now() + 30_000;
  while (!services.health().platform.reachable || services.health().contentVersion === null) {
    if (Date.now() > deadline) throw new Error(`not ready: ${JSON.stringify(services.health())}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 120_000);
afterAll(async () => {
  await services?.stop();
  removeDataDir(dataDir);
});

describe('filing for the right applicant', () => {
  it('a set-up registration is filed by the card holder alone, without a credit code, and the platform takes it', async () => {
    await fresh();
    const r = await file(NEW_COMPANY);
    expect(r).toMatchObject({ ok: true, value: { status: 'delivered' } });
    const filed = (await records()).applications.find((a) => a.applicationNumber === r.value.applicationNumber);
    expect(filed?.request).toMatchObject({ itemCode: NEW_COMPANY, creditCode: null });
  });

  it('an enterprise identified earlier in the visit does not become the new one', async () => {
    await fresh();
    await call('session.identify', { creditCode: SAMPLE_ENTERPRISE });
    expect((await call('platform.enterprise', { creditCode: SAMPLE_ENTERPRISE })).ok).toBe(true);
    const r = await file(NEW_COMPANY);
    expect(r.ok).toBe(true);
    const filed = (await records()).applications.find((a) => a.applicationNumber === r.value.applicationNumber);
    expect(filed?.request?.creditCode).toBeNull();
  });

  it('an ordinary item needs the person and the enterprise', async () => {
    await call('session.end', { reason: 'logout' });
    await liftCard(dataDir);
    await call('session.identify', { creditCode: SAMPLE_ENTERPRISE });
    expect(await file(ORDINARY)).toMatchObject({ ok: false, error: { messageKey: 'platform.identifyFirst' } });
    await fresh();
    expect(await file(ORDINARY)).toMatchObject({ ok: false, error: { messageKey: 'platform.identifyFirst' } });
    expect(await file(NEW_COMPANY)).toMatchObject({ ok: true });
  });

  it('refuses an enterprise the platform does not know or has cancelled; an abnormal one files', async () => {
    await fresh();
    await call('session.identify', { creditCode: NOT_FOUND });
    expect(await call('platform.enterprise', { creditCode: NOT_FOUND })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await file(ORDINARY)).toMatchObject({ ok: false, error: { messageKey: 'platform.enterpriseNotFound' } });

    await call('session.identify', { creditCode: CANCELLED });
    expect((await call('platform.enterprise', { creditCode: CANCELLED })).value.standing).toBe('cancelled');
    expect(await file(ORDINARY)).toMatchObject({ ok: false, error: { messageKey: 'platform.enterpriseNotActive' } });

    await call('session.identify', { creditCode: ABNORMAL });
    expect((await call('platform.enterprise', { creditCode: ABNORMAL })).value.standing).toBe('abnormal-list');
    const r = await file(ORDINARY);
    expect(r).toMatchObject({ ok: true, value: { status: 'delivered' } });
    const filed = (await records()).applications.find((a) => a.applicationNumber === r.value.applicationNumber);
    expect(filed?.request).toMatchObject({ itemCode: ORDINARY, creditCode: ABNORMAL });
  });

  it('a renderer start ends whatever the services held: nothing can be filed in the previous name', async () => {
    await fresh();
    await call('session.identify', { creditCode: SAMPLE_ENTERPRISE });
    expect(await call('session.end', { reason: 'renderer-start' })).toMatchObject({ ok: true, value: { wiped: true, hadSession: true } });
    expect(await file(ORDINARY)).toMatchObject({ ok: false, error: { messageKey: 'platform.identifyFirst' } });
    expect(await file(NEW_COMPANY)).toMatchObject({ ok: false, error: { messageKey: 'platform.identifyFirst' } });
    expect(await call('session.end', { reason: 'renderer-start' })).toMatchObject({ ok: true, value: { hadSession: false } });
    const log = fs.readFileSync(path.join(dataDir, 'logs', 'kiosk.log'), 'utf8');
    expect(log).not.toContain(HOLDER_ID);
  });
});
