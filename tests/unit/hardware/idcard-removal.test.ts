import { afterEach, describe, expect, it } from 'vitest';
import { IdCardReader, type CardRead, type RemovalDetect } from '../../../hardware/drivers/idcard/driver';
import { FAST_BACKOFF, nextEvent, simulateOnMock, startReady, type MockRig } from './mock-devices';

/**
 * Removal detection against the two kinds of reader (notes §4): one that finds a card lying on it
 * again, and one that answers "no card" after a read until the card has left the field.
 */
let reader: IdCardReader | null = null;
afterEach(async () => {
  await reader?.stop();
  reader = null;
});

async function rigWith(refind: boolean, removalDetect: RemovalDetect): Promise<{ rig: MockRig; reader: IdCardReader; removals: number[] }> {
  const rig = simulateOnMock('idReader');
  await rig.act('POST /card/refind', { refind });
  const r = new IdCardReader({ path: rig.path, baudRate: 115200, transport: rig.transport, pollIntervalMs: 5, commandTimeoutMs: 250, readTimeoutMs: 500, retries: 1, backoff: FAST_BACKOFF, removalDetect });
  reader = r;
  const removals: number[] = [];
  r.onRemoved(() => removals.push(Date.now()));
  await startReady(r);
  return { rig, reader: r, removals };
}

/** Enough polls (at 5 ms) for a reader to have answered find many times. */
const manyPolls = async (r: IdCardReader, rig: MockRig): Promise<void> => {
  const before = rig.device.writes.length;
  while (rig.device.writes.length < before + 40) await new Promise((res) => setTimeout(res, 5));
  expect(r.status.state).toBe('ready');
};

describe('a reader that will not find a card it has read (removalDetect unreliable)', () => {
  it('keeps the card: its "no card" after a read raises no removal', async () => {
    const { rig, reader: r, removals } = await rigWith(false, 'unreliable');
    const read = nextEvent<CardRead>(r, 'card');
    await rig.act('POST /card/insert', { card: 'valid' });
    expect((await read).card.name).toBe('黄测试');
    await manyPolls(r, rig);
    expect(removals).toEqual([]);
  });

  it('reads the card again when it is lifted and placed again, and a re-read cannot tell', async () => {
    const { rig, reader: r, removals } = await rigWith(false, 'unreliable');
    const first = nextEvent<CardRead>(r, 'card');
    await rig.act('POST /card/insert', { card: 'valid' });
    await first;
    expect(await r.reread(2_000)).toEqual({ kind: 'cannot-tell' });
    await rig.act('POST /card/remove');
    await manyPolls(r, rig);
    const second = nextEvent<CardRead>(r, 'card');
    await rig.act('POST /card/insert', { card: 'longTerm' });
    expect((await second).card.validUntil).toBeNull();
    expect(removals).toEqual([]);
  });

  it('against a reader that does find it again, reads it once while it lies there', async () => {
    const { rig, reader: r } = await rigWith(true, 'unreliable');
    let reads = 0;
    r.onCard(() => (reads += 1));
    const read = nextEvent<CardRead>(r, 'card');
    await rig.act('POST /card/insert', { card: 'valid' });
    await read;
    await manyPolls(r, rig);
    expect(reads).toBe(1);
    // It can read it again on request (a new session learns of it).
    expect((await r.reread(2_000)).kind).toBe('card');
  });

  it('announces a card placed while a re-read was asked for, and answers the re-read with it', async () => {
    const { rig, reader: r } = await rigWith(true, 'unreliable');
    const first = nextEvent<CardRead>(r, 'card');
    await rig.act('POST /card/insert', { card: 'valid' });
    await first;
    await rig.act('POST /card/remove');
    await manyPolls(r, rig);
    // A screen asks for the card on the reader in the very moment another person places theirs.
    const placed = nextEvent<CardRead>(r, 'card');
    const asked = r.reread(2_000);
    await rig.act('POST /card/insert', { card: 'longTerm' });
    expect((await placed).card.validUntil).toBeNull();
    expect(await asked).toMatchObject({ kind: 'card', read: { card: { validUntil: null } } });
  });
});

describe('a reader that finds a card lying on it again (removalDetect reliable)', () => {
  it('reports the lift as a removal', async () => {
    const { rig, reader: r, removals } = await rigWith(true, 'reliable');
    const read = nextEvent<CardRead>(r, 'card');
    await rig.act('POST /card/insert', { card: 'valid' });
    await read;
    await manyPolls(r, rig);
    expect(removals).toEqual([]);
    const removed = nextEvent(r, 'removed');
    await rig.act('POST /card/remove');
    await removed;
  });

  it('would take a "won\'t re-find" reader\'s first answer for a lift: why unreliable is the default', async () => {
    const { rig, reader: r } = await rigWith(false, 'reliable');
    const removed = nextEvent(r, 'removed');
    await rig.act('POST /card/insert', { card: 'valid' });
    await removed;
    expect((await rig.act<{ card: string | null }>('GET /card/state')).card).toBe('valid');
  });
});
