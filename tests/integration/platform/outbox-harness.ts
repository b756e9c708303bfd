import path from 'node:path';
import { silentLogger, type Logger } from '../../../services/log/logger';
import { OutboxStore, outboxMigrations, type OutboxKind } from '../../../services/platform/outbox-store';
import { FileKeyProvider } from '../../../services/platform/keys';
import { OutboxSender, type Delivered, type SenderOptions } from '../../../services/platform/sender';
import type { PlatformClient } from '../../../services/platform/client';
import { coreMigrations } from '../../../services/store/core-migrations';
import { openStore, type Database } from '../../../services/store/database';

export interface OutboxRig {
  db: Database;
  store: OutboxStore;
  sender: OutboxSender;
  delivered: Delivered[];
  close(): Promise<void>;
}

/** A real store in `dataDir` with the platform migrations, and a sender bound to `client`. */
export function outboxRig(dataDir: string, client: PlatformClient | null, options: SenderOptions = {}, log: Logger = silentLogger()): OutboxRig {
  const db = openStore(dataDir, [...coreMigrations, ...outboxMigrations]);
  const store = new OutboxStore(db, new FileKeyProvider(path.join(`${dataDir}-keys`, 'outbox.key')));
  const delivered: Delivered[] = [];
  const sender = new OutboxSender(store, () => client, log, (d) => delivered.push(d), {
    baseDelayMs: 20,
    maxDelayMs: 200,
    pollMs: 20,
    requestTimeoutMs: 1_000,
    ...options,
  });
  return {
    db,
    store,
    sender,
    delivered,
    close: async () => {
      await sender.stop();
      db.close();
    },
  };
}

export const until = async (cond: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

export const samplePayload = (kind: OutboxKind, i: number, person: { name: string; idNumber: string; mobile: string }, creditCode: string): unknown => {
  const now = new Date().toISOString();
  switch (kind) {
    case 'application':
      return {
        itemCode: 'GD-SC-FOOD-RENEW',
        applicant: { creditCode, agentName: person.name, agentIdNumber: person.idNumber, agentMobile: person.mobile },
        formData: { seq: i },
        attachments: [],
        smartApproval: false,
      };
    case 'evaluation':
      return { scope: 'service', level: i % 5 === 0 ? 'dissatisfied' : 'satisfied', reasons: i % 5 === 0 ? ['slow'] : [], channel: 'kiosk', contactMobile: person.mobile, ratedAt: now };
    case 'feedback':
      return { category: 'other', description: `第${i}次反映`, contactName: person.name, contactMobile: person.mobile, reportedAt: now };
    case 'help':
      return { topic: 'materials', message: `求助 ${i}`, contactName: person.name, requestedAt: now };
  }
};
