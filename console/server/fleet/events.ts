import type { Sql } from '../db/database';

export interface KioskEventRow {
  readonly kioskId: string;
  readonly kind: string;
  readonly detail?: Record<string, unknown>;
}

/** Stores state changes (never the unchanged beats in between), in one statement. */
export async function addEvents(tx: Sql, at: Date, events: readonly KioskEventRow[]): Promise<void> {
  if (events.length === 0) return;
  await tx.query(
    `INSERT INTO kiosk_events (kiosk_id, at, kind, detail)
     SELECT k, $1, kind, d::jsonb FROM unnest($2::text[], $3::text[], $4::text[]) AS e(k, kind, d)`,
    [at, events.map((e) => e.kioskId), events.map((e) => e.kind), events.map((e) => JSON.stringify(e.detail ?? {}))],
  );
}
