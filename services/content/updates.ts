import fs from 'node:fs';
import path from 'node:path';
import type { ContentFreshness } from '../../contract';
import { BundleRejected } from '../../content-bundle/channel/rejection';
import type { SignedTarget } from '../../content-bundle/channel/targets';
import { earliestExpiry, UpdateChannel } from '../../content-bundle/channel/update-channel';
import type { Logger } from '../log/logger';
import type { ContentStore } from './store';

type ContentTarget = Extract<SignedTarget, { kind: 'content' }>;

export interface ContentUpdatesOptions {
  readonly store: ContentStore;
  readonly log: Logger;
  /** The repository the kiosk polls; null: updates come only from a directory (or the demo's sample). */
  readonly url: string | null;
  /** How long expired content may still be shown (the hall decides; `KIOSK_CONTENT_GRACE_HOURS`). */
  readonly graceMs: number;
  /** A person is at the kiosk: content never switches under them. */
  readonly sessionInProgress: () => boolean;
  /** Installs a verified file: serialised with every other apply by the area. */
  readonly install: (verified: { version: number; contentFile: string; trusted: Parameters<ContentStore['install']>[0]['trusted'] }, source: string) => Promise<{ version: number }>;
  readonly onRejected: (r: BundleRejected, source: string) => void;
  readonly idleTimeoutMs?: number;
  readonly now?: () => Date;
}

/**
 * The kiosk side of the update channel for content: every poll refreshes the TUF metadata (expiry and
 * freeze checked each time, and at start), picks the newest signed content version this kiosk may take
 * (an operator's staged rollout may hold it back), waits for the end of a person's session, downloads
 * it bounded by its signed length, and installs it. Freshness is kept for `/healthz` and diagnostics.
 */
export class ContentUpdates {
  private lastCheck: string | null = null;
  private lastRejected: ContentFreshness['lastRejected'] = null;
  /** The newest version the fleet's rollout lets this kiosk take; null: the newest signed. */
  private offered: number | null = null;
  private pending: ContentTarget | null = null;
  private running: Promise<void> | null = null;
  private readonly channel: UpdateChannel | null;

  constructor(private readonly o: ContentUpdatesOptions) {
    this.channel = o.url
      ? new UpdateChannel(
          { kind: 'http', baseUrl: o.url, ...(o.idleTimeoutMs !== undefined ? { idleTimeoutMs: o.idleTimeoutMs } : {}) },
          path.join(o.store.dir, 'channel'),
        )
      : null;
  }

  private now(): Date {
    return this.o.now?.() ?? new Date();
  }

  /** What `/healthz`, diagnostics and the console see of the installed content's freshness. */
  freshness(): ContentFreshness {
    const s = this.o.store.state();
    const expires = earliestExpiry(s.trusted);
    const graceUntil = expires ? new Date(Date.parse(expires) + this.o.graceMs).toISOString() : null;
    const now = this.now().toISOString();
    const expired = expires !== null && expires <= now;
    const state: ContentFreshness['state'] =
      s.currentVersion === null ? 'none' : expired ? 'expired' : this.lastRejected && this.lastCheck && this.lastRejected.at >= (s.lastRefresh ?? '') ? 'stale' : 'fresh';
    return {
      state,
      expires,
      graceUntil,
      servable: s.currentVersion !== null && (!expired || (graceUntil !== null && now < graceUntil)),
      lastRefresh: s.lastRefresh,
      lastCheck: this.lastCheck,
      lastRejected: this.lastRejected,
    };
  }

  /** The fleet's rollout: the newest version this kiosk may take (null: the newest signed). */
  offer(version: number | null): void {
    this.offered = version;
  }

  /** Polls now (a timer, a console command, the end of a session); one poll at a time. */
  check(): Promise<void> {
    this.running ??= this.poll().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** The person has left: install what was held back for them. */
  sessionEnded(): void {
    if (this.pending) void this.check();
  }

  private rejected(r: BundleRejected, source: string, recorded = false): void {
    const repeated = this.lastRejected?.reason === r.reason && this.lastRejected.message === r.message;
    this.lastRejected = { at: this.now().toISOString(), reason: r.reason, message: r.message.slice(0, 500) };
    // Once per distinct refusal, not at every poll of a mirror that keeps failing the same way.
    if (!repeated) {
      this.o.log.warn('content update refused', { reason: r.reason, message: r.message, source });
      if (!recorded) this.o.store.recordRejected(source, r);
      this.o.onRejected(r, source);
    }
  }

  private async poll(): Promise<void> {
    if (!this.channel || !this.o.url) return;
    const source = `url:${this.o.url}`;
    this.lastCheck = this.now().toISOString();
    const store = this.o.store;
    try {
      const refreshed = await this.channel.refresh(store.state().trusted);
      const installed = store.state().currentVersion ?? 0;
      const candidates = refreshed.targets.filter(
        (t): t is ContentTarget => t.kind === 'content' && t.version > installed && (this.offered === null || t.version <= this.offered),
      );
      const next = candidates.sort((a, b) => b.version - a.version)[0] ?? null;
      if (!next) {
        store.saveRefresh(refreshed.trusted, this.now());
        this.pending = null;
        this.lastRejected = null;
        return;
      }
      if (this.o.sessionInProgress()) {
        // Verified and waiting: installed when the person leaves (sessionEnded), never under them.
        store.saveRefresh(refreshed.trusted, this.now());
        this.pending = next;
        this.o.log.info('content update waits for the end of the session', { version: next.version });
        return;
      }
      const staging = store.stagingFile();
      try {
        this.o.log.info('content download', { version: next.version, bytes: next.length });
        await this.channel.fetch(next, staging);
        this.pending = null;
        try {
          await this.o.install({ version: next.version, contentFile: staging, trusted: refreshed.trusted }, source);
        } catch (err) {
          // The store recorded why (the content's own check, a rollback).
          this.rejected(err instanceof BundleRejected ? err : new BundleRejected('other', String(err)), source, true);
          return;
        }
        store.saveRefresh(store.state().trusted, this.now());
        this.lastRejected = null;
      } finally {
        fs.rmSync(staging, { force: true });
      }
    } catch (err) {
      this.rejected(err instanceof BundleRejected ? err : new BundleRejected('other', String(err)), source);
    } finally {
      this.channel.close();
    }
  }
}
