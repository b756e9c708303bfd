/**
 * Slows down guessing: after `limit` failures within `windowMs`, every attempt is refused until the
 * lockout ends, and each further round of failures doubles it. Each failure is reported to the log at
 * most once per window (a flood must not fill the disk).
 */
export class FailureThrottle {
  private failures: number[] = [];
  private lockedUntil = 0;
  private lockoutMs: number;
  private lastReported = -Infinity;

  constructor(
    private readonly o: { limit: number; windowMs: number; lockoutMs: number; maxLockoutMs: number; now?: () => number },
  ) {
    this.lockoutMs = o.lockoutMs;
  }

  private now(): number {
    return this.o.now?.() ?? Date.now();
  }

  /** Whether attempts are refused right now, and for how long still. */
  locked(): { locked: boolean; retryAfterMs: number } {
    const left = this.lockedUntil - this.now();
    return { locked: left > 0, retryAfterMs: Math.max(0, left) };
  }

  /** Records a failure; returns whether it should be logged (the first of its window). */
  fail(): boolean {
    const now = this.now();
    this.failures = this.failures.filter((t) => now - t < this.o.windowMs);
    this.failures.push(now);
    if (this.failures.length >= this.o.limit) {
      this.lockedUntil = now + this.lockoutMs;
      this.lockoutMs = Math.min(this.lockoutMs * 2, this.o.maxLockoutMs);
      this.failures = [];
    }
    const report = now - this.lastReported >= this.o.windowMs;
    if (report) this.lastReported = now;
    return report;
  }

  succeed(): void {
    this.failures = [];
    this.lockoutMs = this.o.lockoutMs;
  }
}
