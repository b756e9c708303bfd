import { isBadRating } from '../../../kernel/rating';
import { casePolicy, type CasePolicy, type CaseStep, type CaseType, type CaseView } from '../../shared/evaluation';
import type { ComplaintStatusAnswer, ReportBatch, ServiceReport } from '../../wire/reports';
import type { ConsoleContext } from '../context';
import type { Sql } from '../db/database';
import { audit, type Actor } from '../fleet/audit';
import { admitCall, KIOSK_STATE_SQL, refuse, unknownKiosk, type KioskState, type Refusal } from '../fleet/heartbeats';
import { signedKioskId, type SignedCall } from '../fleet/signed-call';
import { conflict, notFound } from '../http/errors';
import { addWorkingDays } from './working-days';

/**
 * The 差评回访整改 ledger: reports from kiosks open cases (every 差评, every complaint, every
 * 办不成事), staff record each step, deadlines come from the jurisdiction's working-day policy, and
 * a closed case's personal data goes after its retention. Every change is audited in its own
 * transaction.
 */

export const DEFAULT_POLICY: CasePolicy = { verifyHours: 48, replyWorkingDays: { 'bad-rating': 5, complaint: 15, 'cannot-do': 5 }, nearWorkingDays: 1, retentionDays: 180 };

/** The policy of a hall, else the default row ('*'), else the built-in default. */
export async function policyFor(tx: Sql, hallId: string | null): Promise<CasePolicy> {
  const rows = await tx.query<{ jurisdiction: string; policy: unknown }>(`SELECT jurisdiction, policy FROM case_policies WHERE jurisdiction = ANY($1::text[])`, [[hallId ?? '*', '*']]);
  const row = rows.find((r) => r.jurisdiction === hallId) ?? rows.find((r) => r.jurisdiction === '*');
  const parsed = casePolicy.safeParse(row?.policy);
  return parsed.success ? parsed.data : DEFAULT_POLICY;
}

const CASE_PREFIX: Record<CaseType, string> = { 'bad-rating': 'CP', complaint: 'TS', 'cannot-do': 'BC' };

/** A case's number: its type, the China date and its id (readable over the phone). */
const caseNumber = (type: CaseType, id: number, at: Date): string =>
  `${CASE_PREFIX[type]}${new Date(at.getTime() + 8 * 3600_000).toISOString().slice(2, 10).replaceAll('-', '')}-${String(id).padStart(5, '0')}`;

interface NewCase {
  readonly type: CaseType;
  readonly kioskId: string;
  readonly reportId: string;
  readonly hallId: string | null;
  readonly ratingId: number | null;
  readonly openedAt: Date;
  readonly itemCode: string | null;
  readonly windowId: string | null;
  readonly reasons: readonly string[];
  readonly category: string | null;
  readonly description: string | null;
  readonly happenedAt: Date | null;
  readonly contactMobile: string | null;
  /** A complaint keeps the number the person was given at the kiosk. */
  readonly number: string | null;
}

async function openCase(tx: Sql, c: NewCase): Promise<number> {
  const policy = await policyFor(tx, c.hallId);
  const opened = c.openedAt.getTime();
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO cases (number, type, state, kiosk_id, report_id, hall_id, rating_id, opened_at, item_code, window_id, reasons, category, description, happened_at,
       contact_mobile, verify_due, reply_due, retention_days)
     VALUES ('pending-' || $17::text, $1, 'open', $3, $2::uuid, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
    [
      c.type,
      c.reportId,
      c.kioskId,
      c.hallId,
      c.ratingId,
      c.openedAt,
      c.itemCode,
      c.windowId,
      [...c.reasons],
      c.category,
      c.description,
      c.happenedAt,
      c.contactMobile,
      new Date(opened + policy.verifyHours * 3_600_000),
      new Date(addWorkingDays(opened, policy.replyWorkingDays[c.type])),
      policy.retentionDays,
      c.reportId,
    ],
  );
  const id = row!.id;
  const number = c.number ?? caseNumber(c.type, id, c.openedAt);
  await tx.query('UPDATE cases SET number = $2 WHERE id = $1', [id, number]);
  await audit(tx, null, c.openedAt, 'case.open', `case:${number}`, { type: c.type, kiosk: c.kioskId, hall: c.hallId });
  return id;
}

const when = (iso: string | undefined, fallback: Date): Date => {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? new Date(t) : fallback;
};

