import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Health, SessionEndReason } from '../contract';
import type { AreaDeps, ServiceArea } from './area';
import { createDispatcher, type Dispatch, type Handlers } from './bridge/dispatcher';
import { EventBus } from './bridge/event-bus';
import type { KioskConfig } from './config';
import { createContentArea, contentMigrations } from './content/area';
import { startSimulatedDevices } from './demo/simulated-devices';
import { createDevicesArea, devicesMigrations } from './devices/area';
import { createLogger, type Logger } from './log/logger';
import { createPlatformArea, platformMigrations } from './platform/area';
import { coreMigrations } from './store/core-migrations';
import { openStore, SettingsRepository, type Database } from './store/database';
import { createApprovalArea } from './approval/area';
import { createSpeechArea } from './speech/area';
import { createSystemArea } from './system/area';

export interface KioskServices {
  readonly dispatch: Dispatch;
  readonly bus: EventBus;
  readonly log: Logger;
  readonly db: Database;
  health(): Health;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A kiosk keeps its identity across restarts: the platform and operators know it by this id. */
function persistentKioskId(db: Database, env: NodeJS.ProcessEnv): string {
  const settings = new SettingsRepository(db);
  const id = env.KIOSK_ID ?? settings.get('kioskId') ?? `kiosk-${randomUUID().slice(0, 8)}`;
  settings.set('kioskId', id);
  return id;
}

export const allMigrations = [...coreMigrations, ...devicesMigrations, ...contentMigrations, ...platformMigrations];

/**
 * The composition root shared by both hosts (Electron main and the Node host): opens the store,
 * builds every area, and exposes one validated dispatch function and one event bus.
 */
export function createKioskServices(baseConfig: KioskConfig, env: NodeJS.ProcessEnv = process.env): KioskServices {
  const log = createLogger({ file: path.join(baseConfig.dataDir, 'logs', 'kiosk.log'), echo: env.KIOSK_LOG_ECHO === '1' });
  const db = openStore(baseConfig.dataDir, allMigrations);
  const config: KioskConfig = { ...baseConfig, kioskId: persistentKioskId(db, env) };
  const bus = new EventBus();
  const deps: AreaDeps = { config, db, log, bus, env };

  const devices = createDevicesArea({ ...deps, log: log.child('devices') }, { simulators: () => startSimulatedDevices(config.dataDir) });
  const content = createContentArea({ ...deps, log: log.child('content') });
  let dispatch: Dispatch | null = null;
  const platform = createPlatformArea(
    { ...deps, log: log.child('platform') },
    {
      createsEnterprise: async (code) => {
        const r = await dispatch!('content.item', { code }, { via: 'internal' });
        return r.ok ? (r.value as { item: { createsEnterprise: boolean } }).item.createsEnterprise : null;
      },
    },
  );
  const speech = createSpeechArea({ ...deps, log: log.child('speech') });
  const approval = createApprovalArea(
    { ...deps, log: log.child('approval') },
    {
      dispatch: () => dispatch!,
      cardHolder: () => {
        const p = platform.session.current.person;
        return p ? { name: p.name, idNumber: p.idNumber } : null;
      },
      creditCode: () => platform.session.current.creditCode,
    },
  );
  const areas: ServiceArea<unknown>[] = [devices, content, platform, speech, approval];

  const health = (): Health => {
    const base: Health = {
      app: 'zhengwu-kiosk',
      version: config.version,
      contentVersion: null,
      devices: [],
      outboxDepth: 0,
      platform: { url: null, reachable: null },
    };
    return Object.assign(base, ...areas.map((a) => a.health?.() ?? {}));
  };

  /** Wipes every area; says whether anything of a person was still held. */
  const endSession = async (reason: SessionEndReason): Promise<{ hadSession: boolean }> => {
    const hadSession = areas.some((a) => a.holdsSession?.() ?? false);
    await Promise.all(areas.map((a) => a.wipeSession?.()));
    log.redactor.forgetAll();
    bus.publish({ type: 'session.expired', reason });
    log.info('session ended', { reason, hadSession });
    return { hadSession };
  };
  const system = createSystemArea(deps, { health, endSession });

  const handlers = {
    ...system.handlers,
    ...devices.handlers,
    ...content.handlers,
    ...platform.handlers,
    ...speech.handlers,
    ...approval.handlers,
  } satisfies Handlers;
  dispatch = createDispatcher(handlers, log.child('bridge'));

  return {
    dispatch,
    bus,
    log,
    db,
    health,
    start: async () => {
      // The areas do not depend on one another's start; together, the simulators' and the platform's
      // child processes start side by side instead of one after the other.
      await Promise.all(areas.map((a) => a.start?.()));
      log.info('services started', { dataDir: config.dataDir });
    },
    stop: async () => {
      for (const a of [...areas].reverse()) await a.stop?.();
      db.close();
    },
  };
}
