import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema, HTTPMethods } from 'fastify';
import type { z } from 'zod';

/**
 * Fastify validates and serialises with the routes' zod schemas (the ones console/shared and
 * console/wire define), so the schema a route declares is the one its callers are typed with.
 */
export function useZodSchemas(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema }) => (data: unknown) => {
    const r = (schema as z.ZodType).safeParse(data);
    if (r.success) return { value: r.data };
    return { error: new Error(r.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')) };
  });
  // An answer that does not match its schema is a bug of the console: it fails loudly instead of leaking fields.
  app.setSerializerCompiler(({ schema }) => (data: unknown) => JSON.stringify((schema as z.ZodType).parse(data)));
}

type In<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<B, Q, P, R extends z.ZodType> {
  readonly method: HTTPMethods;
  readonly url: string;
  readonly body?: B;
  readonly query?: Q;
  readonly params?: P;
  readonly response: R;
  /** Larger than the default only where a kiosk uploads diagnostics or a screenshot. */
  readonly bodyLimit?: number;
  readonly handler: (
    req: { body: In<B>; query: In<Q>; params: In<P>; request: FastifyRequest },
    reply: FastifyReply,
  ) => Promise<z.input<R>>;
}

/** Declares one route whose body, query, params and answer are checked against zod schemas. */
export function route<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, P extends z.ZodType | undefined, R extends z.ZodType>(
  app: FastifyInstance,
  spec: RouteSpec<B, Q, P, R>,
): void {
  app.route({
    method: spec.method,
    url: spec.url,
    ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
    // zod schemas, read by the compilers above (Fastify's own types expect JSON Schema here).
    schema: {
      ...(spec.body ? { body: spec.body } : {}),
      ...(spec.query ? { querystring: spec.query } : {}),
      ...(spec.params ? { params: spec.params } : {}),
      response: { 200: spec.response },
    } as FastifySchema,
    handler: async (request, reply) =>
      spec.handler({ body: request.body as In<B>, query: request.query as In<Q>, params: request.params as In<P>, request }, reply),
  });
}
