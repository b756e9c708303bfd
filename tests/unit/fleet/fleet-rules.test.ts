import { describe, expect, it } from 'vitest';
import { assess } from '../../../console/server/fleet/assess';
import { isOpen, nextOpening } from '../../../console/server/fleet/opening-hours';
import { admit, NONCE_MEMORY } from '../../../console/server/fleet/replay-window';
import { bucketOf, ringOf } from '../../../console/server/fleet/rings';
import { healthOf, PROBLEM_KINDS } from '../../../console/shared/problems';
import { ROLES } from '../../../console/shared/roles';
import en from '../../../console/ui/src/i18n/en.json';
import zhCN from '../../../console/ui/src/i18n/zh-CN.json';
import { heartbeatOf } from '../../support/fleet-console';

const MIN = 60_000;
const NOW = Date.parse('2026-12-04T02:00:00Z');

describe('what a heartbeat says is wrong', () => {
  const problems = (change: Parameters<typeof heartbeatOf>[0], sentAt = NOW) => assess(heartbeatOf(change, sentAt), NOW, 60_000).problems;
  const device = (role: string, state: string, sinceAgoMs: number, condition?: string) => ({ role, state, since: new Date(NOW - sinceAgoMs).toISOString(), ...(condition ? { condition } : {}) });

  it('finds nothing in a healthy kiosk', () => {
    expect(problems({})).toEqual([]);
    expect(healthOf([])).toBe('green');
  });

  it('reads the printer: paper near its end is amber, out of paper or a fault is red', () => {
    expect(problems({ devices: [device('printer', 'ready', MIN, 'paper-near-end')] })).toEqual(['paper-near-end']);
    expect(healthOf(['paper-near-end'])).toBe('amber');
    expect(problems({ devices: [device('printer', 'ready', MIN, 'paper-out')] })).toEqual(['paper-out']);
    expect(problems({ devices: [device('printer', 'error', MIN, 'cover-open')] })).toEqual(['printer-fault']);
    expect(healthOf(['paper-out', 'dead-letters'])).toBe('red');
  });

  it('gives a disconnected device five minutes (on the console\'s clock) before it is a problem', () => {
    expect(problems({ devices: [device('scanner', 'disconnected', 4 * MIN)] })).toEqual([]);
    expect(problems({ devices: [device('scanner', 'disconnected', 5 * MIN)] })).toEqual(['device-disconnected:scanner']);
    // The kiosk's clock runs 2 minutes slow: its "since" is moved onto the console's clock first.
    const slow = assess(heartbeatOf({ devices: [{ role: 'pad', state: 'error', since: new Date(NOW - 2 * MIN - 4 * MIN).toISOString() }] }, NOW - 2 * MIN), NOW, 10 * MIN);
    expect(slow.problems).toEqual([]);
    expect(slow.clockOffsetMs).toBe(2 * MIN);
  });

  it('warns three days before the content expires, and is red once it has', () => {
    const expiring = (ms: number) => problems({ content: { version: 5, expires: new Date(NOW + ms).toISOString(), lastRefresh: null } });
    expect(expiring(4 * 86_400_000)).toEqual([]);
    expect(expiring(3 * 86_400_000)).toEqual(['content-expiring']);
    expect(expiring(-1)).toEqual(['content-expired']);
  });

  it('sees dead letters, a wrong clock, an update that failed and a kiosk on its maintenance screen', () => {
    expect(problems({ outbox: { pending: 3, dead: 0 } })).toEqual([]);
    expect(problems({ outbox: { pending: 0, dead: 1 } })).toEqual(['dead-letters']);
    expect(problems({}, NOW - 61_000)).toEqual(['clock-skew']);
    expect(problems({}, NOW + 59_000)).toEqual([]);
    expect(problems({ updates: { content: { offered: 6, failed: { version: 6, reason: 'hash', at: new Date(NOW).toISOString() } }, app: { offered: null, failed: null } } })).toEqual([
      'update-failed:content',
    ]);
    expect(problems({ ready: false, notReady: ['content-expired'] })).toEqual(['not-ready']);
  });
});

