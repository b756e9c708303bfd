import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { commandResult, enrolRequest, FLEET_PATHS, heartbeat, type CommandResult, type EnrolRequest, type FleetRefusal, type Heartbeat } from '../../wire/protocol';
import type { ConsoleContext } from '../context';
import { takeCommandResult } from '../fleet/commands';
import { takeEnrolment } from '../fleet/enrolment';
import { takeHeartbeat, type Refusal } from '../fleet/heartbeats';
import { evaluateRollouts } from '../fleet/rollouts';
import type { SignedCall } from '../fleet/signed-call';

const callOf = (request: FastifyRequest): SignedCall => ({
  method: request.method,
  pathWithQuery: request.url,
  header: (name) => {
    const v = request.headers[name];
    return Array.isArray(v) ? v[0] : v;
  },
  rawBody: request.rawBody ?? '',
});

const refused = (ctx: ConsoleContext, reply: FastifyReply, r: Refusal): FleetRefusal => {
  void reply.code(r.status);
  return { error: { code: r.code, message: r.message }, serverTime: new Date(ctx.clock.now()).toISOString() };
};

// Bodies arrive validated by their zod schema (http/zod-routes.ts), so they are read as the parsed types.

/** What kiosks call: enrolment, heartbeats and command results, each signed with the kiosk's key. */
export function kioskWireRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  app.post(FLEET_PATHS.enrol, { schema: { body: enrolRequest } }, async (request, reply) => {
    const r = await takeEnrolment(ctx, callOf(request), request.body as EnrolRequest);
    return r.ok ? r.answer : refused(ctx, reply, r);
  });

  app.post(FLEET_PATHS.heartbeat, { schema: { body: heartbeat } }, async (request, reply) => {
    const r = await takeHeartbeat(ctx, callOf(request), request.body as Heartbeat);
    if (!r.ok) return refused(ctx, reply, r);
    // A kiosk that just took (or failed) its ring's version may complete the ring: look now, not at the next sweep.
    if (r.rolloutsTouched.length > 0) {
      void evaluateRollouts(ctx, r.rolloutsTouched).catch((err: unknown) => ctx.log.error('rollout evaluation failed', { error: err instanceof Error ? err.message : String(err) }));
    }
    return r.answer;
  });

  // Diagnostics and screenshots come this way: a larger body than anything else a kiosk sends.
  app.post(FLEET_PATHS.commandResult, { schema: { body: commandResult }, bodyLimit: 8 * 1024 * 1024 }, async (request, reply) => {
    const r = await takeCommandResult(ctx, callOf(request), request.body as CommandResult);
    return r.ok ? { recorded: r.recorded, state: r.state } : refused(ctx, reply, r);
  });
}
