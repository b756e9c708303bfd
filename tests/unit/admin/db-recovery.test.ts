import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStoreWithRecovery, type StoreRecovery } from '../../../services/admin/db-recovery';
import { allMigrations } from '../../../services/kiosk-services';
import { silentLogger } from '../../../services/log/logger';
import { OutboxStore } from '../../../services/platform/outbox-store';
import { StaticKeyProvider } from '../../../services/platform/keys';
import { openStore, SettingsRepository } from '../../../services/store/database';
import { removeDataDir, tmpDataDir } from '../../support/kiosk-config';

/**
 * A database damaged by a power cut — cut short, or with garbage over its header and pages — must not
 * keep the kiosk from starting, and the filings still waiting in its outbox must survive wherever their
 * pages can still be read. Real SQLite files, damaged the way a disk damages them.
 */
const keys = new StaticKeyProvider(randomBytes(32).toString('base64'));
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDataDir));

/** A kiosk database with `n` pending filings, then `fillerKb` of later writes after them (settings). */
function kioskDb(n: number, fillerKb: number): { dir: string; receipts: string[]; outboxPages: number[]; pageSize: number } {
  const dir = tmpDataDir('kiosk-recovery');
  dirs.push(dir);
  const db = openStore(dir, allMigrations);
  const outbox = new OutboxStore(db, keys);
  const receipts = Array.from({ length: n }, (_, i) => outbox.enqueue('feedback', { text: `反映 ${i}`, itemCode: 'X' }).receiptId);
  const settings = new SettingsRepository(db);
  for (let i = 0; i < fillerKb; i++) settings.set(`filler.${i}`, 'x'.repeat(1000));
  // The table itself: its indexes may be cut off too, a read by row number does not need them.
  const outboxPages = (db.prepare("SELECT pageno FROM dbstat WHERE name = 'platform_outbox'").all() as Array<{ pageno: number }>).map((r) => r.pageno);
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  return { dir, receipts, outboxPages, pageSize };
}

const readBack = (dir: string): { receipts: string[]; payloads: number; recovery: StoreRecovery | null } => {
  const { db, recovery } = openStoreWithRecovery(dir, allMigrations, silentLogger());
  const outbox = new OutboxStore(db, keys);
  const rows = db.prepare("SELECT receipt_id FROM platform_outbox WHERE state = 'pending' ORDER BY seq").all() as Array<{ receipt_id: string }>;
  // The first kept entry is still sealed with the kiosk's key: it opens, and can be sent.
  const head = outbox.head('feedback');
  const payloads = head && 'payload' in head ? 1 : 0;
  db.close();
  return { receipts: rows.map((r) => r.receipt_id), payloads, recovery };
};

describe('a damaged kiosk database', () => {
  it('a sound database opens as it is, with no rebuild reported', () => {
    const { dir, receipts } = kioskDb(3, 0);
    const back = readBack(dir);
    expect(back.receipts).toEqual(receipts);
    expect(back.recovery).toBeNull();
  });

  it('cut short after the outbox: rebuilt, every filing still waiting is kept and can still be sent', () => {
    const { dir, receipts, outboxPages, pageSize } = kioskDb(5, 200);
    const file = path.join(dir, 'kiosk.db');
    const size = fs.statSync(file).size;
    const keepPages = Math.max(...outboxPages);
    expect(keepPages * pageSize).toBeLessThan(size - pageSize);
    fs.truncateSync(file, keepPages * pageSize + 100);

    const back = readBack(dir);
    expect(back.recovery).toMatchObject({ outboxKept: 5 });
    expect(back.recovery?.problem).toMatch(/malformed|corrupt|quick_check/i);
    expect(back.receipts).toEqual(receipts);
    expect(back.payloads).toBe(1);
    // The rebuilt database is sound and fully migrated.
    const db = new BetterSqlite3(file);
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('garbage over the header and over later pages: the header is rebuilt to read the outbox, which is kept', () => {
    const { dir, receipts, outboxPages, pageSize } = kioskDb(4, 120);
    const file = path.join(dir, 'kiosk.db');
    const bytes = fs.readFileSync(file);
    randomBytes(100).copy(bytes, 0);
    const pages = bytes.length / pageSize;
    const spoiled = [pages - 1, pages - 3, pages - 5].filter((p) => p > Math.max(...outboxPages));
    expect(spoiled.length).toBeGreaterThan(0);
    for (const p of spoiled) randomBytes(pageSize).copy(bytes, (p - 1) * pageSize);
    fs.writeFileSync(file, bytes);

    const back = readBack(dir);
    expect(back.recovery?.problem).toMatch(/not a database|malformed/i);
    expect(back.receipts).toEqual(receipts);
    expect(back.recovery?.outboxKept).toBe(4);
  });

  it('a power cut with the newest filings still in the write-ahead log: those are kept as well as the older ones', () => {
    const dir = tmpDataDir('kiosk-recovery');
    const cut = tmpDataDir('kiosk-recovery-cut');
    dirs.push(dir, cut);
    const db = openStore(dir, allMigrations);
    const outbox = new OutboxStore(db, keys);
    const older = [1, 2, 3].map((i) => outbox.enqueue('feedback', { text: `旧 ${i}` }).receiptId);
    const settings = new SettingsRepository(db);
    for (let i = 0; i < 150; i++) settings.set(`filler.${i}`, 'x'.repeat(1000));
    db.pragma('wal_checkpoint(TRUNCATE)');
    const outboxPage = Math.max(...(db.prepare("SELECT pageno FROM dbstat WHERE name = 'platform_outbox'").all() as Array<{ pageno: number }>).map((r) => r.pageno));
    const newer = [4, 5].map((i) => outbox.enqueue('feedback', { text: `新 ${i}` }).receiptId);
    // The power goes: the files are as the disk has them, the connection never closed.
    for (const f of ['kiosk.db', 'kiosk.db-wal']) fs.copyFileSync(path.join(dir, f), path.join(cut, f));
    db.close();
    fs.truncateSync(path.join(cut, 'kiosk.db'), outboxPage * 4096 + 300);

    const back = readBack(cut);
    expect(back.recovery?.outboxKept).toBe(5);
    expect(back.receipts).toEqual([...older, ...newer]);
  });

  it('nothing but garbage: the kiosk still starts on a new database and says the outbox could not be read', () => {
    const { dir } = kioskDb(2, 10);
    const file = path.join(dir, 'kiosk.db');
    fs.writeFileSync(file, randomBytes(fs.statSync(file).size));
    const back = readBack(dir);
    expect(back.receipts).toEqual([]);
    expect(back.recovery).toMatchObject({ outboxKept: 0, outboxLost: true });
    // The damaged file, with its sealed payloads, is gone; no copy is left behind.
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('kiosk.db'))).toEqual(expect.arrayContaining(['kiosk.db']));
    expect(fs.readdirSync(dir).some((f) => /damaged|salvage/.test(f))).toBe(false);
  });
});
