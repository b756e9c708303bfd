import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { hallScoped } from '../../shared/roles';
import {
  caseList,
  casePolicy,
  casesQuery,
  caseStep,
  caseView as caseViewSchema,
  followUpSummary,
  jurisdiction,
  policyList,
  statsAnswer,
  statsQuery,
  unfoundList,
  unfoundQuery,
  type CaseStep,
} from '../../shared/evaluation';
import { experienceRunList, experienceRunReportView, experienceRunsQuery } from '../../shared/experience';
import { COMPLAINT_STATUS_PATH, complaintStatusRequest, REPORTS_PATH, reportBatch, type ReportBatch } from '../../wire/reports';
import { signedIn } from '../auth/sessions';
import type { ConsoleContext } from '../context';
import { casesTable, statsTable, toCsv, toXlsx, unfoundTable, type Table } from '../evaluation/export';
import { listUnfound } from '../evaluation/unfound';
import { experienceRunReport, listExperienceRuns } from '../evaluation/experience-runs';
import { CASE_SELECT, caseView, complaintStatus, recordStep, takeReports, type CaseRow } from '../evaluation/ledger';
import type { Refusal } from '../fleet/heartbeats';
import type { SignedCall } from '../fleet/signed-call';
import { ratingStats } from '../evaluation/stats';
import { audit, type Actor } from '../fleet/audit';
import { notFound } from '../http/errors';
import { route } from '../http/zod-routes';
import { scopeSql } from './kiosks';

const caseScope = (actor: Actor) => (params: unknown[]) => scopeSql(actor, params, 'c.hall_id');
const formatQuery = z.object({ format: z.enum(['csv', 'xlsx']) });

async function send(reply: FastifyReply, t: Table, file: string, format: 'csv' | 'xlsx'): Promise<FastifyReply> {
  if (format === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}.csv"`).send(toCsv(t));
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${file}.xlsx"`)
    .send(await toXlsx(t));
}

