import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { KioskEvent } from '../../../contract';
import { readOperatorKey } from '../../../content-bundle/bundle/keys';
import { signRepository, type TargetEntry } from '../../../content-bundle/bundle/metadata';
import { exportRepository, publishToRepository } from '../../../content-bundle/bundle/repository';
import { EventBus } from '../../../services/bridge/event-bus';
import { samplePaths } from '../../../services/config';
import { contentMigrations, createContentArea, type ContentArea } from '../../../services/content/area';
import { createLogger } from '../../../services/log/logger';
import { coreMigrations } from '../../../services/store/core-migrations';
import { openStore, type Database } from '../../../services/store/database';
import { testAreaDeps, testConfig } from '../../support/kiosk-config';
import { makeBundle, tmp } from './fixtures';
import { HostileMirror, snapshotOf } from './hostile-mirror';

/**
 * The update channel against a mirror under test control: every attack is refused with the old
 * content kept, a reason in the log and on /healthz, and the kiosk's memory bounded.
 */
const keys = fs.readdirSync(samplePaths.keysDir).filter((f) => f.endsWith('.key.json')).sort().map((f) => readOperatorKey(path.join(samplePaths.keysDir, f)));
const root = JSON.parse(fs.readFileSync(samplePaths.root, 'utf8')) as Record<string, unknown>;
const DAY = 86_400_000;
const repo = tmp('repo');
const mirror = new HostileMirror(repo);
const elsewhere = new HostileMirror(tmp('elsewhere'));
const dataDir = tmp('channel-kiosk');
const logFile = path.join(dataDir, 'logs', 'kiosk.log');
const bus = new EventBus();
const events: KioskEvent[] = [];
bus.subscribe((e) => events.push(e));
let db: Database;
let area: ContentArea;

const publish = async (version: number, o: { timestampExpires?: Date } = {}): Promise<void> => {
  const bundle = await makeBundle(path.join(tmp('bundle'), 'b'), { version, signers: keys.slice(0, 2), roots: [root] });
  await publishToRepository(repo, { kind: 'content', file: path.join(bundle, 'targets', 'content.db'), version }, {
    signers: keys.slice(0, 2),
    roots: [root],
    expires: new Date(Date.now() + 30 * DAY),
    timestampExpires: o.timestampExpires ?? new Date(Date.now() + DAY),
  });
};

const openArea = (): ContentArea =>
  createContentArea(
    testAreaDeps({
      config: testConfig({ KIOSK_DATA_DIR: dataDir, KIOSK_CONTENT_URL: mirror.url, KIOSK_CONTENT_SAMPLE: '0', KIOSK_CONTENT_POLL_SECONDS: '3600', KIOSK_CONTENT_GRACE_HOURS: '24' }),
      db,
      log: createLogger({ file: logFile, echo: false }),
      bus,
    }),
    { idleTimeoutMs: 400 },
  );

const health = () => area.health!() as { contentVersion: number | null; content: { state: string; servable: boolean; lastRejected: { reason: string } | null; expires: string | null } };

/** Runs a check while sampling the process's memory; answers the peak growth in MiB. */
async function checkMeasuringMemory(): Promise<number> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    await area.port.checkNow();
  } finally {
    clearInterval(timer);
  }
  return (Math.max(peak, process.memoryUsage().rss) - base) / 1024 / 1024;
}

/** The last refusal is this reason, the installed version is unchanged, and the log says why. */
const expectRefused = (reason: string | RegExp, kept: number): void => {
  const h = health();
  expect(h.content.lastRejected?.reason).toMatch(reason);
  expect(h.contentVersion).toBe(kept);
  expect(fs.readFileSync(logFile, 'utf8')).toMatch(new RegExp(`content update refused.*"reason":"${typeof reason === 'string' ? reason : h.content.lastRejected?.reason}"`));
};

beforeAll(async () => {
  await mirror.start();
  await elsewhere.start('127.0.0.2');
  await publish(10);
  db = openStore(dataDir, [...coreMigrations, ...contentMigrations]);
  area = openArea();
  await area.start!();
  await area.port.checkNow();
  expect(health()).toMatchObject({ contentVersion: 10, content: { state: 'fresh', servable: true } });
}, 60_000);
afterEach(() => {
  mirror.mode = { kind: 'normal' };
  vi.useRealTimers();
});
afterAll(async () => {
  await area?.stop!();
  db?.close();
  await mirror.stop();
  await elsewhere.stop();
});

