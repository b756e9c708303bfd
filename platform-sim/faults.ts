import { z } from 'zod';

/**
 * Failure injection, set through POST /_control/faults. Applies to /v1 requests only (never to the
 * control endpoints), optionally only to paths starting with `pathPrefix`, for `count` requests.
 */
export const faultSpec = z.object({
  mode: z.enum([
    'none',
    'down', // connection reset before anything is read: the platform is unreachable
    'slow', // answer after delayMs
    'error', // answer with `status` (default 503) and an error body
    'timeout', // accept the connection, never answer
    'duplicate', // process the request, then drop the connection: the kiosk will retry → duplicate delivery
    'malformed', // 200 with a body the kiosk cannot use
  ]),
  delayMs: z.number().int().nonnegative().default(3000),
  status: z.number().int().min(400).max(599).default(503),
  malformed: z.enum(['wrong-shape', 'truncated', 'not-json']).default('wrong-shape'),
  pathPrefix: z.string().default('/v1/'),
  /** Number of matching requests to affect; omitted = until cleared. */
  count: z.number().int().positive().optional(),
});
export type FaultSpec = z.infer<typeof faultSpec>;

export class FaultSwitch {
  private spec: FaultSpec = faultSpec.parse({ mode: 'none' });
  private remaining: number | null = null;

  set(spec: FaultSpec): void {
    this.spec = spec;
    this.remaining = spec.count ?? null;
  }

  clear(): void {
    this.set(faultSpec.parse({ mode: 'none' }));
  }

  get current(): FaultSpec & { remaining: number | null } {
    return { ...this.spec, remaining: this.remaining };
  }

  /** The fault to apply to this request, consuming one of `count`. */
  take(path: string): FaultSpec | null {
    if (this.spec.mode === 'none' || !path.startsWith(this.spec.pathPrefix)) return null;
    if (this.remaining !== null) {
      if (this.remaining <= 0) return null;
      this.remaining -= 1;
    }
    return this.spec;
  }
}
