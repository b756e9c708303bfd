import type { Database } from 'better-sqlite3';
import type { QueueTicket, WindowType } from '../../platform-wire/model';
import type { Migration } from '../store/migrations';
import { slipDay } from './slip';

export const localQueueMigrations: Migration[] = [
  {
    area: 'platform',
    version: 5,
    name: 'local-queue-numbers',
    // The last number this kiosk issued itself per window and day: a restart never issues one twice.
    up: (db) => db.exec(`CREATE TABLE platform_local_queue (day TEXT NOT NULL, window_type TEXT NOT NULL, last INTEGER NOT NULL, PRIMARY KEY (day, window_type))`),
  },
];

/** The hall's numbering for windows the kiosk has not heard of (the simulator's; a platform answer overrides it). */
const DEFAULT_PREFIX: Record<WindowType, string> = { comprehensive: 'A', 'enterprise-start': 'B', tax: 'C', 'social-security': 'D', 'certificate-pickup': 'E', 'help-desk': 'H' };
/** Minutes per person to estimate the wait when the platform cannot say. */
const MINUTES_PER_PERSON = 8;

/**
 * 取号 while the platform is down: numbers from this kiosk's own range (KIOSK_QUEUE_LOCAL_RANGE, each
 * kiosk of a hall a different one), so the hall's queue goes on; the tickets go to the platform
 * through the outbox when it is back (reconciled in the order issued). How many wait is the last
 * count the platform gave, plus the numbers issued here since.
 */
export class LocalQueue {
  private readonly stmts;
  private readonly known = new Map<WindowType, { prefix: string; waiting: number }>();

  constructor(
    db: Database,
    private readonly range: { readonly from: number; readonly to: number },
    private readonly now: () => Date = () => new Date(),
  ) {
    this.stmts = {
      last: db.prepare('SELECT last FROM platform_local_queue WHERE day = ? AND window_type = ?'),
      set: db.prepare('INSERT INTO platform_local_queue (day, window_type, last) VALUES (?, ?, ?) ON CONFLICT (day, window_type) DO UPDATE SET last = excluded.last'),
    };
  }

  /** What the platform last said of its windows. */
  noteWindows(windows: ReadonlyArray<{ windowType: WindowType; waiting: number; prefix?: string | undefined }>): void {
    for (const w of windows) this.known.set(w.windowType, { prefix: w.prefix ?? this.known.get(w.windowType)?.prefix ?? DEFAULT_PREFIX[w.windowType], waiting: w.waiting });
  }

  /** A ticket the platform issued: one more waiting at its window. */
  noteTicket(t: QueueTicket): void {
    const k = this.known.get(t.windowType);
    this.known.set(t.windowType, { prefix: k?.prefix ?? t.ticketNumber.charAt(0), waiting: t.waitingAhead + 1 });
  }

  /** Issues the next number of this kiosk's range for a window (wrapping within the range). */
  issue(windowType: WindowType): QueueTicket {
    const now = this.now();
    const day = slipDay(now);
    const last = (this.stmts.last.get(day, windowType) as { last: number } | undefined)?.last ?? null;
    const n = last === null || last >= this.range.to ? this.range.from : last + 1;
    this.stmts.set.run(day, windowType, n);
    const k = this.known.get(windowType) ?? { prefix: DEFAULT_PREFIX[windowType], waiting: 0 };
    this.known.set(windowType, { ...k, waiting: k.waiting + 1 });
    return {
      ticketNumber: `${k.prefix}${String(n).padStart(3, '0')}`,
      windowType,
      waitingAhead: k.waiting,
      estimatedWaitMinutes: k.waiting * MINUTES_PER_PERSON,
      issuedAt: now.toISOString(),
      appointmentId: null,
      reconciled: false,
    };
  }
}
