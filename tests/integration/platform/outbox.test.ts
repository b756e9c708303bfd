import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seal, unseal } from '../../../services/platform/keys';
import { backoffDelay, type Parked } from '../../../services/platform/sender';
import { OUTBOX_KINDS } from '../../../services/platform/outbox-store';
import { SAMPLE_ENTERPRISE, SAMPLE_PEOPLE, startHarness, tmpDir, type SimHarness } from './helpers';
import { outboxRig, samplePayload, until } from './outbox-harness';

let h: SimHarness;
beforeAll(async () => {
  h = await startHarness({ timeoutMs: 500 });
});
afterAll(async () => {
  await h.sim.close();
});

const person = SAMPLE_PEOPLE[1];

describe('durable outbox against the simulator', () => {
  it('keeps entries while the platform is down and delivers each exactly once, in order, when it is back', async () => {
    const rig = outboxRig(tmpDir('outbox-down'), h.client);
    const before = (await h.control('GET', '/_control/stats')).filed;
    await h.control('POST', '/_control/faults', { mode: 'down' });
    rig.sender.start();
    const receipts = [];
    for (let i = 0; i < 24; i++) {
      const kind = OUTBOX_KINDS[i % 4]!;
      receipts.push({ kind, ...rig.store.enqueue(kind, samplePayload(kind, i, person, SAMPLE_ENTERPRISE)) });
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(rig.store.counts()).toEqual({ pending: 24, dead: 0 });
    expect(rig.delivered).toHaveLength(0);

    // A lost answer on the first delivery after the outage: the retry must not file twice.
    await h.control('POST', '/_control/faults', { mode: 'duplicate', count: 2 });
    await until(() => rig.store.counts().pending === 0);
    expect(rig.store.counts()).toEqual({ pending: 0, dead: 0 });

    const after = (await h.control('GET', '/_control/stats')).filed;
    for (const kind of ['applications', 'evaluations', 'feedback', 'help']) expect((after[kind] ?? 0) - (before[kind] ?? 0)).toBe(6);
    const records = await h.control('GET', '/_control/records');
    const keys = new Set(records.writes.map((w: { key: string }) => w.key));
    for (const r of receipts) expect(keys.has(r.idempotencyKey)).toBe(true);

    // In order per kind: application numbers rise in the order the entries were committed.
    const numbers = receipts.filter((r) => r.kind === 'application').map((r) => rig.store.get(r.receiptId)?.result?.applicationNumber as string);
    expect([...numbers].sort()).toEqual(numbers);
    expect(new Set(rig.delivered.map((d) => d.entry.receiptId)).size).toBe(24);

    // Delivered entries keep no personal data.
    const leftovers = rig.db.prepare('SELECT COUNT(*) AS n FROM platform_outbox WHERE payload IS NOT NULL').get() as { n: number };
    expect(leftovers.n).toBe(0);
    await rig.close();
  });

  it('parks an entry as a dead letter after N failures, keeps delivering the rest, and a technician can requeue it', async () => {
    const rig = outboxRig(tmpDir('outbox-dead'), h.client, { maxAttempts: 3 });
    await h.control('POST', '/_control/faults', { mode: 'error', status: 503, pathPrefix: '/v1/feedback' });
    rig.sender.start();
    const fb = rig.store.enqueue('feedback', samplePayload('feedback', 1, person, SAMPLE_ENTERPRISE));
    const ev = rig.store.enqueue('evaluation', samplePayload('evaluation', 1, person, SAMPLE_ENTERPRISE));
    await until(() => rig.store.get(fb.receiptId)?.state === 'dead');
    await until(() => rig.store.get(ev.receiptId)?.state === 'delivered');
    const dead = rig.store.deadLetters();
    expect(dead).toHaveLength(1);
    // Temporary failures only: the sender gave up, the platform never refused it.
    expect(dead[0]).toMatchObject({ receiptId: fb.receiptId, attempts: 3, parkedReason: 'gave-up', refusalCode: null });
    expect(dead[0]?.lastError).toContain('503');
    expect(JSON.stringify(dead)).not.toContain(person.name);
    expect(rig.store.counts()).toEqual({ pending: 0, dead: 1 });

    await h.control('DELETE', '/_control/faults');
    expect(rig.store.requeue(fb.receiptId)).toBe(true);
    rig.sender.kick();
    await until(() => rig.store.get(fb.receiptId)?.state === 'delivered');
    expect(rig.store.get(fb.receiptId)).toMatchObject({ parkedReason: null });
    await rig.close();
  });

  it('parks an application the platform refuses with the refusal and its code, and tells whoever waits at once', async () => {
    const parked: Parked[] = [];
    const rig = outboxRig(tmpDir('outbox-refused'), h.client, { onParked: (p) => parked.push(p) });
    rig.sender.start();
    // A cancelled company (platform simulator sample data): the platform answers 422 enterprise-not-active.
    const refused = rig.store.enqueue('application', samplePayload('application', 1, person, '91440605MACD6E1Y60'));
    const started = Date.now();
    const waited = await rig.sender.waitFor(refused.receiptId, 10_000);
    expect(waited).toBeNull();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(rig.store.get(refused.receiptId)).toMatchObject({ state: 'dead', attempts: 1, parkedReason: 'refused', refusalCode: 'enterprise-not-active' });
    expect(parked).toEqual([expect.objectContaining({ reason: 'refused', refusalCode: 'enterprise-not-active' })]);
    expect(parked[0]?.entry.receiptId).toBe(refused.receiptId);
    const filed = (await h.control('GET', '/_control/records')).applications as Array<{ request: { creditCode: string } | null }>;
    expect(filed.some((a) => a.request?.creditCode === '91440605MACD6E1Y60')).toBe(false);
    await rig.close();
  });

  it('parks a write the platform refuses outright (4xx) at once instead of retrying it forever', async () => {
    const rig = outboxRig(tmpDir('outbox-422'), h.client);
    rig.sender.start();
    const bad = rig.store.enqueue('evaluation', { scope: 'service', level: 'very-dissatisfied', reasons: [], ratedAt: 'now' });
    await until(() => rig.store.get(bad.receiptId)?.state === 'dead');
    expect(rig.store.get(bad.receiptId)).toMatchObject({ attempts: 1, parkedReason: 'refused', refusalCode: 'invalid-evaluation' });
    expect(rig.store.get(bad.receiptId)?.lastError).toContain('422');
    await rig.close();
  });

  it('parks an entry it cannot decrypt (key file replaced) instead of blocking its kind', async () => {
    const dir = tmpDir('outbox-rekey');
    const first = outboxRig(dir, h.client);
    const lost = first.store.enqueue('feedback', samplePayload('feedback', 1, person, SAMPLE_ENTERPRISE));
    await first.close();
    fs.writeFileSync(path.join(`${dir}-keys`, 'outbox.key'), Buffer.alloc(32, 1));
    const rig = outboxRig(dir, h.client);
    const later = rig.store.enqueue('feedback', samplePayload('feedback', 2, person, SAMPLE_ENTERPRISE));
    rig.sender.start();
    await until(() => rig.store.get(later.receiptId)?.state === 'delivered');
    expect(rig.store.get(lost.receiptId)).toMatchObject({ state: 'dead', parkedReason: 'unreadable' });
    expect(rig.store.get(lost.receiptId)?.lastError).toContain('cannot decrypt');
    await rig.close();
  });

  it('waits for a delivery with a deadline', async () => {
    const rig = outboxRig(tmpDir('outbox-wait'), h.client);
    rig.sender.start();
    const { receiptId } = rig.store.enqueue('help', samplePayload('help', 1, person, SAMPLE_ENTERPRISE));
    const wait = rig.sender.waitFor(receiptId, 15_000);
    rig.sender.kick();
    expect((await wait)?.result.helpId).toMatch(/^HP/);
    await h.control('POST', '/_control/faults', { mode: 'timeout' });
    const late = rig.store.enqueue('help', samplePayload('help', 2, person, SAMPLE_ENTERPRISE));
    expect(await rig.sender.waitFor(late.receiptId, 200)).toBeNull();
    await h.control('DELETE', '/_control/faults');
    await rig.close();
  });

  it('holds personal data only sealed: the database file never contains it in clear', async () => {
    const dir = tmpDir('outbox-sealed');
    const rig = outboxRig(dir, null);
    for (let i = 0; i < 5; i++) rig.store.enqueue('application', samplePayload('application', i, person, SAMPLE_ENTERPRISE));
    rig.db.pragma('wal_checkpoint(TRUNCATE)');
    const files = fs.readdirSync(dir).filter((f) => f.startsWith('kiosk.db'));
    for (const f of files) {
      const bytes = fs.readFileSync(path.join(dir, f));
      for (const secret of [person.name, person.idNumber, person.mobile]) expect(bytes.includes(Buffer.from(secret))).toBe(false);
    }
    // The key lives beside the data directory, never inside it.
    expect(fs.existsSync(path.join(dir, 'platform', 'outbox.key'))).toBe(false);
    const keyFile = path.join(`${dir}-keys`, 'outbox.key');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const head = rig.store.head('application');
    expect(head && 'payload' in head ? head.payload : null).toMatchObject({ applicant: { agentName: person.name } });
    await rig.close();
  });
});

describe('sealing and backoff', () => {
  it('refuses a sealed payload moved to another row or tampered with', () => {
    const key = Buffer.alloc(32, 7);
    const sealed = seal(key, '{"name":"陈志强"}', 'row-1');
    expect(unseal(key, sealed, 'row-1')).toBe('{"name":"陈志强"}');
    expect(() => unseal(key, sealed, 'row-2')).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => unseal(key, tampered, 'row-1')).toThrow();
  });

  it('backs off exponentially, capped, with jitter between half and the full delay', () => {
    expect(backoffDelay(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffDelay(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffDelay(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoffDelay(30, 1000, 60_000, () => 1)).toBe(60_000);
    const spread = new Set(Array.from({ length: 20 }, () => backoffDelay(3, 1000, 60_000, Math.random)));
    expect(spread.size).toBeGreaterThan(5);
  });
});
