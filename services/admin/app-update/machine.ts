import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../log/logger';
import { InstallRefused, type AbSlots, type SlotName } from './ab-slots';

/** An app build the operators signed (a target of kind `app` in the TUF repository). */
export interface AppTarget {
  readonly name: string;
  readonly version: string;
  readonly length: number;
  readonly sha256: string;
}

/** Where app builds come from: the signed update channel. `download` yields a file verified against the signed length and hash. */
export interface AppSource {
  /** The newest build this kiosk may take, or null. */
  latest(): Promise<AppTarget | null>;
  download(target: AppTarget, dest: string): Promise<void>;
}

export type UpdatePhase = 'idle' | 'downloading' | 'staged' | 'switching' | 'self-check' | 'failed';

export interface AppUpdateOptions {
  readonly source: AppSource;
  readonly slots: AbSlots;
  /** The build running now: its version and slot (KIOSK_APP_SLOT, given by the launcher). */
  readonly running: { readonly version: string; readonly slot: SlotName };
  /** Nobody is at the kiosk (no person's session, no technician in admin mode): a switch is allowed. */
  readonly isIdle: () => boolean;
  /** Ends this process so the launcher starts the build `state.json` now names; absent: wait for a restart. */
  readonly restart?: (reason: string) => void;
  readonly log: Logger;
  /** Orders versions (semantic versions). */
  readonly newer: (candidate: string, than: string) => boolean;
}

/**
 * Signed app updates, as a state machine: a newer signed build is downloaded (verified by the channel),
 * staged into the spare slot (checked), switched to only while nobody is at the kiosk (an update never
 * interrupts a person), then the new build's start-up self-check commits it — or it goes back to the
 * build before, on a failed check or when it cannot start at all (the launcher counts its starts).
 */
export class AppUpdates {
  private phase: UpdatePhase = 'idle';
  private detail = '';
  private staged: { slot: 'a' | 'b'; version: string } | null = null;
  private busy: Promise<void> | null = null;

  constructor(private readonly o: AppUpdateOptions) {}

  status(): { phase: UpdatePhase; detail: string; slot: SlotName; version: string; last: ReturnType<AbSlots['read']>['last'] } {
    return { phase: this.phase, detail: this.detail, slot: this.o.running.slot, version: this.o.running.version, last: this.o.slots.read().last };
  }

  /** Looks for a newer build and brings it as far as it may go now. One check at a time. */
  check(): Promise<void> {
    this.busy ??= this.run().finally(() => {
      this.busy = null;
    });
    return this.busy;
  }

  private async run(): Promise<void> {
    if (this.phase === 'switching' || this.phase === 'self-check') return;
    if (this.staged) {
      this.trySwitch();
      return;
    }
    let target: AppTarget | null;
    try {
      target = await this.o.source.latest();
    } catch (err) {
      this.fail(`update channel: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    if (!target || !this.o.newer(target.version, this.o.running.version)) return;
    const last = this.o.slots.read().last;
    // A build that already failed its self-check here is not tried again; a newer one will be.
    if (last?.outcome === 'rolled-back' && last.version === target.version) return;
    this.phase = 'downloading';
    this.detail = `${target.version}`;
    const dest = path.join(this.o.slots.dir, 'download', path.basename(target.name));
    try {
      this.o.log.info('app update download', { version: target.version, bytes: target.length });
      await this.o.source.download(target, dest);
      const slot = this.o.slots.stage(dest, target.version);
      this.staged = { slot, version: target.version };
      this.phase = 'staged';
      this.detail = `${target.version} in slot ${slot}`;
      this.o.log.info('app update staged', { version: target.version, slot });
    } catch (err) {
      this.fail(err instanceof InstallRefused ? `refused: ${err.message}` : `download failed: ${err instanceof Error ? err.message : String(err)}`);
      return;
    } finally {
      fs.rmSync(dest, { force: true });
    }
    this.trySwitch();
  }

  /** Switches to the staged build if nobody is at the kiosk; otherwise waits (`sessionEnded`). */
  trySwitch(): boolean {
    if (!this.staged || this.phase !== 'staged' || !this.o.isIdle()) return false;
    this.o.slots.beginTrial(this.staged.slot);
    this.phase = 'switching';
    this.detail = `restarting into ${this.staged.version}`;
    this.o.log.warn('app update: switching between sessions', { version: this.staged.version, slot: this.staged.slot });
    this.o.restart?.(`app update ${this.staged.version}`);
    return true;
  }

  /** A session ended (or admin mode was left): a staged build may switch now. */
  sessionEnded(): void {
    this.trySwitch();
  }

  /**
   * At start: a build on trial checks itself. `check` is asked every second until it passes or
   * `withinMs` runs out; then the build commits, or rolls back and restarts into the build before.
   */
  async startupSelfCheck(check: () => { ok: boolean; detail: string }, withinMs: number, pollMs = 1_000): Promise<'committed' | 'rolled-back' | 'not-on-trial'> {
    const trial = this.o.slots.read().trial;
    if (!trial || trial.slot !== this.o.running.slot) return 'not-on-trial';
    this.phase = 'self-check';
    this.detail = `checking ${trial.version}`;
    const deadline = Date.now() + withinMs;
    let last = check();
    while (!last.ok && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, pollMs));
      last = check();
    }
    if (last.ok) {
      this.o.slots.commit();
      this.phase = 'idle';
      this.detail = `${trial.version} committed`;
      this.o.log.info('app update committed', { version: trial.version, slot: trial.slot });
      return 'committed';
    }
    this.o.slots.rollback(`start-up self-check failed: ${last.detail}`);
    this.phase = 'failed';
    this.detail = `self-check failed: ${last.detail}`;
    this.o.log.error('app update rolled back', { version: trial.version, detail: last.detail });
    this.o.restart?.(`rollback from ${trial.version}`);
    return 'rolled-back';
  }

  private fail(detail: string): void {
    this.phase = 'failed';
    this.detail = detail;
    this.staged = null;
    this.o.log.warn('app update failed', { detail });
  }
}
