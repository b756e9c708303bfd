import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { callAnswered, callIdParams, callQueue, staffSend, staffSignals, staffSignalsQuery } from '../../shared/video';
import { VIDEO_PATHS, videoExchange, videoRequest, type VideoExchange, type VideoRequest } from '../../wire/video';
import { signedIn } from '../auth/sessions';
import type { ConsoleContext } from '../context';
import type { Actor } from '../fleet/audit';
import type { Refusal } from '../fleet/heartbeats';
import type { SignedCall } from '../fleet/signed-call';
import { route } from '../http/zod-routes';
import { answerCall, callQueue as queueOf, exchangeVideoSignals, requestVideoCall, staffExchange } from '../video/calls';
import { scopeSql } from './kiosks';

const callOf = (request: FastifyRequest): SignedCall => ({
  method: request.method,
  pathWithQuery: request.url,
  header: (name) => {
    const v = request.headers[name];
    return Array.isArray(v) ? v[0] : v;
  },
  rawBody: request.rawBody ?? '',
});
const scope = (actor: Actor) => (params: unknown[]) => scopeSql(actor, params, 'c.hall_id');

/** 视频办事: kiosks queue calls and relay their page's signalling (signed); staff answer and signal (operator session). */
export function videoRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  const serverTime = (): string => new Date(ctx.clock.now()).toISOString();
  const refused = (reply: FastifyReply, r: Refusal): FastifyReply => reply.code(r.status).send({ error: { code: r.code, message: r.message }, serverTime: serverTime() });

  app.post(VIDEO_PATHS.request, { schema: { body: videoRequest } }, async (request, reply) => {
    const r = await requestVideoCall(ctx, callOf(request), request.body as VideoRequest);
    return r.ok ? { callId: r.value, serverTime: serverTime() } : refused(reply, r);
  });
  app.post(VIDEO_PATHS.exchange, { schema: { body: videoExchange } }, async (request, reply) => {
    const r = await exchangeVideoSignals(ctx, callOf(request), request.body as VideoExchange);
    return r.ok ? { ...r.value, serverTime: serverTime() } : refused(reply, r);
  });

  route(app, {
    method: 'GET',
    url: '/api/video/calls',
    response: callQueue,
    handler: async ({ request }) => {
      const { actor } = await signedIn(ctx, request, 'video.answer');
      return { calls: await queueOf(ctx, scope(actor)), iceServers: [...ctx.config.iceServers] };
    },
  });
  route(app, {
    method: 'POST',
    url: '/api/video/calls/:id/answer',
    params: callIdParams,
    response: callAnswered,
    handler: async ({ params, request }) => {
      const { actor } = await signedIn(ctx, request, 'video.answer');
      await answerCall(ctx, actor, params.id, scope(actor));
      return { answered: true as const };
    },
  });
  route(app, {
    method: 'GET',
    url: '/api/video/calls/:id/signals',
    params: callIdParams,
    query: staffSignalsQuery,
    response: staffSignals,
    handler: async ({ params, query, request }) => {
      const { actor } = await signedIn(ctx, request, 'video.answer');
      return staffExchange(ctx, actor, params.id, scope(actor), { after: query.after });
    },
  });
  route(app, {
    method: 'POST',
    url: '/api/video/calls/:id/signals',
    params: callIdParams,
    body: staffSend,
    response: staffSignals,
    handler: async ({ params, body, request }) => {
      const { actor } = await signedIn(ctx, request, 'video.answer');
      return staffExchange(ctx, actor, params.id, scope(actor), { send: body.signals });
    },
  });
}
