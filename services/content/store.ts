import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Logger } from '../log/logger';
import type { Migration } from '../store/migrations';
import { BundleRejected, verifyBundleDir, type TrustedMetadata } from '../../content-bundle/bundle/verify';
import { checkContentDb, checkFingerprint } from '../../content-bundle/db/check';

export const contentMigrations: Migration[] = [
  {
    area: 'content',
    version: 1,
    name: 'content state and update attempts',
    up: (db) =>
      db.exec(`
        CREATE TABLE content_state (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          current_version INTEGER, current_file TEXT,
          previous_version INTEGER, previous_file TEXT,
          trusted TEXT NOT NULL DEFAULT '{}', pinned_root_sha TEXT, updated_at TEXT);
        INSERT INTO content_state (id) VALUES (1);
        CREATE TABLE content_attempts (
          id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, source TEXT NOT NULL,
          version INTEGER, outcome TEXT NOT NULL, reason TEXT, message TEXT);`),
  },
  {
    area: 'content',
    version: 2,
    name: 'what the installed content was checked with',
    up: (db) => db.exec('ALTER TABLE content_state ADD COLUMN checked_with TEXT'),
  },
  {
    area: 'content',
    version: 3,
    name: 'freshness: the last successful refresh of the update channel',
    up: (db) => db.exec('ALTER TABLE content_state ADD COLUMN last_refresh TEXT'),
  },
];

export interface ContentState {
  /** When the update channel last completed a verified refresh (null: never, or no channel). */
  lastRefresh: string | null;
  currentVersion: number | null;
  currentFile: string | null;
  previousVersion: number | null;
  previousFile: string | null;
  trusted: TrustedMetadata;
}

export interface UpdateAttempt {
  at: string;
  source: string;
  version: number | null;
  outcome: 'applied' | 'rejected';
  reason: string | null;
  message: string | null;
}