describe('a hostile mirror', () => {
  it('endless data beyond the signed length: the download stops at the signed length, memory stays bounded', async () => {
    await publish(11);
    mirror.mode = { kind: 'endless-target' };
    mirror.bytesSent = 0;
    const grew = await checkMeasuringMemory();
    expectRefused('hash', 10);
    const signed = fs.statSync(path.join(repo, 'targets', 'content', 'v11', 'content.db')).size;
    // What the kernel had already buffered is all the mirror got to send past the signed length.
    expect(mirror.bytesSent).toBeLessThan(signed + 16 * 1024 * 1024);
    expect(grew).toBeLessThan(48);
  });

  it('a 40 MiB metadata file is cut at its cap, before it fills memory', async () => {
    mirror.mode = { kind: 'huge', file: 'timestamp.json', bytes: 40 * 1024 * 1024 };
    const grew = await checkMeasuringMemory();
    expectRefused('too-large', 10);
    expect(grew).toBeLessThan(32);
  });

  it('a redirect to another host is refused and never followed', async () => {
    mirror.mode = { kind: 'redirect', file: 'timestamp.json', to: elsewhere.url };
    await area.port.checkNow();
    expectRefused('redirect', 10);
    expect(elsewhere.requests).toEqual([]);
  });

  it('a slow drip is abandoned, and the next check resumes where it stopped', async () => {
    mirror.mode = { kind: 'drip', bytes: 4096 };
    await area.port.checkNow();
    expectRefused('stalled', 10);
    mirror.mode = { kind: 'normal' };
    mirror.requests.length = 0;
    await area.port.checkNow();
    expect(health().contentVersion).toBe(11);
    expect(mirror.requests.find((r) => r.url.includes('v11'))?.range).toBe('bytes=4096-');
  });

  it('a response cut short is kept and resumed too', async () => {
    await publish(12);
    mirror.mode = { kind: 'cut', bytes: 100_000 };
    await area.port.checkNow();
    expectRefused('stalled', 11);
    mirror.mode = { kind: 'normal' };
    await area.port.checkNow();
    expect(health().contentVersion).toBe(12);
  });

  it('mix-and-match of metadata versions, and a rollback to an older repository, are refused', async () => {
    const older = snapshotOf(repo, path.join(tmp('older'), 'repo'));
    await publish(13);
    for (const files of [['snapshot.json'], ['targets.json'], ['snapshot.json', 'targets.json']]) {
      mirror.mode = { kind: 'from', dir: older, files };
      await area.port.checkNow();
      expect(health().contentVersion).toBe(12);
      expectRefused('rollback', 12);
    }
    mirror.mode = { kind: 'normal' };
    await area.port.checkNow();
    expect(health().contentVersion).toBe(13);
    // Rollback: the whole older repository again, now that the kiosk has seen a newer one.
    mirror.mode = { kind: 'from', dir: older, files: ['timestamp.json', 'snapshot.json', 'targets.json'] };
    await area.port.checkNow();
    expectRefused('rollback', 13);
  });

  it('a signed target whose name leaves the repository is never requested', async () => {
    // Signed by the operators' keys (a mistake, or a stolen key): the repository itself lists such names.
    const t = JSON.parse(fs.readFileSync(path.join(repo, 'targets.json'), 'utf8')) as { signed: { version: number; targets: Record<string, { length: number; hashes: { sha256: string }; custom: Record<string, unknown> }> } };
    const entries: TargetEntry[] = Object.entries(t.signed.targets).map(([name, v]) => ({ name, length: v.length, sha256: v.hashes.sha256, custom: v.custom }));
    for (const name of ['../../../outside.db', 'content//evil.example/x.db', 'content/%2e%2e/x.db']) {
      entries.push({ name, length: 10, sha256: 'a'.repeat(64), custom: { kind: 'content', version: 99, channel: 'stable' } });
    }
    signRepository(repo, { version: t.signed.version + 1, expires: new Date(Date.now() + DAY), signers: keys.slice(0, 2), roots: [root] }, entries);
    mirror.requests.length = 0;
    await area.port.checkNow();
    expect(health().contentVersion).toBe(13);
    expect(mirror.requests.map((r) => r.url).filter((u) => u.startsWith('/targets/'))).toEqual([]);
    expect(elsewhere.requests).toEqual([]);
    // The operators drop the bad names again with the next publication.
    signRepository(repo, { version: t.signed.version + 2, expires: new Date(Date.now() + DAY), signers: keys.slice(0, 2), roots: [root] }, entries.slice(0, -3));
  });

  it('a frozen mirror (no fresh timestamp) is noticed at the next check and after a restart; content stays only within the grace window', async () => {
    const frozen = snapshotOf(repo, path.join(tmp('frozen'), 'repo'));
    const expires = health().content.expires!;
    await publish(14);
    mirror.mode = { kind: 'from', dir: frozen, files: ['timestamp.json', 'snapshot.json', 'targets.json'] };
    vi.useFakeTimers({ toFake: ['Date'] });
    // An hour past the timestamp's expiry: refused as expired, still shown (grace: 24 h).
    vi.setSystemTime(Date.parse(expires) + 3600_000);
    await area.port.checkNow();
    expectRefused('expired', 13);
    expect(health().content).toMatchObject({ state: 'expired', servable: true });
    expect(area.notReady!()).toEqual([]);
    // Past the grace window: the kiosk shows its maintenance screen rather than stale guidance.
    vi.setSystemTime(Date.parse(expires) + 25 * 3600_000);
    await area.port.checkNow();
    expect(health().content).toMatchObject({ state: 'expired', servable: false });
    expect(area.notReady!().map((r) => r.code)).toEqual(['content-expired']);
    // A restart does not forget it: the trusted metadata says so before any check.
    await area.stop!();
    mirror.mode = { kind: 'redirect', file: 'timestamp.json', to: elsewhere.url };
    area = openArea();
    await area.start!();
    expect(area.notReady!().map((r) => r.code)).toEqual(['content-expired']);
    await area.port.checkNow(); // the check a start makes (the mirror still misbehaves)
    expect(area.notReady!().map((r) => r.code)).toEqual(['content-expired']);
    // A live mirror again: fresh, and the newer content goes live.
    vi.useRealTimers();
    mirror.mode = { kind: 'normal' };
    await area.port.checkNow();
    expect(health()).toMatchObject({ contentVersion: 14, content: { state: 'fresh', servable: true } });
  });
});