describe('the replay window of a kiosk', () => {
  const SKEW = 5 * MIN;
  it('admits each signed request once, and nothing signed before its floor', () => {
    const w0 = { recent: [], floor: NOW - MIN };
    const w1 = admit(w0, NOW, 'n1', NOW, SKEW)!;
    expect(w1.recent).toEqual([`${NOW}:n1`]);
    expect(admit(w1, NOW, 'n1', NOW, SKEW)).toBeNull();
    expect(admit(w1, NOW - 2 * MIN, 'n0', NOW, SKEW)).toBeNull();
    expect(admit(w1, NOW + 1, 'n2', NOW, SKEW)).not.toBeNull();
  });

  it('forgets what is too old to be accepted anyway, and raises its floor past what it must forget early', () => {
    let w = { recent: [] as readonly string[], floor: 0 };
    for (let i = 0; i < NONCE_MEMORY + 5; i++) w = admit(w, NOW + i, `n${i}`, NOW + i, SKEW)!;
    expect(w.recent).toHaveLength(NONCE_MEMORY);
    expect(w.floor).toBe(NOW + 5);
    // The dropped ones cannot come back.
    expect(admit(w, NOW + 2, 'n2', NOW + 40, SKEW)).toBeNull();
    // Six minutes on, the old entries are past the skew window and forgotten.
    expect(admit(w, NOW + 6 * MIN, 'late', NOW + 6 * MIN, SKEW)!.recent).toEqual([`${NOW + 6 * MIN}:late`]);
  });
});

describe('quiet hours: notifications wait for the hall to open', () => {
  const workdays = { schedule: 'workdays' as const, open: '09:00', close: '17:00' };
  // China Standard Time is UTC+8: 09:00 there is 01:00Z.
  it('is open on working days between its hours only', () => {
    expect(isOpen(workdays, Date.parse('2026-12-04T01:00:00Z'))).toBe(true); // Friday 09:00
    expect(isOpen(workdays, Date.parse('2026-12-04T08:59:00Z'))).toBe(true); // Friday 16:59
    expect(isOpen(workdays, Date.parse('2026-12-04T09:00:00Z'))).toBe(false); // Friday 17:00
    expect(isOpen(workdays, Date.parse('2026-12-05T03:00:00Z'))).toBe(false); // Saturday 11:00
  });

  it('follows the official calendar: National Day holidays are closed, a make-up working Sunday is open', () => {
    // 1 October 2025 (a Wednesday) is a holiday; the next working day is 9 October; Sunday 28 September 2025 was worked.
    expect(nextOpening(workdays, Date.parse('2025-10-01T02:00:00Z'))).toBe(Date.parse('2025-10-09T01:00:00Z'));
    expect(isOpen(workdays, Date.parse('2025-09-28T02:00:00Z'))).toBe(true);
    expect(nextOpening(workdays, Date.parse('2026-12-04T10:00:00Z'))).toBe(Date.parse('2026-12-07T01:00:00Z'));
  });

  it('lets a round-the-clock hall notify at once', () => {
    const always = { schedule: 'daily' as const, open: '00:00', close: '24:00' };
    const t = Date.parse('2026-12-05T19:30:00Z');
    expect(nextOpening(always, t)).toBe(t);
  });
});

describe('rings of a staged rollout', () => {
  const rings = [{ name: 'pilot', halls: ['nanhai'] }, { name: 'share', percent: 10 }, { name: 'all', all: true as const }];
  it('puts pilot-hall kiosks first, a fixed tenth of the rest second, everyone else last', () => {
    expect(ringOf(rings, { hallId: 'nanhai', bucket: 3 })).toBe(0);
    expect(ringOf(rings, { hallId: 'guicheng', bucket: 3 })).toBe(1);
    expect(ringOf(rings, { hallId: null, bucket: 57 })).toBe(2);
  });

  it('gives each kiosk a bucket of its own that never changes, spread over the fleet', () => {
    expect(bucketOf('kiosk-0001')).toBe(bucketOf('kiosk-0001'));
    const buckets = Array.from({ length: 2000 }, (_, i) => bucketOf(`kiosk-${i}`));
    const share = buckets.filter((b) => b < 10).length / buckets.length;
    expect(share).toBeGreaterThan(0.07);
    expect(share).toBeLessThan(0.13);
  });
});

describe('the console speaks zh-CN and English', () => {
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
  it('has every zh-CN text in English too, and a word for every problem and role', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
    for (const p of PROBLEM_KINDS) expect(zhCN.problems[p]).toMatch(/\S/);
    for (const r of ROLES) expect(en.roles[r]).toMatch(/\S/);
  });
});
