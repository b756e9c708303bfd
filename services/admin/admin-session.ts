import { randomBytes, timingSafeEqual } from 'node:crypto';

export type AdminEndReason = 'idle' | 'logout' | 'person';

/**
 * The one admin session a kiosk can have. The token goes to the page that entered the PIN and must
 * come back with every admin call; the services alone decide whether it is still good. It ends after
 * `idleMs` without a call (a technician who walked away leaves no open admin screen behind) and at once
 * when a person's session opens.
 */
export class AdminSessions {
  private token: Buffer | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastSeen = 0;

  constructor(
    private readonly idleMs: number,
    private readonly onEnd: (reason: AdminEndReason) => void,
  ) {}

  get active(): boolean {
    return this.token !== null;
  }

  /** Starts a session (ending any other one) and returns its token. */
  open(): string {
    this.clear();
    const token = randomBytes(32);
    this.token = token;
    this.touch();
    return token.toString('base64url');
  }

  /** Whether `candidate` is the open session's token; a match counts as activity. */
  check(candidate: string | undefined): boolean {
    if (!this.token || !candidate) return false;
    const presented = Buffer.from(candidate, 'base64url');
    if (presented.length !== this.token.length || !timingSafeEqual(presented, this.token)) return false;
    this.touch();
    return true;
  }

  /** Milliseconds of the idle minute left (0 when no session is open). */
  remainingMs(): number {
    return this.token ? Math.max(0, this.lastSeen + this.idleMs - Date.now()) : 0;
  }

  end(reason: AdminEndReason): boolean {
    if (!this.token) return false;
    this.clear();
    this.onEnd(reason);
    return true;
  }

  /** The technician did something at the kiosk other than an admin call (a key on the pad in a self-test). */
  activity(): void {
    if (this.token) this.touch();
  }

  private touch(): void {
    this.lastSeen = Date.now();
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.end('idle'), this.idleMs);
    this.timer.unref?.();
  }

  private clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.token = null;
  }
}
