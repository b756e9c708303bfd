import { createHash } from 'node:crypto';

/** Crockford's base32 without I, L, O, U: nothing a person misreads on paper. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Six characters that stand for this kiosk on its slips (different kiosks, different slips). */
export function kioskSlipCode(kioskId: string): string {
  const digest = createHash('sha256').update(kioskId).digest();
  let out = '';
  for (let i = 0; i < 6; i++) out += ALPHABET[digest[i]! % 32];
  return out;
}

/** Today in China (UTC+8) as yymmdd: a slip says when it was written. */
export const slipDay = (now: Date): string => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(2, 10).replace(/-/g, '');

/**
 * A filing's slip number, e.g. `Q7K2XZ-261204-0003`: the kiosk, the day and the day's count. Printed
 * on the 暂存凭条 while it waits and sent with the application, so any kiosk finds it by this number.
 */
export function slipNumberFor(kioskId: string, now: Date, lastOfDay: string | null): string {
  const prefix = `${kioskSlipCode(kioskId)}-${slipDay(now)}-`;
  const last = lastOfDay?.startsWith(prefix) ? Number(lastOfDay.slice(prefix.length)) : 0;
  return `${prefix}${String(last + 1).padStart(4, '0')}`;
}
