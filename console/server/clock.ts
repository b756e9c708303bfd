/** The console's sense of time. Deadlines (offline after three missed beats, command expiry) read it, so tests can move it. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told to (tests). */
export class ManualClock implements Clock {
  constructor(private t = Date.now()) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** Real time, moved ahead on demand: kiosks that sign with the real clock keep working while a deadline is jumped to (tests). */
export class ShiftedClock implements Clock {
  private shift = 0;
  now(): number {
    return Date.now() + this.shift;
  }
  advance(ms: number): void {
    this.shift += ms;
  }
}
