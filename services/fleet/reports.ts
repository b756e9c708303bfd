import { randomUUID } from 'node:crypto';
import { REPORT_BATCH_MAX_BYTES, serviceReport, type ServiceReport } from '../../console/wire/reports';
import { seal, unseal, type KeyProvider } from '../platform/keys';
import type { Database } from '../store/database';
import type { Migration } from '../store/migrations';

/**
 * The kiosk's outbox towards the fleet console for 服务评价与改进: ratings, 办不成事 reports, complaints
 * and ended sessions. A report is sealed (AES-256-GCM with the outbox key, the same that seals the
 * platform outbox) and committed before anyone is told it was taken; it is sent in the order made,
 * under the id made here (the console keeps one row per id, so a batch sent again counts once), and
 * its payload — with any call-back number — is deleted as soon as the console has it.
 */
export const reportMigrations: Migration[] = [
  {
    area: 'fleet',
    version: 2,
    name: 'service-reports',
    up: (db) =>
      db.exec(`CREATE TABLE fleet_reports (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        created_at TEXT NOT NULL,
        delivered_at TEXT,
        -- sealed JSON of the report; NULL once the console has it
        payload BLOB,
        CHECK ((delivered_at IS NULL) = (payload IS NOT NULL))
      );
      CREATE INDEX fleet_reports_pending ON fleet_reports (seq) WHERE delivered_at IS NULL;`),
  },
  {
    area: 'fleet',
    version: 3,
    name: 'service-report-ref',
    // A complaint's number, in the clear (it is no personal data): the kiosk says "not sent yet" by it.
    up: (db) => db.exec(`ALTER TABLE fleet_reports ADD COLUMN ref TEXT; CREATE INDEX fleet_reports_ref ON fleet_reports (ref) WHERE ref IS NOT NULL;`),
  },
];

const aad = (id: string, kind: string): string => `fleet-report:${kind}:${id}`;

/** A report as the kiosk makes it: everything but the id and the time, which the store gives. */
export type NewReport = ServiceReport extends infer R ? (R extends ServiceReport ? Omit<R, 'id' | 'at'> : never) : never;

export class FleetReportStore {
  constructor(
    private readonly db: Database,
    private readonly keys: KeyProvider,
  ) {
    db.pragma('secure_delete = ON');
  }

  /**
   * Seals and commits one report; returns its id once it is durable. A report with an identity of its
   * own (an experience run's id) may be given that as its id: it is then queued once, however often added.
   */
  add(report: NewReport, at = new Date(), id: string = randomUUID()): string {
    if (this.has(id)) return id;
    const full = serviceReport.parse({ ...report, id, at: at.toISOString() });
    const sealed = seal(this.keys.outboxKey(), JSON.stringify(full), aad(id, full.kind));
    const ref = full.kind === 'complaint' ? full.number : null;
    this.db.prepare('INSERT INTO fleet_reports (id, kind, created_at, payload, ref) VALUES (?, ?, ?, ?, ?)').run(id, full.kind, full.at, sealed, ref);
    return id;
  }

  /** Whether a report with this id is here (waiting, or delivered and not yet pruned). */
  has(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM fleet_reports WHERE id = ?').get(id) !== undefined;
  }

  /** Whether the console has the report. */
  isDelivered(id: string): boolean {
    return Boolean((this.db.prepare('SELECT delivered_at FROM fleet_reports WHERE id = ?').get(id) as { delivered_at: string | null } | undefined)?.delivered_at);
  }

  /** A complaint still waiting here to be sent, by its number: when it was made. */
  waitingRef(ref: string): string | null {
    return (this.db.prepare('SELECT created_at FROM fleet_reports WHERE ref = ? AND delivered_at IS NULL').get(ref) as { created_at: string } | undefined)?.created_at ?? null;
  }

  /**
   * The oldest reports not yet delivered, in order: at most `limit`, and no more than `maxBytes` of JSON
   * together (the first always, so one large report is never stuck). One that cannot be unsealed (a
   * lost key) can never be sent: it is dropped rather than holding back everything behind it, and counted.
   */
  next(limit: number, maxBytes = REPORT_BATCH_MAX_BYTES): { reports: ServiceReport[]; unreadable: number } {
    const rows = this.db.prepare('SELECT id, kind, payload FROM fleet_reports WHERE delivered_at IS NULL ORDER BY seq LIMIT ?').all(limit) as Array<{ id: string; kind: string; payload: Buffer }>;
    const reports: ServiceReport[] = [];
    let unreadable = 0;
    // The batch's envelope ({"reports":[…]}) and a comma per report besides the reports themselves.
    let bytes = 16;
    for (const r of rows) {
      let report: ServiceReport;
      try {
        report = serviceReport.parse(JSON.parse(unseal(this.keys.outboxKey(), r.payload, aad(r.id, r.kind))));
      } catch {
        unreadable++;
        this.db.prepare('DELETE FROM fleet_reports WHERE id = ?').run(r.id);
        continue;
      }
      const size = Buffer.byteLength(JSON.stringify(report)) + 1;
      if (reports.length > 0 && bytes + size > maxBytes) break;
      reports.push(report);
      bytes += size;
    }
    return { reports, unreadable };
  }

  /** The console holds these: their payloads go at once (personal data included). */
  delivered(ids: readonly string[], at = new Date()): void {
    const mark = this.db.prepare('UPDATE fleet_reports SET delivered_at = ?, payload = NULL WHERE id = ? AND delivered_at IS NULL');
    this.db.transaction(() => {
      for (const id of ids) mark.run(at.toISOString(), id);
    })();
  }

  pending(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM fleet_reports WHERE delivered_at IS NULL').get() as { n: number }).n;
  }

  /** Delivered rows kept a while (ids only) for technicians; then gone. */
  prune(before: Date): void {
    this.db.prepare('DELETE FROM fleet_reports WHERE delivered_at IS NOT NULL AND delivered_at < ?').run(before.toISOString());
  }
}