/** 服务评价与改进: kiosks' reports in, and the ledger, statistics, policies and exports for staff. */
export function evaluationRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  const callOf = (request: FastifyRequest): SignedCall => ({
    method: request.method,
    pathWithQuery: request.url,
    header: (name: string) => {
      const v = request.headers[name];
      return Array.isArray(v) ? v[0] : v;
    },
    rawBody: request.rawBody ?? '',
  });
  const refused = (reply: FastifyReply, r: Refusal): FastifyReply =>
    reply.code(r.status).send({ error: { code: r.code, message: r.message }, serverTime: new Date(ctx.clock.now()).toISOString() });

  app.post(REPORTS_PATH, { schema: { body: reportBatch } }, async (request, reply) => {
    const r = await takeReports(ctx, callOf(request), request.body as ReportBatch);
    return r.ok ? { accepted: r.accepted, serverTime: new Date(ctx.clock.now()).toISOString() } : refused(reply, r);
  });

  app.post(COMPLAINT_STATUS_PATH, { schema: { body: complaintStatusRequest } }, async (request, reply) => {
    const r = await complaintStatus(ctx, callOf(request), (request.body as { number: string }).number);
    return r.ok ? { ...r.value, serverTime: new Date(ctx.clock.now()).toISOString() } : refused(reply, r);
  });

  const listCases = async (actor: Actor, query: z.infer<typeof casesQuery>): Promise<{ rows: CaseRow[] }> => {
    const params: unknown[] = [];
    const where = [scopeSql(actor, params, 'c.hall_id')];
    if (query.state !== 'all') {
      params.push(query.state);
      where.push(`c.state = $${params.length}`);
    }
    for (const [col, v] of [['c.type', query.type], ['c.hall_id', query.hall], ['c.urgency', query.urgency]] as const) {
      if (v === undefined) continue;
      params.push(v);
      where.push(`${col} = $${params.length}`);
    }
    if (query.before !== undefined) {
      params.push(query.before);
      where.push(`c.id < $${params.length}`);
    }
    params.push(query.limit + 1);
    // Overdue and near cases first within the page's order of newest first would hide old overdue ones: newest first, flagged in the view.
    const rows = await ctx.db.query<CaseRow>(`${CASE_SELECT} WHERE ${where.join(' AND ')} ORDER BY c.id DESC LIMIT $${params.length}`, params);
    return { rows };
  };

  route(app, {
    method: 'GET',
    url: '/api/cases',
    query: casesQuery,
    response: caseList,
    handler: async ({ query, request }) => {
      const { actor } = await signedIn(ctx, request);
      const { rows } = await listCases(actor, query);
      const page = rows.slice(0, query.limit);
      return { cases: page.map((c) => caseView(c)), next: rows.length > query.limit ? (page[page.length - 1]?.id ?? null) : null };
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/cases/summary',
    response: followUpSummary,
    handler: async ({ request }) => {
      const { actor } = await signedIn(ctx, request);
      const params: unknown[] = [];
      const scope = scopeSql(actor, params, 'c.hall_id');
      const [s] = await ctx.db.query<{ open: number; near: number; overdue: number; bad: number; followed: number }>(
        `SELECT count(*) FILTER (WHERE state = 'open')::int AS open, count(*) FILTER (WHERE state = 'open' AND urgency = 'near')::int AS near,
           count(*) FILTER (WHERE state = 'open' AND urgency = 'overdue')::int AS overdue,
           count(*) FILTER (WHERE type = 'bad-rating')::int AS bad, count(*) FILTER (WHERE type = 'bad-rating' AND contacted_at IS NOT NULL)::int AS followed
         FROM cases c WHERE ${scope}`,
        params,
      );
      return { open: s!.open, near: s!.near, overdue: s!.overdue, badRatings: s!.bad, followedUp: s!.followed, followUpRate: s!.bad ? s!.followed / s!.bad : null };
    },
  });

  app.get('/api/cases/export', { schema: { querystring: casesQuery.merge(formatQuery) } }, async (request, reply) => {
    const { actor } = await signedIn(ctx, request);
    const q = request.query as z.infer<typeof casesQuery> & z.infer<typeof formatQuery>;
    const { rows } = await listCases(actor, { ...q, limit: 10_000 });
    return send(reply, casesTable(rows.slice(0, 10_000).map((c) => caseView(c))), 'cases', q.format);
  });

  route(app, {
    method: 'GET',
    url: '/api/cases/:id',
    params: z.object({ id: z.coerce.number().int() }),
    response: caseViewSchema,
    handler: async ({ params: p, request }) => {
      const { actor } = await signedIn(ctx, request);
      const params: unknown[] = [p.id];
      const [c] = await ctx.db.query<CaseRow>(`${CASE_SELECT} WHERE c.id = $1 AND ${scopeSql(actor, params, 'c.hall_id')}`, params);
      if (!c) throw notFound(`case ${p.id}`);
      // The whole number only to staff who call back; everyone else sees it masked.
      return caseView(c, { fullContact: actor.role === 'admin' || actor.role === 'hall-manager' });
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/cases/:id/steps',
    params: z.object({ id: z.coerce.number().int() }),
    body: caseStep,
    response: caseViewSchema,
    handler: async ({ params: p, body, request }) => {
      const { actor } = await signedIn(ctx, request, 'cases.handle');
      return recordStep(ctx, actor, p.id, body as CaseStep, caseScope(actor));
    },
  });

  const statsFor = async (actor: Actor, q: z.infer<typeof statsQuery>) =>
    ratingStats(ctx.db, {
      from: q.from,
      to: q.to,
      by: q.by,
      halls: hallScoped(actor.role) ? actor.halls.filter((h) => !q.hall || h === q.hall) : q.hall ? [q.hall] : null,
    });

  route(app, {
    method: 'GET',
    url: '/api/evaluation/stats',
    query: statsQuery,
    response: statsAnswer,
    handler: async ({ query, request }) => {
      const { actor } = await signedIn(ctx, request);
      return statsFor(actor, query);
    },
  });

  app.get('/api/evaluation/stats/export', { schema: { querystring: statsQuery.merge(formatQuery) } }, async (request, reply) => {
    const { actor } = await signedIn(ctx, request);
    const q = request.query as z.infer<typeof statsQuery> & z.infer<typeof formatQuery>;
    return send(reply, statsTable(await statsFor(actor, q)), `evaluation-${q.from}-${q.to}-${q.by}`, q.format);
  });

  // 智能导办's sentences that found nothing (scrubbed at the kiosk): content editors, publishers and
  // administrators read all; a hall manager the sentences of their halls' kiosks.
  const unfoundScope = (actor: Actor) => (params: unknown[]) => scopeSql(actor, params, 'u.hall_id');
  route(app, {
    method: 'GET',
    url: '/api/unfound-sentences',
    query: unfoundQuery,
    response: unfoundList,
    handler: async ({ query, request }) => {
      const { actor } = await signedIn(ctx, request, 'sentences.read');
      return listUnfound(ctx.db, { scope: unfoundScope(actor), hall: query.hall, after: query.after, limit: query.limit });
    },
  });

  app.get('/api/unfound-sentences/export', { schema: { querystring: unfoundQuery.omit({ after: true, limit: true }).merge(formatQuery) } }, async (request, reply) => {
    const { actor } = await signedIn(ctx, request, 'sentences.read');
    const q = request.query as { hall?: string; format: 'csv' | 'xlsx' };
    const { sentences } = await listUnfound(ctx.db, { scope: unfoundScope(actor), hall: q.hall, limit: 10_000 });
    return send(reply, unfoundTable(sentences), 'unfound-sentences', q.format);
  });

  // 政务服务体验员 runs: read like the ledger and the statistics (everyone signed in; a hall manager their halls' runs).
  const runScope = (actor: Actor) => (params: unknown[]) => scopeSql(actor, params, 'r.hall_id');
  route(app, {
    method: 'GET',
    url: '/api/experience-runs',
    query: experienceRunsQuery,
    response: experienceRunList,
    handler: async ({ query, request }) => {
      const { actor } = await signedIn(ctx, request);
      return listExperienceRuns(ctx.db, { scope: runScope(actor), hall: query.hall, officer: query.officer, after: query.after, limit: query.limit });
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/experience-runs/:runId',
    params: z.object({ runId: z.string().uuid() }),
    response: experienceRunReportView,
    handler: async ({ params: p, request }) => {
      const { actor } = await signedIn(ctx, request);
      const run = await experienceRunReport(ctx.db, p.runId, runScope(actor));
      if (!run) throw notFound(`experience run ${p.runId}`);
      return run;
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/case-policies',
    response: policyList,
    handler: async ({ request }) => {
      await signedIn(ctx, request);
      const rows = await ctx.db.query<{ jurisdiction: string; policy: unknown; updated_by: string; updated_at: Date }>('SELECT * FROM case_policies ORDER BY jurisdiction');
      return {
        policies: rows.flatMap((r) => {
          const p = casePolicy.safeParse(r.policy);
          return p.success ? [{ jurisdiction: r.jurisdiction, policy: p.data, updatedBy: r.updated_by, updatedAt: r.updated_at.toISOString() }] : [];
        }),
      };
    },
  });

  route(app, {
    method: 'PUT',
    url: '/api/case-policies/:jurisdiction',
    params: z.object({ jurisdiction }),
    body: casePolicy,
    response: z.object({ saved: z.boolean() }),
    handler: async ({ params: p, body, request }) => {
      const { actor } = await signedIn(ctx, request, 'cases.policy');
      const now = new Date(ctx.clock.now());
      // Applies to cases opened from now on; an open case keeps the deadlines it was given.
      return ctx.db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO case_policies (jurisdiction, policy, updated_by, updated_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (jurisdiction) DO UPDATE SET policy = EXCLUDED.policy, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
          [p.jurisdiction, JSON.stringify(body), actor.username, now],
        );
        await audit(tx, actor, now, 'case-policy.set', `jurisdiction:${p.jurisdiction}`, body as Record<string, unknown>);
        return { saved: true };
      });
    },
  });
}
