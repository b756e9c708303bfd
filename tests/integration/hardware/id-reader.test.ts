import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probePorts } from '../../../hardware/probe';
import { IdCardReader, type CardError, type CardRead } from '../../../hardware/drivers/idcard/driver';
import type { DeviceStatus } from '../../../hardware/drivers/supervisor';
import { SAMPLE_ID_NUMBERS } from '../../../hardware/testing/simulators/sample-cards';
import { control, startSimulatedDevice, type SimulatedDeviceRig } from '../../../hardware/testing/simulators/spawn';

/** Real serialport over a socat PTY pair against the reader simulator process. */
let rig: SimulatedDeviceRig;
let reader: IdCardReader;
const statuses: DeviceStatus[] = [];

const nextEvent = <T>(event: 'card' | 'card-error' | 'removed', timeoutMs = 5000): Promise<T> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    reader.once(event, (v: T) => {
      clearTimeout(timer);
      resolve(v);
    });
  });

const insert = async (card: string): Promise<void> => {
  await control(rig.sim.control, 'POST /card/insert', { card });
};
const remove = async (): Promise<void> => {
  const removed = nextEvent('removed');
  await control(rig.sim.control, 'POST /card/remove');
  await removed;
};

beforeAll(async () => {
  rig = await startSimulatedDevice('idReader');
  reader = new IdCardReader({
    path: rig.pty.hostPath, baudRate: 115200, pollIntervalMs: 50, commandTimeoutMs: 500, readTimeoutMs: 1500, retries: 2,
    backoff: { initialMs: 100, maxMs: 400 }, today: () => '2026-11-25', removalDetect: 'reliable',
  });
  reader.onStatus((s) => statuses.push(s));
  reader.start();
  await reader.waitFor('ready', 10_000);
});

afterAll(async () => {
  await reader?.stop();
  await rig?.close();
});

describe('ID card reader driver over a PTY', () => {
  it('reads a valid resident card with every field decoded', async () => {
    const read = nextEvent<CardRead>('card');
    await insert('valid');
    const { card, expired, photo, wlt } = await read;
    expect(card).toMatchObject({
      cardType: 'resident', name: '黄测试', sex: 'male', ethnicity: '汉', birthDate: '1990-03-07',
      address: '广东省佛山市南海区桂城街道南海大道北88号', idNumber: SAMPLE_ID_NUMBERS.valid, idNumberValid: true,
      authority: '佛山市公安局南海分局', validFrom: '2020-01-15', validUntil: '2040-01-15',
    });
    expect(expired).toBe(false);
    expect(photo).toBeNull();
    expect(wlt).toHaveLength(1024);
    await remove();
  });

  it('reports 长期 as no expiry and the ethnic group from the code table', async () => {
    const read = nextEvent<CardRead>('card');
    await insert('longTerm');
    const { card, expired } = await read;
    expect(card.validUntil).toBeNull();
    expect(card.ethnicity).toBe('壮');
    expect(card.sex).toBe('female');
    expect(expired).toBe(false);
    await remove();
  });

  it('detects an expired card', async () => {
    const read = nextEvent<CardRead>('card');
    await insert('expired');
    const r = await read;
    expect(r.card.validUntil).toBe('2020-05-12');
    expect(r.expired).toBe(true);
    await remove();
  });

  it('reads a foreign permanent resident card', async () => {
    const read = nextEvent<CardRead>('card');
    await insert('foreign');
    const { card } = await read;
    expect(card).toMatchObject({ cardType: 'foreignPermanent', name: '约翰测试', englishName: 'TESTER, JOHN SAMPLE', nationality: 'USA', idNumber: 'USA440612345678', birthDate: '1980-01-01', address: null });
    await remove();
  });

  it('reads a Hong Kong/Macao/Taiwan residence permit', async () => {
    const read = nextEvent<CardRead>('card');
    await insert('hkmt');
    const { card } = await read;
    expect(card).toMatchObject({ cardType: 'hkMacaoTaiwan', name: '何测试港', passNumber: 'H12345678', issueCount: 1, ethnicity: null, idNumberValid: true });
    expect(card.idNumber.startsWith('810000')).toBe(true);
    await remove();
  });

  it('reports an unreadable card and an unsupported card type as typed errors', async () => {
    let err = nextEvent<CardError>('card-error');
    await insert('unreadable');
    expect(await err).toMatchObject({ reasonKey: 'card.unreadable' });
    await remove();
    err = nextEvent<CardError>('card-error');
    await insert('unsupported');
    expect(await err).toMatchObject({ reasonKey: 'card.unsupportedType' });
    await remove();
  });

  it('survives garbage and a corrupted reply (retries), still reading the next card', async () => {
    await control(rig.sim.control, 'POST /garbage', { bytes: 64 });
    await control(rig.sim.control, 'POST /corrupt-next');
    const read = nextEvent<CardRead>('card');
    await insert('valid');
    expect((await read).card.name).toBe('黄测试');
    await remove();
    expect(reader.status.state).toBe('ready');
  });

  it('goes disconnected when the simulator dies and comes back ready when it is restarted', async () => {
    statuses.length = 0;
    await rig.sim.kill();
    const down = await reader.waitFor('disconnected', 8000);
    expect(down.reason).toMatch(/stopped answering/);
    await rig.restart();
    const up = await reader.waitFor('ready', 10_000);
    expect(up.reason).toMatch(/SAM answered/);
    const read = nextEvent<CardRead>('card');
    await insert('valid');
    expect((await read).card.idNumber).toBe(SAMPLE_ID_NUMBERS.valid);
    expect(statuses.map((s) => s.state)).toContain('disconnected');
  });

  it('is identified as an ID reader by the port probe once the driver lets go of it', async () => {
    await reader.stop();
    const results = await probePorts({ extraPaths: [rig.pty.hostPath], timeoutMs: 1000 });
    expect(results.find((r) => r.path === rig.pty.hostPath)).toMatchObject({ role: 'idReader', baudRate: 115200 });
  });
});
