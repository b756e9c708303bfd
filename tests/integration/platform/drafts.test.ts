import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DRAFT_DAYS, DraftStore, draftMigrations } from '../../../services/platform/drafts';
import { FileKeyProvider } from '../../../services/platform/keys';
import { outboxMigrations } from '../../../services/platform/outbox-store';
import { coreMigrations } from '../../../services/store/core-migrations';
import { checkpoint, openStore, type Database } from '../../../services/store/database';
import { removeDataDir } from '../../support/kiosk-config';
import { SAMPLE_PEOPLE, tmpDir } from './helpers';

/** 暂存: a form kept for the same card, sealed, at most 7 days, wiped as it is handed back. */
const [alice, bob] = SAMPLE_PEOPLE;
const DAY = 86_400_000;
let db: Database | null = null;
let dataDir = '';
afterEach(() => {
  db?.close();
  db = null;
  removeDataDir(dataDir);
});

function rig(now: { t: number }): DraftStore {
  dataDir = tmpDir('kiosk-drafts');
  db = openStore(dataDir, [...coreMigrations, ...outboxMigrations, ...draftMigrations]);
  return new DraftStore(db, new FileKeyProvider(path.join(`${dataDir}-keys`, 'outbox.key')), () => now.t);
}
const form = (name: string, idNumber: string) => ({ itemCode: 'NH-AMR-0201', formId: 'f_company_change', values: { agentName: name, agentIdNumber: idNumber, after: '佛山市南海区新名字有限公司' }, answers: { q_change: 'name' }, materialIds: null });

describe('saved drafts', () => {
  it('the same card finds its draft, another card does not; resuming wipes it', () => {
    const now = { t: Date.parse('2026-12-01T02:00:00Z') };
    const drafts = rig(now);
    const saved = drafts.save(alice.idNumber, 'NH-AMR-0201', form(alice.name, alice.idNumber));
    expect(saved.expiresAt).toBe('2026-12-08T02:00:00.000Z');
    expect(drafts.list(bob.idNumber)).toEqual([]);
    expect(drafts.take(bob.idNumber, saved.draftId)).toBeNull();
    expect(drafts.list(alice.idNumber).map((d) => d.draftId)).toEqual([saved.draftId]);
    expect(drafts.take(alice.idNumber, saved.draftId)?.content).toEqual(form(alice.name, alice.idNumber));
    expect(drafts.take(alice.idNumber, saved.draftId)).toBeNull();
    expect(drafts.size).toBe(0);
  });

  it('is kept 7 days and gone after, whether or not anyone asks', () => {
    const now = { t: Date.parse('2026-12-01T02:00:00Z') };
    const drafts = rig(now);
    const saved = drafts.save(alice.idNumber, 'NH-AMR-0201', form(alice.name, alice.idNumber));
    now.t += DRAFT_DAYS * DAY - 1;
    expect(drafts.list(alice.idNumber)).toHaveLength(1);
    now.t += 1;
    expect(drafts.expire()).toBe(1);
    expect(drafts.take(alice.idNumber, saved.draftId)).toBeNull();
  });

  it('saving the same item again replaces the earlier draft', () => {
    const now = { t: Date.parse('2026-12-01T02:00:00Z') };
    const drafts = rig(now);
    drafts.save(alice.idNumber, 'NH-AMR-0201', form(alice.name, alice.idNumber));
    now.t += 1000;
    const second = drafts.save(alice.idNumber, 'NH-AMR-0201', form(alice.name, alice.idNumber));
    expect(drafts.list(alice.idNumber).map((d) => d.draftId)).toEqual([second.draftId]);
  });

  it('holds no name, ID number or form text in the clear in any file of the data directory', () => {
    const drafts = rig({ t: Date.now() });
    drafts.save(alice.idNumber, 'NH-AMR-0201', form(alice.name, alice.idNumber));
    checkpoint(db!);
    const files = fs.readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile()).map((f) => path.join(f.parentPath, f.name));
    for (const f of files) {
      const bytes = fs.readFileSync(f);
      for (const secret of [alice.name, alice.idNumber, '新名字']) expect(bytes.includes(Buffer.from(secret)), `${secret} in ${f}`).toBe(false);
    }
  });
});
