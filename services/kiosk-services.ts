import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Health, SessionEndReason } from '../contract';
import type { PhotoDecoder } from '../hardware';
import type { AreaDeps, ServiceArea } from './area';
import { createAdminArea } from './admin/area';
import { ExperienceRecorder, experienceHandlers } from './admin/experience-run';
import { openStoreWithRecovery } from './admin/db-recovery';
import { AbSlots } from './admin/app-update/ab-slots';
import { channelAppSource } from './admin/app-update/channel-source';
import { AppUpdates } from './admin/app-update/machine';
import { compareAppVersions } from '../content-bundle/channel/targets';
import { createApprovalArea } from './approval/area';
import { createDispatcher, type Dispatch, type Handlers } from './bridge/dispatcher';
import { EventBus } from './bridge/event-bus';
import { projectRoot, type KioskConfig, type NotReadyReason } from './config';
import { createContentArea, contentMigrations } from './content/area';
import { startPlatformSimulator } from './demo/platform-simulator';
import { buildSampleBundle, sampleVersion } from './demo/sample-content';
import { startSimulatedDevices } from './demo/simulated-devices';
import { createDevicesArea, devicesMigrations } from './devices/area';
import { createLogger, type Logger } from './log/logger';
import { createFleetArea, fleetMigrations } from './fleet/area';
import { createVideoArea } from './video/area';
import { createPlatformArea, platformMigrations } from './platform/area';
import { FileKeyProvider, StaticKeyProvider, type KeyProvider } from './platform/keys';
import type { SenderOptions } from './platform/sender';
import { createSessionArea } from './session/area';
import { resolveFaceCheck, type FaceCheckModule } from './session/face-check';
import { createCaptureArea } from './capture/area';
import { createSpeechArea } from './speech/area';
import { coreMigrations } from './store/core-migrations';
import { checkpoint, SettingsRepository, type Database } from './store/database';
import { createSystemArea } from './system/area';