describe('an imported directory', () => {
  const exported = (): { dir: string; target: string } => {
    const dir = path.join(tmp('usb'), 'bundle');
    const [name] = exportRepository(repo, dir);
    return { dir, target: path.join(dir, 'targets', name!) };
  };
  const importDir = async (dir: string) => {
    const handler = area.handlers['content.importFromDirectory'] as (i: unknown, c: unknown) => Promise<{ ok: boolean; error?: { message: string } }>;
    return handler({ dir }, { via: 'test' });
  };

  it('a FIFO in place of the content is refused at once, not read (it would hang the kiosk)', async () => {
    const { dir, target } = exported();
    fs.rmSync(target);
    execFileSync('mkfifo', [target]);
    const r = await importDir(dir);
    expect(r).toMatchObject({ ok: false });
    expect(r.error?.message).toContain('not-a-file');
    expect(events.at(-1)).toMatchObject({ type: 'content.rejected', reason: 'not-a-file' });
  });

  it('a link out of the tree is refused; the metadata files obey the same rule', async () => {
    const { dir, target } = exported();
    fs.rmSync(target);
    fs.symlinkSync('/etc/hostname', target);
    expect((await importDir(dir)).error?.message).toContain('not-a-file');
    const other = exported();
    fs.rmSync(path.join(other.dir, 'timestamp.json'));
    fs.symlinkSync('/etc/hostname', path.join(other.dir, 'timestamp.json'));
    expect((await importDir(other.dir)).error?.message).toContain('not-a-file');
    expect(health().contentVersion).toBe(14);
  });
});
