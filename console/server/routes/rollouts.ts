import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { rolloutInput, rolloutKiosks, rolloutKiosksQuery, rolloutList, rolloutView } from '../../shared/api';
import { signedIn } from '../auth/sessions';
import type { ConsoleContext } from '../context';
import { cancelRollout, createRollout, evaluateRollouts, pauseRollout, resumeRollout, retryFailed, rolloutViews, startRollout } from '../fleet/rollouts';
import { notFound } from '../http/errors';
import { route } from '../http/zod-routes';

const idParams = z.object({ id: z.coerce.number().int() });

export function rolloutRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  const now = (): Date => new Date(ctx.clock.now());

  route(app, {
    method: 'GET',
    url: '/api/rollouts',
    response: rolloutList,
    handler: async ({ request }) => {
      await signedIn(ctx, request);
      return { rollouts: await rolloutViews(ctx.db) };
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/rollouts',
    body: rolloutInput,
    response: z.object({ id: z.number().int() }),
    handler: async ({ body, request }) => {
      const { actor } = await signedIn(ctx, request, 'rollouts.draft');
      return { id: await ctx.db.transaction((tx) => createRollout(tx, actor, body, now())) };
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/rollouts/:id',
    params: idParams,
    response: rolloutView,
    handler: async ({ params: p, request }) => {
      await signedIn(ctx, request);
      const [r] = await rolloutViews(ctx.db, { id: p.id });
      if (!r) throw notFound(`rollout ${p.id}`);
      return r;
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/rollouts/:id/kiosks',
    params: idParams,
    query: rolloutKiosksQuery,
    response: rolloutKiosks,
    handler: async ({ params: p, query, request }) => {
      await signedIn(ctx, request);
      const rows = await ctx.db.query<{ kiosk_id: string; ring: number; state: 'offered' | 'healthy' | 'failed'; offered_at: Date; picked_up_at: Date | null; attempt: number; failure: string | null }>(
        `SELECT kiosk_id, ring, state, offered_at, picked_up_at, attempt, failure FROM rollout_kiosks
         WHERE rollout_id = $1 AND ($2::text IS NULL OR kiosk_id > $2) AND ($3::text IS NULL OR state = $3) ORDER BY kiosk_id LIMIT $4`,
        [p.id, query.after ?? null, query.state ?? null, query.limit + 1],
      );
      const page = rows.slice(0, query.limit);
      return {
        kiosks: page.map((r) => ({
          kioskId: r.kiosk_id,
          ring: r.ring,
          state: r.state,
          offeredAt: r.offered_at.toISOString(),
          pickedUpAt: r.picked_up_at?.toISOString() ?? null,
          attempt: r.attempt,
          failure: r.failure,
        })),
        next: rows.length > query.limit ? (page[page.length - 1]?.kiosk_id ?? null) : null,
      };
    },
  });

  const actions = { start: startRollout, pause: pauseRollout, resume: resumeRollout, cancel: cancelRollout, 'retry-failed': retryFailed } as const;
  for (const [name, act] of Object.entries(actions)) {
    route(app, {
      method: 'POST',
      url: `/api/rollouts/:id/${name}`,
      params: idParams,
      response: z.object({ ok: z.boolean() }),
      handler: async ({ params: p, request }) => {
        const { actor } = await signedIn(ctx, request, 'rollouts.publish');
        await ctx.db.transaction((tx) => act(tx, actor, p.id, now()).then(() => undefined));
        // A ring with nobody in it, or already healthy, advances at once.
        if (name !== 'pause' && name !== 'cancel') await evaluateRollouts(ctx, [p.id]);
        return { ok: true };
      },
    });
  }
}