export interface KioskServices {
  readonly dispatch: Dispatch;
  readonly bus: EventBus;
  readonly log: Logger;
  readonly db: Database;
  readonly kioskId: string;
  health(): Health;
  /** A host restarted its renderer after a crash or a hang (the Electron shell); a crash loop means safe mode. */
  rendererRestarted(cause: 'crash' | 'hang'): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** What a host may plug in: hooks that come from the platform the kiosk runs on, not from configuration. */
export interface KioskServicesOptions {
  /** The outbox key's keeper (the Electron shell: `safeStorage`); default: from the configuration. */
  readonly keyProvider?: KeyProvider;
  /** A licensed WLT photo decoder, when the kiosk vendor supplies one. */
  readonly photoDecoder?: PhotoDecoder;
  /**
   * Ends this process so the launcher starts the build the A/B state names (an app update switching,
   * or rolling back); without it a staged update waits for the next restart.
   */
  readonly restart?: (reason: string) => void;
  /** Shorter retry and probe intervals of the platform link (tests that take the platform down and up). */
  readonly platformTiming?: { readonly sender?: SenderOptions; readonly probeMs?: number };
  /** A picture of the screen for the fleet console's screenshot command (the Electron shell can take one). */
  readonly captureScreen?: () => Promise<Buffer>;
  /** Licensed 人证核验 modules installed with this build, by name; `KIOSK_FACE_CHECK_MODULE` picks one. */
  readonly faceCheckModules?: Readonly<Record<string, FaceCheckModule>>;
}

/** A kiosk keeps its identity across restarts: the platform and operators know it by this id. */
function persistentKioskId(db: Database, configured: string | null): string {
  const settings = new SettingsRepository(db);
  const id = configured ?? settings.get('kioskId') ?? `kiosk-${randomUUID().slice(0, 8)}`;
  settings.set('kioskId', id);
  return id;
}

export const allMigrations = [...coreMigrations, ...devicesMigrations, ...contentMigrations, ...platformMigrations, ...fleetMigrations];

/** The outbox key on the Node host, as the configuration says (production without one is not ready). */
function configuredKeyProvider(config: KioskConfig): KeyProvider | null {
  if (!config.outboxKey) return null;
  if ('base64' in config.outboxKey) return new StaticKeyProvider(config.outboxKey.base64);
  return new FileKeyProvider(config.outboxKey.file, path.join(config.dataDir, 'platform', 'outbox.key'));
}

/** Refuses to seal anything: production without a key keeps the kiosk on its maintenance screen. */
const noKey: KeyProvider = {
  outboxKey: () => {
    throw new Error('no outbox key is configured');
  },
  available: () => false,
};

/**
 * The composition root shared by both hosts (Electron main and the Node host): opens the store,
 * builds every area with the typed ports it needs from the others, and exposes one validated
 * dispatch function and one event bus. The demo profile's simulators are wired here and only here.
 */
export function createKioskServices(config: KioskConfig, options: KioskServicesOptions = {}): KioskServices {
  const log = createLogger({ file: path.join(config.dataDir, 'logs', 'kiosk.log'), echo: config.log.echo, level: config.log.level });
  // A database damaged by a power cut is rebuilt, keeping the outbox entries that can still be read.
  const { db, recovery: storeRecovery, rebuiltNow } = openStoreWithRecovery(config.dataDir, allMigrations, log.child('store'));
  const kioskId = persistentKioskId(db, config.kioskId);
  const bus = new EventBus();
  const deps: AreaDeps = { config, db, log, bus, kioskId };
  const demo = config.profile === 'demo';
  const keyProvider = options.keyProvider ?? configuredKeyProvider(config) ?? noKey;

  const faceCheck = resolveFaceCheck(config.faceCheckModule, options.faceCheckModules ?? {});
  if (faceCheck.missing) log.warn('the configured face-check module is not installed: the face check is off', { module: faceCheck.missing });
  const session = createSessionArea({ ...deps, log: log.child('session') }, { faceCheck: faceCheck.module });
  const devices = createDevicesArea(
    { ...deps, log: log.child('devices') },
    {
      cards: session.cards,
      // The demo's reader behaves as the configuration says readers do (KIOSK_READER_REMOVAL).
      ...(demo ? { simulators: () => startSimulatedDevices(config.dataDir, { readerWontRefind: config.devices.readerRemoval === 'unreliable' }) } : {}),
      ...(options.photoDecoder ? { photoDecoder: options.photoDecoder } : {}),
    },
  );
  // Content never switches under a person: the session area says whether one is at the kiosk.
  const content = createContentArea(
    { ...deps, log: log.child('content') },
    {
      sessionInProgress: () => session.holdsSession(),
      // Scrubbed sentences that found nothing go to the fleet console too (its report outbox; nothing without a console).
      unfoundSentence: (text) => fleet.port.unfoundSentence(text),
      ...(demo ? { sample: { version: sampleVersion, build: buildSampleBundle } } : {}),
    },
  );
  const capture = createCaptureArea({ ...deps, log: log.child('capture') }, { content: content.port });
  const platform = createPlatformArea(
    { ...deps, log: log.child('platform') },
    {
      keyProvider,
      pages: capture.port,
      session: session.port,
      content: content.port,
      ...(demo ? { simulator: (keys: Record<string, string>) => startPlatformSimulator(keys) } : {}),
      ...options.platformTiming,
      // Nothing is filed here that a rule says belongs to another authority (the approval area evaluates).
      elsewhere: (itemCode: string, formData: Record<string, unknown>) => approval.elsewhere(itemCode, formData),
    },
  );
  const speech = createSpeechArea({ ...deps, log: log.child('speech') });
  const approval = createApprovalArea({ ...deps, log: log.child('approval') }, { content: content.port, platform: platform.port, session: session.port });
  const personAreas: ServiceArea<unknown>[] = [session, devices, content, platform, speech, approval, capture];
  // 政务服务体验员 runs: set up in admin mode, walked as a citizen session, sent to the fleet console once ended.
  const experience = new ExperienceRecorder({
    redact: (text) => log.redactor.redact(text),
    finished: (run) => fleet.port.experienceRun(run),
    changed: (run) => bus.publish({ type: 'experience.run', run }),
  });
  // A walking run is a session: admin mode waits for it, content and app updates do not switch under it.
  const personSession = (): boolean => personAreas.some((a) => a.holdsSession?.() ?? false) || experience.active;
  // Signed app builds, installed side by side (A/B), when this kiosk is set up for them.
  let adminActive = (): boolean => false;
  const appUpdates = config.admin.appSlotsDir
    ? new AppUpdates({
        source:
          config.content.url && config.content.trustedRootFile
            ? channelAppSource({
                source: { kind: 'http', baseUrl: config.content.url },
                rootFile: config.content.trustedRootFile,
                workDir: path.join(config.dataDir, 'app-updates'),
                channel: config.admin.appChannel,
              })
            : { latest: () => Promise.resolve(null), download: () => Promise.reject(new Error('no update channel is configured')) },
        slots: new AbSlots(config.admin.appSlotsDir, projectRoot),
        running: { version: config.version, slot: config.admin.appSlot },
        isIdle: () => !personSession() && !adminActive(),
        ...(options.restart ? { restart: options.restart } : {}),
        log: log.child('app-update'),
        newer: (a, b) => compareAppVersions(a, b) > 0,
      })
    : undefined;
  const admin = createAdminArea(
    { ...deps, log: log.child('admin') },
    {
      personSession,
      devices: devices.port,
      outbox: {
        status: () => {
          const c = platform.store.counts();
          return {
            depth: c.pending + c.dead,
            pending: platform.store.pendingByKind().map((p) => ({ kind: p.kind, count: p.n, oldest: p.oldest })),
            deadLetters: platform.store.deadLetters().map((e) => ({
              receiptId: e.receiptId, kind: e.kind, attempts: e.attempts, reason: e.parkedReason, lastError: e.lastError, createdAt: e.createdAt,
            })),
          };
        },
        retry: (receiptId) => {
          const requeued = platform.store.requeue(receiptId);
          if (requeued) platform.sender.kick();
          return requeued;
        },
        discard: (receiptId) => {
          const discarded = platform.store.discard(receiptId);
          checkpoint(db);
          return discarded;
        },
      },
      content: async () => {
        const status = await content.handlers['content.status']({}, { via: 'internal' });
        if (!status.ok) return { version: null, sample: false, expires: null, lastCheck: null, lastRejected: null };
        // Freshness comes with the update channel; read loosely so diagnostics work with and without it.
        const v = status.value as typeof status.value & { freshness?: { expires: string | null; lastCheck: string | null; lastRejected: { at: string; reason: string; message: string } | null } };
        const last = v.lastAttempt;
        return {
          version: v.installedVersion,
          sample: v.sample,
          expires: v.freshness?.expires ?? null,
          lastCheck: v.freshness?.lastCheck ?? last?.at ?? null,
          lastRejected: v.freshness?.lastRejected ?? (last?.outcome === 'rejected' ? { at: last.at, reason: last.reason ?? 'other', message: last.message ?? '' } : null),
        };
      },
      platform: () => ({ url: platform.platformUrl(), reachable: platform.health().platform.reachable }),
      health: () => health(),
      storeRecovery,
      storeRebuiltNow: rebuiltNow,
      // Recovery: the content state is set back to a fresh install and the area started again, so it installs
      // what the kiosk carries (the demo's sample) or fetches its content anew from the update channel.
      revertContent: async () => {
        await content.stop?.();
        content.resetToFreshInstall();
        await content.start?.();
        const version = health().contentVersion;
        return version === null ? 'content cleared; waiting for the update channel' : `content version ${version} installed`;
      },
      ...(appUpdates ? { updates: appUpdates } : {}),
      experience: { recorder: experience, available: () => fleet.port.reporting() },
    },
  );
  adminActive = () => admin.adminActive();
  // The fleet console's link: signed heartbeats from the areas' health, rollout offers into the content area.
  const fleet = createFleetArea(
    { ...deps, log: log.child('fleet') },
    {
      health: () => health(),
      // A video call with hall staff is a person's session too: no content switch or screen restart under it.
      sessionInProgress: () => personSession() || (video.holdsSession?.() ?? false),
      outbox: () => {
        const c = platform.store.counts();
        const dead = platform.store.deadLetters().slice(0, 200);
        return { ...c, deadLetters: dead.map((e) => ({ receiptId: e.receiptId, kind: e.kind, reason: e.parkedReason, code: e.refusalCode })) };
      },
      offerContentVersion: (v) => content.port.offerVersion(v),
      checkContentNow: () => content.port.checkNow(),
      departmentOf: (code) => content.port.departmentOf(code),
      ...(options.captureScreen ? { captureScreen: options.captureScreen } : {}),
      keys: keyProvider,
    },
  );
  // 视频办事: the page's video calls with hall staff, signalled through the fleet console's link.
  const video = createVideoArea(
    { ...deps, log: log.child('video') },
    { fleet: fleet.port, itemName: (code) => content.port.item(code)?.name.zh ?? null },
  );
  const areas: ServiceArea<unknown>[] = [...personAreas, admin, fleet, video];

  const notReady = (): NotReadyReason[] => {
    // Safe mode holds in every profile: the demo's crash loop ends on the maintenance screen too.
    if (demo) return admin.blocking();
    const keyless = keyProvider.available?.() === false ? [{ code: 'outbox-key-missing', message: 'no key can be had to keep personal data encrypted' }] : [];
    // A hall that configured 人证核验 does not open without it (the check would silently be off).
    const faceless = faceCheck.missing ? [{ code: 'face-check-module-missing', message: `the face-check module ${faceCheck.missing} is not installed` }] : [];
    const reasons = [...admin.blocking(), ...config.notReady, ...keyless, ...faceless, ...areas.flatMap((a) => a.notReady?.() ?? [])];
    // One reason per code: the configuration and an area may both see the same gap.
    return reasons.filter((r, i) => reasons.findIndex((x) => x.code === r.code) === i);
  };

  const health = (): Health => {
    const reasons = notReady();
    const base: Health = {
      app: 'zhengwu-kiosk',
      version: config.version,
      profile: config.profile,
      ready: reasons.length === 0,
      reasons,
      contentVersion: null,
      content: { state: 'none', expires: null, graceUntil: null, servable: false, lastRefresh: null, lastCheck: null, lastRejected: null },
      devices: [],
      outboxDepth: 0,
      platform: { url: null, reachable: null },
    };
    return Object.assign(base, ...areas.map((a) => a.health?.() ?? {}));
  };

  /** Wipes every area; says whether anything of a person was still held. */
  const endSession = async (reason: SessionEndReason): Promise<{ hadSession: boolean }> => {
    const hadSession = areas.some((a) => a.holdsSession?.() ?? false);
    if (reason === 'renderer-start') admin.rendererStarted();
    // The session a 体验员 run walked in ends: so does the run (queued for the console, once).
    experience.end(reason);
    await Promise.all(areas.map((a) => a.wipeSession?.()));
    log.redactor.forgetAll();
    for (const a of areas) a.sessionEnded?.();
    if (hadSession) fleet.port.sessionEnded();
    // Pages this session wrote (sealed help requests, drafts) leave the write-ahead log.
    checkpoint(db);
    bus.publish({ type: 'session.expired', reason });
    log.info('session ended', { reason, hadSession });
    return { hadSession };
  };
  const system = createSystemArea(deps, { health, endSession, publicUrl: () => platform.publicUrl() });

  const handlers = {
    ...system.handlers,
    ...session.handlers,
    ...devices.handlers,
    ...content.handlers,
    ...platform.handlers,
    // Ratings and 办不成事 reports go to the fleet console's ledger too, through its own durable outbox.
    'platform.evaluate': async (input, meta) => {
      const r = await platform.handlers['platform.evaluate'](input, meta);
      if (r.ok) fleet.port.rated(input);
      return r;
    },
    'platform.feedback': async (input, meta) => {
      const r = await platform.handlers['platform.feedback'](input, meta);
      if (r.ok) fleet.port.feedback(input);
      return r;
    },
    ...speech.handlers,
    ...approval.handlers,
    ...admin.handlers,
    ...experienceHandlers(experience),
    ...fleet.handlers,
    ...capture.handlers,
    ...video.handlers,
  } satisfies Handlers;
  const dispatch = createDispatcher(handlers, log.child('bridge'));

  return {
    dispatch,
    bus,
    log,
    db,
    kioskId,
    health,
    rendererRestarted: (cause) => admin.rendererRestarted(cause),
    start: async () => {
      // Safe mode outlives a restart: the drivers stay off until a technician leaves it.
      if (admin.safeMode()) await devices.port.switchOff();
      // The areas do not depend on one another's start; together, the simulators' and the platform's
      // child processes start side by side instead of one after the other.
      await Promise.all(areas.map((a) => a.start?.()));
      const reasons = notReady();
      if (reasons.length > 0) log.warn('kiosk not ready', { reasons: reasons.map((r) => r.code) });
      log.info('services started', { dataDir: config.dataDir, profile: config.profile });
    },
    stop: async () => {
      // A run still walking is kept: queued before the fleet link stops.
      experience.end('shutdown');
      for (const a of [...areas].reverse()) await a.stop?.();
      db.close();
    },
  };
}
