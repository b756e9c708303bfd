import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fail, ok, type Health, type Result } from '../../contract';
import type { adminApi, Diagnostics, RecoveryAction } from '../../contract/api/admin';
import type { AreaDeps, ServiceArea } from '../area';
import type { CallContext } from '../bridge/dispatcher';
import type { NotReadyReason } from '../config';
import type { DevicesPort } from '../devices/area';
import { AdminSessions, type AdminEndReason } from './admin-session';
import { AuditLog, type AuditDetail } from './audit';
import type { ExperienceRecorder } from './experience-run';
import { CLOCK_SKEW_LIMIT_MS, isSkewed, readServerClock, type ClockReading } from './clock';
import type { StoreRecovery } from './db-recovery';
import { listExportTargets, redactedLogs, writeExport } from './export';
import { PinLockout } from './lockout';
import type { AppUpdates } from './app-update/machine';
import { PinStore, pinFile } from './pin';
import { RendererWatch } from './safe-mode';
import { readDocumentCamera, writeDocumentCamera } from '../capture/camera-setting';

/** Idle time after which admin mode leaves by itself. */
export const ADMIN_IDLE_MS = 60_000;

export const adminDir = (dataDir: string): string => path.join(dataDir, 'admin');

/** What the content area tells diagnostics (from its own status call). */
export interface ContentDiagnostics {
  readonly version: number | null;
  readonly sample: boolean;
  readonly expires: string | null;
  readonly lastCheck: string | null;
  readonly lastRejected: { at: string; reason: string; message: string } | null;
}

export interface OutboxPort {
  status(): Diagnostics['outbox'];
  retry(receiptId: string): boolean;
  discard(receiptId: string): boolean;
}


export interface AdminAreaOptions {
  /** Whether any other area holds something of a person (a session is open). */
  readonly personSession: () => boolean;
  readonly devices: DevicesPort;
  readonly outbox: OutboxPort;
  readonly content: () => Promise<ContentDiagnostics>;
  readonly platform: () => { url: string | null; reachable: boolean | null };
  readonly health: () => Health;
  /** Back to the content the kiosk carries itself (the demo's sample; a production build's embedded bundle). */
  readonly revertContent?: () => Promise<string>;
  /** The database's last rebuild (diagnostics), and whether it happened at this start (audited once). */
  readonly storeRecovery: StoreRecovery | null;
  readonly storeRebuiltNow: boolean;
  /** Signed app updates (A/B), when this kiosk takes them (KIOSK_APP_SLOTS_DIR). */
  readonly updates?: AppUpdates;
  /** How long a build on trial has to pass its start-up self-check (default 2 minutes). */
  readonly selfCheckMs?: number;
  /** How often the update channel is asked for app builds (default 10 minutes). */
  readonly updatePollMs?: number;
  /** Tests: a fake clock for lockouts and the crash-loop window. */
  readonly now?: () => number;
  /** 政务服务体验员 runs, and whether this kiosk can send one anywhere (a fleet console with its outbox). */
  readonly experience?: { readonly recorder: ExperienceRecorder; readonly available: () => boolean };
}

export interface AdminArea extends ServiceArea<typeof adminApi> {
  /** A renderer (re)started (its `session.end renderer-start`): counted for diagnostics. */
  rendererStarted(): void;
  /** Safe mode, for the composition root: devices stay off and the kiosk shows its maintenance screen. */
  readonly safeMode: () => boolean;
  /** Reasons that hold in every profile (safe mode), and the clock, which production acts on. */
  blocking(): NotReadyReason[];
  /** A host reports a renderer restarted after a crash or a hang (the Electron shell). */
  rendererRestarted(cause: 'crash' | 'hang'): Promise<void>;
  /** Clock readings against the platform and the content server, refreshed in the background. */
  clock(): ClockReading[];
  /** Whether a technician is in admin mode (an app update does not switch under them either). */
  adminActive(): boolean;
}

const summaryLine = (d: Diagnostics): string => {
  const dev = d.devices.map((x) => `${x.role}=${x.condition && x.condition !== 'ok' ? x.condition : x.state}`).join(',');
  const clock = d.clock.worstOffsetMs === null ? '?' : `${Math.round(d.clock.worstOffsetMs / 1000)}s`;
  return [
    `ZWK ${d.kioskId}`,
    `app ${d.app.version}`,
    `content ${d.content.version ?? '-'}`,
    `platform ${d.platform.reachable === null ? '?' : d.platform.reachable ? 'up' : 'down'}`,
    `clock ${clock}`,
    `outbox ${d.outbox.depth}/${d.outbox.deadLetters.length}`,
    `devices ${dev}`,
    d.safeMode.on ? 'SAFE-MODE' : null,
    d.reasons.length ? `not-ready ${d.reasons.map((r) => r.code).join(',')}` : null,
  ]
    .filter(Boolean)
    .join(' | ');
};

