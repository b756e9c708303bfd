import { fail, ok, type Result } from '../../contract';
import type { PlatformFailure, PlatformResult } from './client';

/** Maps a platform failure to the bridge's error vocabulary. */
export function platformError(f: PlatformFailure): Result<never> {
  if (f.status === 404) return fail('not-found', f.message, { messageKey: 'platform.notFound' });
  if (f.kind === 'http' && !f.retryable) return fail('rejected', f.message, { messageKey: 'platform.rejected', ...(f.code ? { details: [f.code] } : {}) });
  return fail('unavailable', f.message, { messageKey: 'platform.unavailable', details: [f.kind] });
}

export const offline = (): Result<never> => fail('unavailable', 'the platform is not configured or not started', { messageKey: 'platform.unavailable' });

export const from = <T>(r: PlatformResult<T>): Result<T> => (r.ok ? ok(r.value) : platformError(r.failure));
