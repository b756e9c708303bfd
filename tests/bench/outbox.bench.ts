/**
 * `npm run bench outbox`: durable enqueue rate of the platform outbox (seal + INSERT, WAL,
 * synchronous=FULL) against a raw SQLite INSERT of a same-sized blob at the same synchronous
 * setting, and delivery throughput against the platform simulator over loopback HTTP.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { silentLogger } from '../../services/log/logger';
import { PlatformClient } from '../../services/platform/client';
import { FileKeyProvider, loadSigningKey } from '../../services/platform/keys';
import { OutboxStore, outboxMigrations } from '../../services/platform/outbox-store';
import { OutboxSender } from '../../services/platform/sender';
import { coreMigrations } from '../../services/store/core-migrations';
import { openStore } from '../../services/store/database';
import { startSimulator } from '../../platform-sim/server';

const N = Number(process.env.BENCH_OUTBOX_N ?? 1000);
const ROUNDS = 3;
const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), `bench-outbox-${p}-`));

const payload = (i: number) => ({
  itemCode: 'GD-SC-FOOD-RENEW',
  applicant: { creditCode: '91440605MA4UL2K84H', agentName: '陈志强', agentIdNumber: '440605198506123714', agentMobile: '13800138000' },
  formData: { seq: i, 经营场所: '佛山市南海区桂城街道南海大道北68号首层101铺', 经营项目: '热食类食品制售；冷食类食品制售' },
  attachments: [{ materialName: '营业执照', certificateId: 'BL-91440605MA4UL2K84H' }],
  smartApproval: false,
});

function rawRate(): number {
  const db = openStore(tmp('raw'), coreMigrations);
  db.exec('CREATE TABLE raw_outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, receipt_id TEXT NOT NULL UNIQUE, kind TEXT, idem TEXT NOT NULL UNIQUE, created_at TEXT, payload BLOB)');
  const insert = db.prepare('INSERT INTO raw_outbox (receipt_id, kind, idem, created_at, payload) VALUES (?, ?, ?, ?, ?)');
  const size = JSON.stringify(payload(0)).length + 29;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) insert.run(`r-${i}`, 'application', `k-${i}`, new Date().toISOString(), randomBytes(size));
  const rate = N / ((performance.now() - t0) / 1000);
  db.close();
  return rate;
}

function durableRate(): number {
  const dir = tmp('durable');
  const db = openStore(dir, [...coreMigrations, ...outboxMigrations]);
  const store = new OutboxStore(db, new FileKeyProvider(path.join(`${dir}-keys`, 'outbox.key')));
  const t0 = performance.now();
  for (let i = 0; i < N; i++) store.enqueue('application', payload(i));
  const rate = N / ((performance.now() - t0) / 1000);
  db.close();
  return rate;
}

async function deliveryRate(): Promise<{ rate: number; filed: number }> {
  const dir = tmp('deliver');
  const key = loadSigningKey(path.join(dir, 'key'), 'kiosk-bench');
  const sim = await startSimulator({ kioskKeys: { [key.kioskId]: key.publicKeySpkiBase64 }, helpAutoAnswerMs: 0 });
  const db = openStore(dir, [...coreMigrations, ...outboxMigrations]);
  const store = new OutboxStore(db, new FileKeyProvider(path.join(`${dir}-keys`, 'outbox.key')));
  const kinds = ['application', 'evaluation', 'feedback', 'help'] as const;
  const now = new Date().toISOString();
  for (let i = 0; i < N; i++) {
    const kind = kinds[i % 4]!;
    store.enqueue(
      kind,
      kind === 'application'
        ? payload(i)
        : kind === 'evaluation'
          ? { scope: 'service', level: 'satisfied', reasons: [], channel: 'kiosk', ratedAt: now }
          : kind === 'feedback'
            ? { category: 'other', description: `bench ${i}`, reportedAt: now }
            : { topic: 'other', message: `bench ${i}`, requestedAt: now },
    );
  }
  const client = new PlatformClient({ baseUrl: sim.url, key, timeoutMs: 5_000 });
  const sender = new OutboxSender(store, () => client, silentLogger(), () => undefined, { pollMs: 5 });
  const t0 = performance.now();
  sender.start();
  while (store.counts().pending > 0) await new Promise((r) => setTimeout(r, 5));
  const rate = N / ((performance.now() - t0) / 1000);
  await sender.stop();
  const stats = (await (await fetch(`${sim.url}/_control/stats`)).json()) as { filed: Record<string, number> };
  db.close();
  await sim.close();
  return { rate, filed: Object.values(stats.filed).reduce((a, b) => a + b, 0) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const raws: number[] = [];
  const durables: number[] = [];
  // Interleaved rounds, so both sides see the same disk and CPU conditions.
  for (let r = 0; r < ROUNDS; r++) {
    raws.push(rawRate());
    durables.push(durableRate());
  }
  const raw = median(raws);
  const durable = median(durables);
  console.log(`enqueue, ${N} entries x ${ROUNDS} rounds, WAL + synchronous=FULL (one fsync per commit)`);
  console.log(`  raw INSERT          ${raw.toFixed(0)} /s   (rounds: ${raws.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`  durable enqueue     ${durable.toFixed(0)} /s   (rounds: ${durables.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`  ratio               ${((durable / raw) * 100).toFixed(1)} % of raw (goal >= 70 %)`);
  const d = await deliveryRate();
  console.log(`delivery to the simulator over loopback HTTP (signed, 4 kinds in parallel, in order per kind)`);
  console.log(`  ${d.rate.toFixed(0)} entries/s; platform filed ${d.filed} of ${N}`);
}

void main();
