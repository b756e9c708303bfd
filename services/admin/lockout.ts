import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export interface LockoutPolicy {
  /** Wrong PINs in a row before a lockout (default 3). */
  readonly attempts: number;
  /** The first lockout; each further one doubles, up to `maxMs`. */
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { attempts: 3, baseMs: 30_000, maxMs: 15 * 60_000 };

const state = z.object({ failures: z.number().int().nonnegative(), lockouts: z.number().int().nonnegative(), lockedUntil: z.number() });
type State = z.infer<typeof state>;

/**
 * Wrong PINs lock admin mode with a growing backoff (30 s, 60 s, 2 min … 15 min). The state is kept in
 * a file, so pulling the plug does not give a guesser a fresh set of tries; only a right PIN resets it.
 */
export class PinLockout {
  private s: State;

  constructor(
    private readonly file: string,
    private readonly policy: LockoutPolicy = DEFAULT_LOCKOUT,
    private readonly now: () => number = Date.now,
  ) {
    let loaded: State = { failures: 0, lockouts: 0, lockedUntil: 0 };
    try {
      loaded = state.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    } catch {
      // No file yet, or a damaged one: start counting (a damaged file cannot grant more than a fresh start).
    }
    this.s = loaded;
  }

  /** Milliseconds until a PIN may be tried again (0: now). */
  lockedForMs(): number {
    return Math.max(0, this.s.lockedUntil - this.now());
  }

  attemptsLeft(): number {
    return Math.max(0, this.policy.attempts - this.s.failures);
  }

  /** Records a wrong PIN; returns the lockout it started (0 when tries are left). */
  failed(): number {
    this.s.failures += 1;
    let lockedFor = 0;
    if (this.s.failures >= this.policy.attempts) {
      lockedFor = Math.min(this.policy.baseMs * 2 ** this.s.lockouts, this.policy.maxMs);
      this.s = { failures: 0, lockouts: this.s.lockouts + 1, lockedUntil: this.now() + lockedFor };
    }
    this.save();
    return lockedFor;
  }

  succeeded(): void {
    this.s = { failures: 0, lockouts: 0, lockedUntil: 0 };
    this.save();
  }

  private save(): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.s), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
  }
}
