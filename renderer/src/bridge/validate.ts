import {
  kioskApi,
  kioskEvent,
  resultSchema,
  type KioskEvent,
  type MethodName,
  type MethodOutput,
  type Result,
} from '../../../contract';

/** The renderer validates every answer too: a host that sends something off-contract is an error. */
export function parseResult<M extends MethodName>(method: M, raw: unknown): Result<MethodOutput<M>> {
  const parsed = resultSchema(kioskApi[method].output).safeParse(raw);
  if (parsed.success) return parsed.data as Result<MethodOutput<M>>;
  return {
    ok: false,
    error: { code: 'invalid-response', messageKey: 'errors.internal', message: `answer to ${method} did not match the contract` },
  };
}

export function parseEvent(raw: unknown): KioskEvent | null {
  try {
    const parsed = kioskEvent.safeParse(typeof raw === 'string' ? JSON.parse(raw) : raw);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const transportFailure = (err: unknown): Result<never> => ({
  ok: false,
  error: {
    code: 'unavailable',
    messageKey: 'errors.unavailable',
    message: err instanceof Error ? err.message : 'the kiosk services did not answer',
  },
});