/** One report, new to the console: its rating, its case, or its session count. */
async function takeReport(tx: Sql, kiosk: { id: string; hall_id: string | null }, r: ServiceReport, now: Date): Promise<void> {
  // The kiosk's time of the report, unless it is in the future of the console's clock (a wrong kiosk clock).
  const at = when(r.at, now).getTime() > now.getTime() ? now : when(r.at, now);
  const base = { kioskId: kiosk.id, reportId: r.id, hallId: kiosk.hall_id, openedAt: now, happenedAt: null, number: null };
  const contact = 'contact' in r && r.contact?.consent ? r.contact.mobile : null;
  switch (r.kind) {
    case 'session':
      return;
    case 'experience-run': {
      // One run per run id, whichever report brought it (a run queued twice still is one run).
      const notAfterNow = (iso: string): Date => new Date(Math.min(when(iso, now).getTime(), now.getTime()));
      const started = notAfterNow(r.startedAt);
      const ended = new Date(Math.max(started.getTime(), notAfterNow(r.endedAt).getTime()));
      await tx.query(
        `INSERT INTO experience_runs (run_id, kiosk_id, report_id, hall_id, officer_code, started_at, ended_at, ended_by, step_count, steps_omitted, note_count, steps, notes, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14) ON CONFLICT (run_id) DO NOTHING`,
        [r.runId, kiosk.id, r.id, kiosk.hall_id, r.officerCode, started, ended, r.endedBy, r.steps.length, r.stepsOmitted, r.notes.length, JSON.stringify(r.steps), JSON.stringify(r.notes), now],
      );
      return;
    }
    case 'unfound-sentence':
      // Counted per sentence and kiosk; the hall is the kiosk's now. The text only, as the kiosk scrubbed it.
      await tx.query(
        `INSERT INTO unfound_sentences (text, kiosk_id, hall_id, count, first_seen, last_seen) VALUES ($1, $2, $3, 1, $4, $4)
         ON CONFLICT (text, kiosk_id) DO UPDATE SET count = unfound_sentences.count + 1, hall_id = EXCLUDED.hall_id,
           first_seen = LEAST(unfound_sentences.first_seen, EXCLUDED.first_seen), last_seen = GREATEST(unfound_sentences.last_seen, EXCLUDED.last_seen)`,
        [r.text, kiosk.id, kiosk.hall_id, at],
      );
      return;
    case 'evaluation': {
      const bad = isBadRating(r.level);
      const [rating] = await tx.query<{ id: number }>(
        `INSERT INTO ratings (kiosk_id, report_id, hall_id, at, level, bad, scope, channel, reasons, item_code, window_id, department_id, department_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [kiosk.id, r.id, kiosk.hall_id, at, r.level, bad, r.scope, r.channel, r.reasons, r.itemCode ?? null, r.windowId ?? null, r.department?.id ?? null, r.department?.name ?? null],
      );
      // Every 差评 is followed up (100 %): it opens a case with its reasons, item and window.
      if (bad) {
        await openCase(tx, {
          ...base,
          type: 'bad-rating',
          ratingId: rating!.id,
          itemCode: r.itemCode ?? null,
          windowId: r.windowId ?? null,
          reasons: r.reasons,
          category: null,
          description: r.comment ?? null,
          contactMobile: contact,
        });
      }
      return;
    }
    case 'feedback':
      await openCase(tx, { ...base, type: 'cannot-do', ratingId: null, itemCode: r.itemCode ?? null, windowId: null, reasons: [], category: r.category, description: r.description, contactMobile: contact });
      return;
    case 'complaint':
      await openCase(tx, {
        ...base,
        type: 'complaint',
        ratingId: null,
        itemCode: r.itemCode ?? null,
        windowId: r.windowId ?? null,
        reasons: [],
        category: r.category,
        description: r.description,
        happenedAt: r.happenedAt ? when(r.happenedAt, now) : null,
        contactMobile: contact,
        number: r.number,
      });
      return;
  }
}

/**
 * A kiosk's batch of reports, signed like its heartbeats. Each report is taken once by the id the kiosk
 * gave it (a batch sent again after a lost answer changes nothing), and every id is answered as
 * accepted so the kiosk may forget it. All of a batch in one transaction: nothing half taken.
 */
export async function takeReports(ctx: ConsoleContext, call: SignedCall, batch: ReportBatch): Promise<{ ok: true; accepted: string[] } | Refusal> {
  const r = await asKiosk(ctx, call, async (tx, kiosk, now) => {
    for (const report of batch.reports) {
      const fresh = await tx.query(
        `INSERT INTO service_reports (kiosk_id, report_id, kind, hall_id, at, received_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING report_id`,
        [kiosk.id, report.id, report.kind, kiosk.hall_id, when(report.at, now), now],
      );
      if (fresh.length === 1) await takeReport(tx, kiosk, report, now);
    }
    return batch.reports.map((x) => x.id);
  });
  return r.ok ? { ok: true, accepted: r.value } : r;
}

/**
 * A complaint's progress for the person at a kiosk, by its number: any enrolled kiosk may ask (the
 * number is what the person keeps, as with 办件查询). Never the contact or the staff's notes.
 */
export async function complaintStatus(ctx: ConsoleContext, call: SignedCall, number: string): Promise<{ ok: true; value: Omit<ComplaintStatusAnswer, 'serverTime'> } | Refusal> {
  return asKiosk(ctx, call, async (tx) => {
    const [c] = await tx.query<{ state: 'open' | 'closed'; opened_at: Date; answer: string | null; answered_at: Date | null }>(
      `SELECT state, opened_at, answer, answered_at FROM cases WHERE number = $1 AND type = 'complaint'`,
      [number],
    );
    if (!c) return { found: false, state: null, openedAt: null, answer: null, answeredAt: null };
    return {
      found: true,
      state: c.state === 'closed' ? 'closed' : c.answer ? 'answered' : 'open',
      openedAt: c.opened_at.toISOString(),
      answer: c.answer,
      answeredAt: c.answered_at?.toISOString() ?? null,
    };
  });
}

/**
 * Runs `fn` for a kiosk whose signed request is admitted (signature, revocation, replay window), in
 * the transaction that moves its replay window: nothing is done for a refused or replayed request.
 */
export async function asKiosk<T>(ctx: ConsoleContext, call: SignedCall, fn: (tx: Sql, kiosk: { id: string; hall_id: string | null }, now: Date) => Promise<T>): Promise<{ ok: true; value: T } | Refusal> {
  const kioskId = signedKioskId(call);
  if (!kioskId) return refuse(401, 'unsigned', 'the request is not signed');
  for (let attempt = 0; attempt < 4; attempt++) {
    const [row] = await ctx.db.query<KioskState & { hall_id: string | null }>(KIOSK_STATE_SQL, [kioskId]);
    if (!row) return unknownKiosk(ctx.db, kioskId);
    const now = new Date(ctx.clock.now());
    const admitted = admitCall(row, call, now.getTime());
    if (!admitted.ok) return admitted;
    const out = await ctx.db.transaction(async (tx) => {
      const moved = await tx.query('UPDATE kiosks SET recent_nonces = $3, nonce_floor = $4, row_version = row_version + 1 WHERE id = $1 AND row_version = $2 RETURNING id', [
        kioskId,
        row.row_version,
        admitted.recent,
        admitted.floor,
      ]);
      if (moved.length === 0) return null;
      return { value: await fn(tx, { id: kioskId, hall_id: row.hall_id }, now) };
    });
    if (out) return { ok: true, value: out.value };
  }
  return refuse(409, 'invalid', 'the kiosk row kept changing; try again');
}

// --- staff -------------------------------------------------------------------------------------

export interface CaseRow {
  id: number;
  number: string;
  type: CaseType;
  state: 'open' | 'closed';
  kiosk_id: string;
  hall_id: string | null;
  opened_at: Date;
  item_code: string | null;
  window_id: string | null;
  level: CaseView['level'];
  channel: CaseView['channel'];
  reasons: string[];
  category: string | null;
  description: string | null;
  contact_mobile: string | null;
  personal_erased_at: Date | null;
  verify_due: Date;
  reply_due: Date;
  urgency: CaseView['urgency'];
  escalated_at: Date | null;
  verified_at: Date | null;
  verified_by: string | null;
  verification: string | null;
  contacted_at: Date | null;
  contacted_by: string | null;
  contact_note: string | null;
  rectified_at: Date | null;
  rectified_by: string | null;
  rectification: string | null;
  legal_basis: string | null;
  satisfaction: NonNullable<CaseView['satisfaction']>['value'] | null;
  satisfaction_at: Date | null;
  answer: string | null;
  answered_at: Date | null;
  closed_at: Date | null;
  closed_by: string | null;
}

export const CASE_SELECT = `SELECT c.*, r.level, r.channel FROM cases c LEFT JOIN ratings r ON r.id = c.rating_id`;

const maskMobile = (m: string): string => `${m.slice(0, 3)}****${m.slice(7)}`;

export function caseView(c: CaseRow, o: { fullContact?: boolean } = {}): CaseView {
  return {
    id: c.id,
    number: c.number,
    type: c.type,
    state: c.state,
    kioskId: c.kiosk_id,
    hallId: c.hall_id,
    openedAt: c.opened_at.toISOString(),
    itemCode: c.item_code,
    windowId: c.window_id,
    level: c.level ?? null,
    channel: c.channel ?? null,
    reasons: c.reasons as CaseView['reasons'],
    category: c.category as CaseView['category'],
    description: c.description,
    contact: c.contact_mobile ? (o.fullContact ? c.contact_mobile : maskMobile(c.contact_mobile)) : null,
    personalErasedAt: c.personal_erased_at?.toISOString() ?? null,
    verifyDue: c.verify_due.toISOString(),
    replyDue: c.reply_due.toISOString(),
    urgency: c.urgency,
    escalatedAt: c.escalated_at?.toISOString() ?? null,
    verification: c.verified_at ? { at: c.verified_at.toISOString(), by: c.verified_by ?? '', note: c.verification ?? '' } : null,
    contacted: c.contacted_at ? { at: c.contacted_at.toISOString(), by: c.contacted_by ?? '', note: c.contact_note ?? '' } : null,
    rectification: c.rectified_at ? { at: c.rectified_at.toISOString(), by: c.rectified_by ?? '', note: c.rectification ?? '', legalBasis: c.legal_basis } : null,
    satisfaction: c.satisfaction && c.satisfaction_at ? { at: c.satisfaction_at.toISOString(), value: c.satisfaction } : null,
    answer: c.answer && c.answered_at ? { at: c.answered_at.toISOString(), text: c.answer } : null,
    closedAt: c.closed_at?.toISOString() ?? null,
    closedBy: c.closed_by,
  };
}

/** What closing a case still lacks: each step of the ledger, in order. */
export function missingSteps(c: CaseRow): string[] {
  const missing: string[] = [];
  if (!c.verified_at) missing.push('verify');
  if (!c.contacted_at) missing.push('contact');
  if (!c.rectified_at) missing.push('rectify');
  if (!c.satisfaction) missing.push('satisfaction');
  if (c.type === 'complaint' && !c.answered_at) missing.push('answer');
  return missing;
}

/** Each step's statement and its parameters after the case id and the time. */
const stepStatement = (step: Exclude<CaseStep, { step: 'close' }>, by: string): { set: string; params: unknown[] } => {
  switch (step.step) {
    case 'verify':
      return { set: 'verified_at = $2, verified_by = $3, verification = $4', params: [by, step.note] };
    case 'contact':
      return { set: 'contacted_at = $2, contacted_by = $3, contact_note = $4', params: [by, step.note] };
    case 'rectify':
      return { set: 'rectified_at = $2, rectified_by = $3, rectification = $4, legal_basis = $5', params: [by, step.note, step.legalBasis ?? null] };
    case 'satisfaction':
      return { set: 'satisfaction_at = $2, satisfaction = $3', params: [step.value] };
    case 'answer':
      return { set: 'answered_at = $2, answer = $3', params: [step.text] };
  }
};

/** Records one step of an open case (in the actor's halls), or closes it when every step is there. */
export async function recordStep(ctx: ConsoleContext, actor: Actor, id: number, step: CaseStep, scope: (params: unknown[]) => string): Promise<CaseView> {
  const now = new Date(ctx.clock.now());
  return ctx.db.transaction(async (tx) => {
    const params: unknown[] = [id];
    const [c] = await tx.query<CaseRow>(`${CASE_SELECT} WHERE c.id = $1 AND ${scope(params).replaceAll('k.hall_id', 'c.hall_id')} FOR UPDATE OF c`, params);
    if (!c) throw notFound(`case ${id}`);
    if (c.state === 'closed') throw conflict(`case ${c.number} is closed`, 'closed');
    if (step.step === 'close') {
      const missing = missingSteps(c);
      if (missing.length > 0) throw conflict(`case ${c.number} cannot close yet: ${missing.join(', ')} missing`, 'steps-missing');
      await tx.query(`UPDATE cases SET state = 'closed', closed_at = $2, closed_by = $3, urgency = 'normal' WHERE id = $1`, [id, now, actor.username]);
      await audit(tx, actor, now, 'case.close', `case:${c.number}`, {});
    } else {
      if (step.step === 'answer' && c.type !== 'complaint') throw conflict('only a complaint has an answer', 'not-a-complaint');
      const { set, params: more } = stepStatement(step, actor.username);
      await tx.query(`UPDATE cases SET ${set} WHERE id = $1`, [id, now, ...more]);
      await audit(tx, actor, now, `case.${step.step}`, `case:${c.number}`, step.step === 'satisfaction' ? { value: step.value } : step.step === 'rectify' ? { legalBasis: step.legalBasis !== undefined } : {});
    }
    const [after] = await tx.query<CaseRow>(`${CASE_SELECT} WHERE c.id = $1`, [id]);
    return caseView(after!);
  });
}
