import { createHash } from 'node:crypto';
import type { RingSpec } from '../../shared/api';

/** A kiosk's place in "a share of the fleet" rings: 0..99, fixed by its id. */
export const bucketOf = (kioskId: string): number => createHash('sha256').update(kioskId).digest().readUInt32BE(0) % 100;

/** The first ring a kiosk belongs to (pilot halls, then a share of the fleet, then everyone). */
export function ringOf(rings: readonly RingSpec[], kiosk: { hallId: string | null; bucket: number }): number {
  const i = rings.findIndex((r) => ('halls' in r ? kiosk.hallId !== null && r.halls.includes(kiosk.hallId) : 'percent' in r ? kiosk.bucket < r.percent : true));
  return i === -1 ? rings.length - 1 : i;
}

/** SQL (over `kiosks k`) selecting the members of ring `index`: in it, and in no earlier ring. */
export function ringMembersSql(rings: readonly RingSpec[], index: number, firstParam: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const cond = (r: RingSpec): string => {
    if ('halls' in r) {
      params.push(r.halls);
      // A kiosk in no hall is in no pilot ring (NULL must not make NOT … unknown).
      return `COALESCE(k.hall_id = ANY($${firstParam + params.length - 1}::text[]), false)`;
    }
    if ('percent' in r) {
      params.push(r.percent);
      return `(k.bucket < $${firstParam + params.length - 1})`;
    }
    return 'true';
  };
  const own = cond(rings[index]!);
  const earlier = rings.slice(0, index).map((r) => `NOT ${cond(r)}`);
  return { sql: [own, ...earlier].join(' AND '), params };
}
