import { z } from 'zod';
import type { ExperienceRunReportView, ExperienceRunSummary } from '../../shared/experience';
import type { ExperienceNote, ExperienceStep } from '../../wire/reports';
import type { Sql } from '../db/database';
import { badRequest } from '../http/errors';

/** 政务服务体验员 runs as kiosks sent them: newest first, keyset pages on (started_at, run_id). */

interface RunRow {
  run_id: string;
  officer_code: string;
  hall_id: string | null;
  hall_name: string | null;
  kiosk_id: string;
  kiosk_label: string | null;
  started_at: Date;
  ended_at: Date;
  ended_by: ExperienceRunSummary['endedBy'];
  step_count: number;
  steps_omitted: number;
  note_count: number;
}

// Joined on primary keys only: a run is one row, whatever else the console holds about its kiosk.
const RUN_SELECT = `SELECT r.run_id, r.officer_code, r.hall_id, h.name AS hall_name, r.kiosk_id, k.label AS kiosk_label, r.started_at, r.ended_at, r.ended_by,
  r.step_count, r.steps_omitted, r.note_count FROM experience_runs r LEFT JOIN halls h ON h.id = r.hall_id LEFT JOIN kiosks k ON k.id = r.kiosk_id`;

const summary = (r: RunRow): ExperienceRunSummary => ({
  runId: r.run_id,
  officerCode: r.officer_code,
  hallId: r.hall_id,
  hallName: r.hall_name,
  kioskId: r.kiosk_id,
  kioskLabel: r.kiosk_label,
  startedAt: r.started_at.toISOString(),
  endedAt: r.ended_at.toISOString(),
  durationMs: r.ended_at.getTime() - r.started_at.getTime(),
  endedBy: r.ended_by,
  stepCount: r.step_count + r.steps_omitted,
  noteCount: r.note_count,
});

const encodeCursor = (at: Date, id: string): string => Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
const decodeCursor = (c: string): [string, string] => {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
  } catch {
    raw = null;
  }
  const parsed = z.tuple([z.string().datetime(), z.string().uuid()]).safeParse(raw);
  if (!parsed.success) throw badRequest('the page cursor is not one this console gave', 'bad-cursor');
  return parsed.data;
};

export async function listExperienceRuns(
  db: Sql,
  q: { scope: (params: unknown[]) => string; hall?: string | undefined; officer?: string | undefined; after?: string | undefined; limit: number },
): Promise<{ runs: ExperienceRunSummary[]; next: string | null }> {
  const params: unknown[] = [];
  const where = [q.scope(params)];
  if (q.hall !== undefined) {
    params.push(q.hall);
    where.push(`r.hall_id = $${params.length}`);
  }
  if (q.officer !== undefined && q.officer.trim()) {
    params.push(q.officer.trim().toUpperCase());
    where.push(`r.officer_code = $${params.length}`);
  }
  if (q.after !== undefined) {
    const [at, id] = decodeCursor(q.after);
    params.push(new Date(at), id);
    where.push(`(r.started_at, r.run_id) < ($${params.length - 1}, $${params.length}::uuid)`);
  }
  params.push(q.limit + 1);
  const rows = await db.query<RunRow>(`${RUN_SELECT} WHERE ${where.join(' AND ')} ORDER BY r.started_at DESC, r.run_id DESC LIMIT $${params.length}`, params);
  const shown = rows.slice(0, q.limit);
  const last = shown.at(-1);
  return { runs: shown.map(summary), next: rows.length > q.limit && last ? encodeCursor(last.started_at, last.run_id) : null };
}

/** One run's report (in the operator's scope), or null. */
export async function experienceRunReport(db: Sql, runId: string, scope: (params: unknown[]) => string): Promise<ExperienceRunReportView | null> {
  const params: unknown[] = [runId];
  const [row] = await db.query<RunRow & { steps: ExperienceStep[]; notes: ExperienceNote[]; received_at: Date }>(
    `${RUN_SELECT.replace(' FROM experience_runs r', ', r.steps, r.notes, r.received_at FROM experience_runs r')} WHERE r.run_id = $1::uuid AND ${scope(params)}`,
    params,
  );
  if (!row) return null;
  const notesAt = (i: number | null): ExperienceNote[] => row.notes.filter((n) => n.step === i);
  return {
    ...summary(row),
    stepsOmitted: row.steps_omitted,
    steps: row.steps.map((s, index) => ({ ...s, index, notes: notesAt(index) })),
    laterNotes: row.notes.filter((n) => n.step === null || n.step >= row.steps.length),
    receivedAt: row.received_at.toISOString(),
  };
}
