import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** A renderer restarted after a crash or a hang more than 3 times in 5 minutes is a crash loop. */
export const CRASH_LOOP = { restarts: 3, windowMs: 5 * 60_000 } as const;

const stored = z.object({ on: z.boolean(), reason: z.string().nullable(), since: z.string().nullable() });
export type SafeModeState = z.infer<typeof stored>;

/**
 * Counts renderer restarts after a crash or a hang (reported by the Electron shell or by the browser
 * supervisor of a Chromium kiosk) and puts the kiosk into safe mode on the fourth within five minutes:
 * devices off, maintenance screen, until a technician leaves it. Safe mode is kept in a file, so a kiosk
 * that keeps crashing does not come back out of it by restarting.
 */
export class RendererWatch {
  private restarts: number[] = [];
  private total = 0;
  private starts = 0;
  private last: string | null = null;
  private state: SafeModeState;

  constructor(
    private readonly file: string,
    private readonly now: () => number = Date.now,
  ) {
    let s: SafeModeState = { on: false, reason: null, since: null };
    try {
      s = stored.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    } catch {
      // Not in safe mode.
    }
    this.state = s;
  }

  /** A renderer (re)started, for whatever reason: counted for diagnostics only. */
  started(): void {
    this.starts += 1;
  }

  /** A renderer was restarted after a crash or hang; returns true when this makes a crash loop. */
  restarted(cause: 'crash' | 'hang'): boolean {
    const t = this.now();
    this.total += 1;
    this.last = new Date(t).toISOString();
    this.restarts = [...this.restarts.filter((r) => t - r < CRASH_LOOP.windowMs), t];
    if (this.restarts.length > CRASH_LOOP.restarts && !this.state.on) {
      this.set({ on: true, reason: `renderer restarted ${this.restarts.length} times in 5 minutes (last: ${cause})`, since: this.last });
      return true;
    }
    return false;
  }

  enter(reason: string): void {
    this.set({ on: true, reason, since: new Date(this.now()).toISOString() });
  }

  leave(): void {
    this.restarts = [];
    this.set({ on: false, reason: null, since: null });
  }

  get safeMode(): SafeModeState {
    return this.state;
  }

  stats(): { starts: number; restarts: number; lastRestart: string | null } {
    return { starts: this.starts, restarts: this.total, lastRestart: this.last };
  }

  private set(s: SafeModeState): void {
    this.state = s;
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(s), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
  }
}
