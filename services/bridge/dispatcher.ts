import {
  fail,
  isMethodName,
  kioskApi,
  TECHNICIAN_METHODS,
  type MethodArgs,
  type MethodName,
  type MethodOutput,
  type Result,
} from '../../contract';
import type { Logger } from '../log/logger';

export interface CallContext {
  /** Which host carried the call, for logs and for rules that differ (none today). */
  readonly via: 'ipc' | 'http' | 'test' | 'internal';
  /** The caller proved it is a technician (the Node host's technician token). */
  readonly technician?: boolean;
}

export type Handler<M extends MethodName> = (
  input: MethodArgs<M>,
  ctx: CallContext,
) => Promise<Result<MethodOutput<M>>> | Result<MethodOutput<M>>;

/** One handler per contract method: the compiler refuses a contract method without one. */
export type Handlers = { [M in MethodName]: Handler<M> };

/** The handlers of one area's slice of the contract (e.g. `AreaHandlers<typeof devicesApi>`). */
export type AreaHandlers<Spec> = { [M in keyof Spec & MethodName]: Handler<M> };

export type Dispatch = (method: string, payload: unknown, ctx: CallContext) => Promise<Result<unknown>>;

/**
 * The single entry point both hosts use: validates the payload against the contract before any
 * service code runs (a malformed call is refused whole), then validates what the service returns.
 */
export function createDispatcher(handlers: Handlers, log: Logger): Dispatch {
  return async (method, payload, ctx) => {
    if (!isMethodName(method)) return fail('unknown-method', `unknown method ${method}`);
    const fromOutside = ctx.via === 'ipc' || ctx.via === 'http';
    if (TECHNICIAN_METHODS.has(method) && fromOutside && !ctx.technician) {
      log.warn('refused technician method', { method, via: ctx.via });
      return fail('forbidden', `${method} is for technicians`, { messageKey: 'errors.forbidden' });
    }
    const spec = kioskApi[method];
    const parsed = spec.input.safeParse(payload ?? {});
    if (!parsed.success) {
      log.warn('refused invalid call', { method, via: ctx.via, issues: parsed.error.issues.map((i) => i.path.join('.')) });
      return fail('invalid-request', `invalid arguments for ${method}`, {
        messageKey: 'errors.invalidRequest',
        details: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
      });
    }
    try {
      const handler = handlers[method] as (i: unknown, c: CallContext) => Promise<Result<unknown>> | Result<unknown>;
      const result = await handler(parsed.data, ctx);
      if (!result.ok) return result;
      const out = spec.output.safeParse(result.value);
      if (!out.success) {
        log.error('service returned a value outside its schema', { method, issues: out.error.issues.map((i) => i.path.join('.')) });
        return fail('invalid-response', `service answer for ${method} did not match the contract`);
      }
      return { ok: true, value: out.data };
    } catch (err) {
      log.error('handler threw', { method, error: err instanceof Error ? err : String(err) });
      return fail('internal', `internal error in ${method}`, { messageKey: 'errors.internal' });
    }
  };
}