/**
 * Admin mode for hall technicians: PIN login with lockout, one admin session held by the services,
 * devices (ports, assignment, self-tests), diagnostics, export, recovery and safe mode. Every action is
 * written to the audit log; nothing personal is in it.
 */
export function createAdminArea(deps: AreaDeps, o: AdminAreaOptions): AdminArea {
  const { config, log, bus } = deps;
  const dir = adminDir(config.dataDir);
  const now = o.now ?? Date.now;
  const pins = new PinStore(pinFile(config.dataDir));
  const lockout = new PinLockout(path.join(dir, 'lockout.json'), { attempts: 3, baseMs: config.admin.lockoutSeconds * 1000, maxMs: 15 * 60_000 }, now);
  const audit = new AuditLog(path.join(dir, 'audit.jsonl'), log.redactor);
  const watch = new RendererWatch(path.join(dir, 'safe-mode.json'), now);
  const sessions = new AdminSessions(ADMIN_IDLE_MS, (reason: AdminEndReason) => {
    o.devices.selfTests.cancelAll();
    audit.record('admin.leave', reason);
    bus.publish({ type: 'admin.ended', reason });
    // A 体验员 run set up in admin mode starts as the kiosk goes back to the public screens.
    if (o.experience?.recorder.begin()) audit.record('experience.start', 'walking', { runId: o.experience.recorder.view()?.runId ?? null });
    // A staged app build waited for the technician too.
    queueMicrotask(() => o.updates?.sessionEnded());
  });
  let updateTimer: NodeJS.Timeout | null = null;
  let clockReadings: ClockReading[] = [];
  let clockTimer: NodeJS.Timeout | null = null;
  const started = now();

  /** Admin calls need the open admin session; scripts with the technician token and in-process calls do not. */
  const authorize = (token: string | undefined, ctx: CallContext): Result<never> | null => {
    if (ctx.technician || ctx.via === 'internal' || ctx.via === 'test') return null;
    if (o.personSession()) {
      sessions.end('person');
      return fail('forbidden', "a person's session is open: admin mode waits until it ends", { messageKey: 'admin.errors.personSession' });
    }
    if (!sessions.check(token)) return fail('forbidden', 'admin mode is not open (or left after an idle minute)', { messageKey: 'admin.errors.notInAdmin' });
    return null;
  };
  const guarded =
    <I extends { adminSession?: string | undefined }, R>(f: (input: I, ctx: CallContext) => Promise<Result<R>> | Result<R>) =>
    async (input: I, ctx: CallContext): Promise<Result<R>> =>
      authorize(input.adminSession, ctx) ?? f(input, ctx);

  const refreshClock = async (): Promise<ClockReading[]> => {
    const targets: Array<[ClockReading['source'], string]> = [];
    const platformUrl = o.platform().url;
    if (platformUrl) targets.push(['platform', `${platformUrl}/v1/health`]);
    const contentUrl = config.content.url;
    if (contentUrl) targets.push(['content', contentUrl]);
    clockReadings = await Promise.all(targets.map(([source, url]) => readServerClock(source, url)));
    const skewed = clockReadings.filter(isSkewed);
    if (skewed.length > 0) log.warn('kiosk clock is off', { offsets: skewed.map((r) => ({ source: r.source, offsetMs: r.offsetMs })) });
    return clockReadings;
  };

  const safeModeOn = async (reason: string): Promise<void> => {
    log.error('safe mode: devices off, maintenance screen', { reason });
    audit.record('safe-mode.enter', 'on', { reason: reason.slice(0, 200) });
    await o.devices.switchOff();
    bus.publish({ type: 'kiosk.reload', reason: 'safe-mode' });
  };

  const diagnostics = async (checkClock: boolean): Promise<Diagnostics> => {
    if (checkClock || clockReadings.length === 0) await refreshClock();
    const health = o.health();
    const content = await o.content();
    const platform = o.platform();
    let disk: { free: number | null; total: number | null } = { free: null, total: null };
    try {
      const s = fs.statfsSync(config.dataDir);
      disk = { free: s.bavail * s.bsize, total: s.blocks * s.bsize };
    } catch {
      // Not every platform answers statfs.
    }
    const offsets = clockReadings.flatMap((r) => (r.offsetMs === null ? [] : [r.offsetMs]));
    const worst = offsets.length ? offsets.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a)) : null;
    const u = o.updates?.status();
    const update = u
      ? { slot: u.slot, update: [u.phase !== 'idle' ? `${u.phase}: ${u.detail}` : null, u.last ? `last ${u.last.outcome} ${u.last.version} (${u.last.detail})` : null].filter(Boolean).join('; ') || null }
      : { slot: null, update: null };
    return {
      kioskId: deps.kioskId,
      profile: config.profile,
      app: { version: config.version, slot: update.slot, update: update.update },
      content: { version: content.version, sample: content.sample, expires: content.expires, lastCheck: content.lastCheck, lastRejected: content.lastRejected },
      // The reading just taken says more than the link's last exchange: a platform that went down a second ago is down.
      platform: (() => {
        const reading = clockReadings.find((r) => r.source === 'platform');
        return { url: platform.url, reachable: reading ? reading.error === null : platform.reachable, latencyMs: reading?.latencyMs ?? null };
      })(),
      clock: { checks: clockReadings, skewed: clockReadings.some(isSkewed), worstOffsetMs: worst },
      outbox: o.outbox.status(),
      devices: health.devices,
      system: {
        diskFreeBytes: disk.free,
        diskTotalBytes: disk.total,
        memoryFreeBytes: os.freemem(),
        memoryTotalBytes: os.totalmem(),
        processRssBytes: process.memoryUsage().rss,
        uptimeSeconds: Math.round((now() - started) / 1000),
        systemUptimeSeconds: Math.round(os.uptime()),
      },
      renderer: watch.stats(),
      database: o.storeRecovery
        ? { rebuiltAt: o.storeRecovery.rebuiltAt, problem: o.storeRecovery.problem, outboxKept: o.storeRecovery.outboxKept, outboxLost: o.storeRecovery.outboxLost }
        : { rebuiltAt: null, problem: null, outboxKept: null, outboxLost: false },
      safeMode: watch.safeMode,
      reasons: health.reasons,
    };
  };

  const recover = async (action: RecoveryAction): Promise<{ done: boolean; detail: string }> => {
    switch (action) {
      case 'revert-content': {
        if (!o.revertContent) return { done: false, detail: 'this kiosk carries no embedded content to go back to' };
        const detail = await o.revertContent();
        bus.publish({ type: 'kiosk.reload', reason: 'recovery' });
        return { done: true, detail };
      }
      case 'reset-devices': {
        const { mode } = await o.devices.reset();
        return { done: true, detail: `device assignment cleared; devices now ${mode}` };
      }
      case 'restart-renderer':
        // The Electron shell reloads its window on this event; a Chromium kiosk's page reloads itself.
        bus.publish({ type: 'kiosk.reload', reason: 'technician' });
        return { done: true, detail: 'the screen restarts' };
      case 'leave-safe-mode': {
        if (!watch.safeMode.on) return { done: false, detail: 'the kiosk is not in safe mode' };
        watch.leave();
        await o.devices.switchOn();
        bus.publish({ type: 'kiosk.reload', reason: 'recovery' });
        return { done: true, detail: 'safe mode left: devices on' };
      }
    }
  };

  const record = (action: string, outcome: string, detail: AuditDetail = {}): void => void audit.record(action, outcome, detail);

  // A card on the reader is a person: admin mode gives way at once.
  const unsubscribe = bus.subscribe((event) => {
    if (event.type === 'card.read' && sessions.active && o.personSession()) sessions.end('person');
    // A self-test moves because the technician pressed a pad key, placed a card or printed: activity,
    // so admin mode does not close under a technician working the devices rather than the screen.
    if (event.type === 'admin.selfTest') sessions.activity();
    // A self-test's end is a technician action too (its start is recorded by the handler).
    if (event.type === 'admin.selfTest' && event.result.outcome !== 'running') {
      record('devices.selfTest', event.result.outcome, { kind: event.result.kind, detail: event.result.detail.slice(0, 200) });
    }
  });

  const status = () => ({
    pinSet: pins.isSet(),
    lockedForMs: lockout.lockedForMs(),
    attemptsLeft: lockout.attemptsLeft(),
    personSessionOpen: o.personSession(),
    safeMode: watch.safeMode,
    idleSeconds: ADMIN_IDLE_MS / 1000,
  });

  return {
    handlers: {
      'admin.status': () => ok(status()),
      'admin.login': async ({ pin }) => {
        if (!pins.isSet()) {
          record('admin.login', 'no-pin');
          return fail('rejected', 'no admin PIN is set: set one with kiosk-admin set-pin', { messageKey: 'admin.errors.noPin' });
        }
        const locked = lockout.lockedForMs();
        if (locked > 0) {
          record('admin.login', 'locked', { retryInSeconds: Math.ceil(locked / 1000) });
          return fail('rejected', `locked after wrong PINs: try again in ${Math.ceil(locked / 1000)} s`, { messageKey: 'admin.errors.locked', details: [String(locked)] });
        }
        if (o.personSession()) {
          record('admin.login', 'person-session');
          return fail('rejected', "a person's session is open", { messageKey: 'admin.errors.personSession' });
        }
        if (!(await pins.matches(pin))) {
          const lockedFor = lockout.failed();
          record('admin.login', 'wrong-pin', { lockedForSeconds: Math.ceil(lockedFor / 1000) });
          return lockedFor > 0
            ? fail('rejected', `wrong PIN: locked for ${Math.ceil(lockedFor / 1000)} s`, { messageKey: 'admin.errors.locked', details: [String(lockedFor)] })
            : fail('rejected', 'wrong PIN', { messageKey: 'admin.errors.wrongPin', details: [String(lockout.attemptsLeft())] });
        }
        lockout.succeeded();
        const adminSession = sessions.open();
        record('admin.login', 'ok');
        return ok({ adminSession, idleSeconds: ADMIN_IDLE_MS / 1000 });
      },
      'admin.logout': guarded(() => ok({ ended: sessions.end('logout') })),
      'admin.touch': guarded(() => ok({ idleSeconds: Math.ceil(sessions.remainingMs() / 1000) || ADMIN_IDLE_MS / 1000 })),
      'admin.ports': guarded(async ({ probe }) => {
        const ports = await o.devices.listPorts(probe);
        if (probe) record('devices.probe', 'done', { ports: ports.length, answered: ports.filter((p) => p.answered).length });
        return ok({ ports });
      }),
      'admin.assign': guarded(async ({ devices }) => {
        const saved = await o.devices.assign(devices);
        record('devices.assign', 'saved', Object.fromEntries(saved.devices.map((d) => [d.role, `${d.path} @${d.baudRate}`])));
        return ok(saved);
      }),
      'admin.devices': guarded(() => ok(o.devices.overview())),
      'admin.camera': guarded(({ camera }) => {
        writeDocumentCamera(deps.db, camera);
        // The label is the camera's model name, nothing personal.
        record('capture.camera', camera ? 'saved' : 'cleared', camera ? { label: camera.label } : {});
        return ok({ camera: readDocumentCamera(deps.db) });
      }),
      'admin.selfTest': guarded(({ kind }) => {
        record('devices.selfTest', 'started', { kind });
        return ok(o.devices.selfTests.start(kind));
      }),
      'admin.selfTestCancel': guarded(({ testId }) => ok({ cancelled: o.devices.selfTests.cancel(testId) })),
      'admin.diagnostics': guarded(async ({ checkClock }) => ok(await diagnostics(checkClock))),
      'admin.outboxRetry': guarded(({ receiptId }) => {
        const requeued = o.outbox.retry(receiptId);
        record('outbox.retry', requeued ? 'requeued' : 'not-found', { receiptId });
        return ok({ requeued });
      }),
      'admin.outboxDiscard': guarded(({ receiptId }) => {
        const discarded = o.outbox.discard(receiptId);
        record('outbox.discard', discarded ? 'discarded' : 'not-found', { receiptId });
        return ok({ discarded });
      }),
      'admin.exportTargets': guarded(() => ok({ targets: listExportTargets(config.admin.exportRoots, config.admin.exportNeedsMount) })),
      'admin.export': guarded(async ({ target }) => {
        // Only a target the kiosk offered: the page cannot name an arbitrary folder to write into.
        const offered = listExportTargets(config.admin.exportRoots, config.admin.exportNeedsMount).find((t) => t.path === target);
        if (!offered) return fail('rejected', 'not a removable medium the kiosk offered', { messageKey: 'admin.errors.exportTarget' });
        const d = await diagnostics(false);
        const summary = summaryLine(d);
        const stamp = new Date(now()).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
        const files = [
          { name: 'summary.txt', data: Buffer.from(`${summary}\n`) },
          { name: 'diagnostics.json', data: Buffer.from(log.redactor.redact(JSON.stringify(d, null, 2))) },
          { name: 'audit.jsonl', data: Buffer.from(audit.list(10_000).reverse().map((e) => JSON.stringify(e)).join('\n')) },
          ...redactedLogs(path.join(config.dataDir, 'logs'), log.redactor),
        ];
        try {
          const written = writeExport(offered.path, `kiosk-${deps.kioskId}-${stamp}.tar.gz`, files);
          record('export', 'written', { target: offered.label, bytes: written.bytes });
          return ok({ ...written, summary });
        } catch (err) {
          record('export', 'failed', { target: offered.label });
          return fail('unavailable', `could not write the export: ${err instanceof Error ? err.message : String(err)}`, { messageKey: 'admin.errors.exportFailed' });
        }
      }),
      'admin.recover': guarded(async ({ action }) => {
        const r = await recover(action);
        record('recover', r.done ? 'done' : 'refused', { action, detail: r.detail.slice(0, 200) });
        return ok({ action, ...r });
      }),
      'admin.audit': guarded(() => ok({ entries: audit.list(100) })),
      'admin.experienceStart': guarded(({ officerCode }) => {
        if (!o.experience?.available()) return fail('unavailable', 'this kiosk has no fleet console to send a run to', { messageKey: 'admin.experience.noConsole' });
        const r = o.experience.recorder.arm(officerCode);
        record('experience.arm', r.ok ? 'armed' : 'refused', { officerCode, runId: r.ok ? r.value.runId : null });
        return r;
      }),
      'admin.experienceCancel': guarded(() => {
        const cancelled = o.experience?.recorder.cancel() ?? false;
        if (cancelled) record('experience.cancel', 'cancelled');
        return ok({ cancelled });
      }),
      'admin.rendererRestarted': async ({ cause }) => {
        const loop = watch.restarted(cause);
        log.warn('renderer restarted', { cause, restarts: watch.stats().restarts });
        if (loop) await safeModeOn(watch.safeMode.reason ?? 'crash loop');
        return ok({ restarts: watch.stats().restarts, safeMode: watch.safeMode.on });
      },
    },
    rendererStarted: () => watch.started(),
    rendererRestarted: async (cause) => {
      if (watch.restarted(cause)) await safeModeOn(watch.safeMode.reason ?? 'crash loop');
    },
    safeMode: () => watch.safeMode.on,
    clock: () => clockReadings,
    adminActive: () => sessions.active,
    sessionEnded: () => o.updates?.sessionEnded(),
    blocking: () => {
      const reasons: NotReadyReason[] = [];
      if (watch.safeMode.on) reasons.push({ code: 'safe-mode', message: `safe mode: ${watch.safeMode.reason ?? 'set by a technician'}; a technician leaves it in admin mode` });
      return reasons;
    },
    notReady: () => {
      const skewed = clockReadings.filter(isSkewed);
      return skewed.length === 0
        ? []
        : [{ code: 'clock-skewed', message: `the kiosk's clock differs from the ${skewed.map((r) => `${r.source}'s by ${Math.round((r.offsetMs ?? 0) / 1000)} s`).join(' and the ')} (limit ${CLOCK_SKEW_LIMIT_MS / 1000} s)` }];
    },
    start: async () => {
      if (watch.safeMode.on) log.warn('starting in safe mode', { reason: watch.safeMode.reason });
      if (o.storeRecovery && o.storeRebuiltNow) record('database.rebuilt', 'seen', { outboxKept: o.storeRecovery.outboxKept, outboxLost: o.storeRecovery.outboxLost });
      // The clock is read shortly after start (the platform simulator may still be coming up), then every 10 minutes.
      const loop = (delay: number): void => {
        clockTimer = setTimeout(() => void refreshClock().finally(() => clockTimer && loop(10 * 60_000)), delay);
        clockTimer.unref();
      };
      loop(2_000);
      const updates = o.updates;
      if (updates) {
        // A build on trial proves itself: the services started (we are here), a screen came up on them,
        // and it is not crash-looping. Then it commits, or goes back to the build before.
        void updates
          .startupSelfCheck(() => {
            const stats = watch.stats();
            if (watch.safeMode.on) return { ok: false, detail: 'the screen crash-looped into safe mode' };
            return stats.starts > 0 ? { ok: true, detail: 'a screen started' } : { ok: false, detail: 'no screen started on the new build' };
          }, o.selfCheckMs ?? 120_000)
          .then((r) => r !== 'not-on-trial' && record('app.update', r, { version: config.version }));
        const poll = (): void => {
          updateTimer = setTimeout(() => void updates.check().finally(() => updateTimer && poll()), o.updatePollMs ?? 10 * 60_000);
          updateTimer.unref();
        };
        void updates.check();
        poll();
      }
    },
    stop: async () => {
      if (clockTimer) clearTimeout(clockTimer);
      clockTimer = null;
      if (updateTimer) clearTimeout(updateTimer);
      updateTimer = null;
      // A run set up and not started does not start because the kiosk shuts down.
      o.experience?.recorder.cancel();
      sessions.end('logout');
      unsubscribe();
    },
  };
}