const fsyncPath = (p: string): void => {
  const fd = fs.openSync(p, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
};

/**
 * The installed content: which packed database is live, which one was live before, and the TUF
 * metadata the kiosk trusts. Applying a bundle stages a complete new database file, makes it
 * durable, then switches the pointer in one SQLite transaction: a kill at any instant leaves
 * either the old or the new version live, never a mixture.
 */
export class ContentStore {
  readonly dir: string;
  private readonly fingerprint: string;

  /** `appVersion`: the kiosk build, part of what an installed version counts as checked with. */
  constructor(
    private readonly db: Database,
    dataDir: string,
    private readonly log: Logger,
    appVersion = 'unknown',
  ) {
    this.fingerprint = checkFingerprint(appVersion);
    this.dir = path.join(dataDir, 'content');
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  state(): ContentState {
    const r = this.db.prepare('SELECT * FROM content_state WHERE id = 1').get() as {
      current_version: number | null; current_file: string | null; previous_version: number | null; previous_file: string | null; trusted: string; last_refresh: string | null;
    };
    return {
      lastRefresh: r.last_refresh,
      currentVersion: r.current_version,
      currentFile: r.current_file ? path.join(this.dir, r.current_file) : null,
      previousVersion: r.previous_version,
      previousFile: r.previous_file ? path.join(this.dir, r.previous_file) : null,
      trusted: JSON.parse(r.trusted) as TrustedMetadata,
    };
  }

  /**
   * Makes `rootText` the trust anchor when it is not already the one recorded (first start, or a
   * technician pointed KIOSK_TRUSTED_ROOT at another root). Installed content stays until replaced.
   */
  pinRoot(rootText: string): void {
    const sha = crypto.createHash('sha256').update(rootText).digest('hex');
    const row = this.db.prepare('SELECT pinned_root_sha FROM content_state WHERE id = 1').get() as { pinned_root_sha: string | null };
    if (row.pinned_root_sha === sha) return;
    const keep = this.state().trusted;
    // Keep the trusted timestamp/snapshot/targets (rollback protection) only when the anchor is unchanged in substance.
    const trusted: TrustedMetadata = keep['root.json'] && sameRootKeys(keep['root.json'], rootText) ? keep : { 'root.json': rootText };
    this.db.prepare('UPDATE content_state SET trusted = ?, pinned_root_sha = ? WHERE id = 1').run(JSON.stringify(trusted), sha);
  }

  /**
   * Back to a fresh install (technician recovery): nothing live, nothing trusted but the pinned root's next
   * pin. The packed files stay until `removeUnreferenced` at the next start.
   */
  reset(): void {
    this.db
      .prepare(
        `UPDATE content_state SET current_version = NULL, current_file = NULL, previous_version = NULL, previous_file = NULL,
         trusted = '{}', pinned_root_sha = NULL, checked_with = NULL WHERE id = 1`,
      )
      .run();
  }

  attempts(limit = 10): UpdateAttempt[] {
    return this.db
      .prepare('SELECT at, source, version, outcome, reason, message FROM content_attempts ORDER BY id DESC LIMIT ?')
      .all(limit) as UpdateAttempt[];
  }

  private record(a: Omit<UpdateAttempt, 'at'>): void {
    this.db
      .prepare('INSERT INTO content_attempts (at, source, version, outcome, reason, message) VALUES (?, ?, ?, ?, ?, ?)')
      .run(new Date().toISOString(), a.source, a.version, a.outcome, a.reason, a.message);
  }

  /** Keeps the metadata of a verified refresh that brought nothing to install (newer timestamp: freshness, rollback). */
  saveRefresh(trusted: TrustedMetadata, at = new Date()): void {
    this.db.prepare('UPDATE content_state SET trusted = ?, last_refresh = ? WHERE id = 1').run(JSON.stringify(trusted), at.toISOString());
  }

  /** Records a refusal that happened before anything was staged (a refresh the mirror failed). */
  recordRejected(source: string, rejected: BundleRejected, version: number | null = null): void {
    this.record({ source, version, outcome: 'rejected', reason: rejected.reason, message: rejected.message.slice(0, 500) });
  }

  /** A fresh name for a staging file in the content folder. */
  stagingFile(): string {
    return path.join(this.dir, `staging-${process.pid}-${crypto.randomBytes(4).toString('hex')}.db`);
  }

  /** Verifies and applies a bundle directory; throws BundleRejected (nothing changed) on refusal. */
  async applyBundleDir(bundleDir: string, source: string, onProgress?: (step: string) => void): Promise<{ version: number; items: number; checkedItems: number }> {
    const staging = this.stagingFile();
    try {
      onProgress?.('verify');
      const verified = await verifyBundleDir(bundleDir, this.state().trusted, staging);
      return await this.install({ version: verified.version, contentFile: staging, trusted: verified.trusted }, source, onProgress);
    } catch (err) {
      fs.rmSync(staging, { force: true });
      const rejected = err instanceof BundleRejected ? err : new BundleRejected('io', (err as Error).message);
      if (!(err instanceof InstallRefused)) this.refused(source, null, rejected);
      throw rejected;
    }
  }

  /**
   * Installs a verified content file (its version and the metadata that vouched for it): refuses a
   * version not newer than the installed one, checks the content, then switches atomically.
   */
  async install(
    verified: { version: number; contentFile: string; trusted: TrustedMetadata },
    source: string,
    onProgress?: (step: string) => void,
  ): Promise<{ version: number; items: number; checkedItems: number }> {
    const staging = verified.contentFile;
    try {
      const before = this.state();
      if (before.currentVersion !== null && verified.version <= before.currentVersion) {
        throw new BundleRejected('rollback', `bundle version ${verified.version} is not newer than installed ${before.currentVersion}`);
      }
      onProgress?.('check');
      // Only what changed since the installed version, when that one was checked the same way.
      const checkedWith = (this.db.prepare('SELECT checked_with FROM content_state WHERE id = 1').get() as { checked_with: string | null }).checked_with;
      const previous = before.currentFile !== null && checkedWith === this.fingerprint ? before.currentFile : null;
      const check = checkContentDb(staging, previous);
      if (!check.ok) throw new BundleRejected('schema', check.issues.slice(0, 5).map((i) => `${i.where}: ${i.message}`).join('; '));
      onProgress?.('switch');
      const finalName = `v${verified.version}-${crypto.randomBytes(4).toString('hex')}.db`;
      fsyncPath(staging);
      fs.renameSync(staging, path.join(this.dir, finalName));
      fsyncPath(this.dir);
      this.db.transaction(() => {
        this.db
          .prepare(
            `UPDATE content_state SET previous_version = current_version, previous_file = current_file,
             current_version = ?, current_file = ?, trusted = ?, checked_with = ?, updated_at = ? WHERE id = 1`,
          )
          .run(verified.version, finalName, JSON.stringify(verified.trusted), this.fingerprint, new Date().toISOString());
        this.record({ source, version: verified.version, outcome: 'applied', reason: null, message: null });
      })();
      this.log.info('content applied', { version: verified.version, source, items: check.items, checkedItems: check.checkedItems });
      this.removeUnreferenced();
      return { version: verified.version, items: check.items, checkedItems: check.checkedItems };
    } catch (err) {
      fs.rmSync(staging, { force: true });
      const rejected = err instanceof BundleRejected ? err : new BundleRejected('io', (err as Error).message);
      this.refused(source, verified.version, rejected);
      throw new InstallRefused(rejected);
    }
  }

  private refused(source: string, version: number | null, rejected: BundleRejected): void {
    this.record({ source, version, outcome: 'rejected', reason: rejected.reason, message: rejected.message.slice(0, 500) });
    this.log.warn('content bundle rejected', { reason: rejected.reason, message: rejected.message, source });
  }

  /** Deletes staged or superseded files that no pointer references (left by a crash or an older apply). */
  removeUnreferenced(): void {
    const s = this.state();
    const keep = new Set([s.currentFile, s.previousFile].filter((f): f is string => f !== null).map((f) => path.basename(f)));
    for (const f of fs.readdirSync(this.dir)) {
      if (keep.has(f) || !f.endsWith('.db')) continue;
      if (f.startsWith('staging-') && f.includes(`-${process.pid}-`)) continue;
      fs.rmSync(path.join(this.dir, f), { force: true });
    }
  }
}

/** A refusal `install` already recorded (so a caller does not record it twice). */
class InstallRefused extends BundleRejected {
  constructor(cause: BundleRejected) {
    super(cause.reason, cause.message);
  }
}

const sameRootKeys = (a: string, b: string): boolean => {
  try {
    const ka = Object.keys((JSON.parse(a) as { signed: { keys: object } }).signed.keys).sort().join();
    const kb = Object.keys((JSON.parse(b) as { signed: { keys: object } }).signed.keys).sort().join();
    return ka === kb;
  } catch {
    return false;
  }
};
