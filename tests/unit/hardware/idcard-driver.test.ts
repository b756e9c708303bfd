import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IdCardReader, type CardError, type CardRead } from '../../../hardware/drivers/idcard/driver';
import type { DeviceStatus } from '../../../hardware/drivers/supervisor';
import { SAM } from '../../../hardware/protocols/idcard/commands';
import { encodeCommand } from '../../../hardware/protocols/idcard/frame';
import { SAMPLE_ID_NUMBERS } from '../../../hardware/testing/simulators/sample-cards';
import { FAST_BACKOFF, nextEvent, simulateOnMock, startReady, type MockRig } from './mock-devices';

/** The ID reader driver against the reader simulator's device logic, in-process on a mock port. */
let rig: MockRig;
let reader: IdCardReader;
let statuses: DeviceStatus[];

beforeEach(async () => {
  rig = simulateOnMock('idReader');
  statuses = [];
  reader = new IdCardReader({
    path: rig.path, baudRate: 115200, transport: rig.transport, pollIntervalMs: 5, commandTimeoutMs: 250, readTimeoutMs: 500, retries: 1,
    backoff: FAST_BACKOFF, today: () => '2026-11-25', removalDetect: 'reliable',
  });
  reader.onStatus((s) => statuses.push(s));
  await startReady(reader);
});

afterEach(async () => {
  await reader.stop();
});

const insert = async (card: string): Promise<void> => {
  await rig.act('POST /card/insert', { card });
};

describe('ID card reader driver on a mock port', () => {
  it('checks the SAM at connect and reports ready with the SAM identifier', () => {
    expect(reader.status).toMatchObject({ state: 'ready', port: '/mock/idReader' });
    expect(reader.status.reason).toMatch(/^SAM answered \(SAM 05\.01-\d+-\d{9}-\d{9}\)$/);
    expect(rig.device.lastOpen).toMatchObject({ path: '/mock/idReader', baudRate: 115200 });
    expect(rig.device.writes[0]).toEqual(encodeCommand(...SAM.samStatus));
    expect(rig.device.writes[1]).toEqual(encodeCommand(...SAM.samId));
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'ready']);
  });

  it('reads a card placed on the reader and reports its holder, then its removal', async () => {
    const read = nextEvent<CardRead>(reader, 'card');
    await insert('valid');
    const { card, expired, wlt } = await read;
    expect(card).toMatchObject({ cardType: 'resident', name: '黄测试', ethnicity: '汉', idNumber: SAMPLE_ID_NUMBERS.valid, idNumberValid: true });
    expect(expired).toBe(false);
    expect(wlt).toHaveLength(1024);
    expect(reader.cardPresent).toBe(true);
    const removed = nextEvent(reader, 'removed');
    await rig.act('POST /card/remove');
    await removed;
    expect(reader.cardPresent).toBe(false);
  });

  it('reports an unreadable card as a typed error', async () => {
    const err = nextEvent<CardError>(reader, 'card-error');
    await insert('unreadable');
    expect(await err).toEqual({ reasonKey: 'card.unreadable', reason: 'read card failed' });
  });

  it('resends after a corrupted reply and still reads the card', async () => {
    await rig.act('POST /corrupt-next');
    const read = nextEvent<CardRead>(reader, 'card');
    await insert('expired');
    const r = await read;
    expect(r.card.validUntil).toBe('2020-05-12');
    expect(r.expired).toBe(true);
    expect(reader.status.state).toBe('ready');
  });

  it('goes disconnected when unplugged, says why, and is ready again once plugged back', async () => {
    const down = reader.waitFor('disconnected', 5_000);
    rig.device.unplug();
    expect(await down).toMatchObject({ state: 'disconnected', reason: 'port disconnected' });
    // Reopening fails while nothing is there, and the status says so.
    await expect.poll(() => reader.status.reason).toBe('cannot open /mock/idReader: nothing plugged in at /mock/idReader');
    expect(reader.status.state).toBe('disconnected');
    rig.device.plug();
    expect((await reader.waitFor('ready', 5_000)).reason).toMatch(/^SAM answered/);
    const read = nextEvent<CardRead>(reader, 'card');
    await insert('valid');
    expect((await read).card.name).toBe('黄测试');
  });

  it('goes disconnected when the reader stops answering, and recovers when it answers again', async () => {
    rig.device.silent = true;
    const down = await reader.waitFor('disconnected', 5_000);
    expect(down.reason).toMatch(/^reader stopped answering \(find card: no answer after 2 attempt\(s\) of 250 ms\)$/);
    rig.device.silent = false;
    await reader.waitFor('ready', 5_000);
  });
});
