import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AreaDeps } from '../../services/area';
import { EventBus } from '../../services/bridge/event-bus';
import { loadConfig, type KioskConfig } from '../../services/config';
import { silentLogger, type Logger } from '../../services/log/logger';
import type { Database } from '../../services/store/database';

/** A fresh temporary data directory. */
export const tmpDataDir = (prefix: string): string => fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));

/** Where the demo profile keeps a data directory's outbox key: beside it, never inside. */
export const demoKeyDir = (dataDir: string): string => `${dataDir}-keys`;

/** Removes a data directory and the demo key folder beside it. */
export function removeDataDir(dataDir: string): void {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(demoKeyDir(dataDir), { recursive: true, force: true });
}

/** The configuration a test kiosk runs with: the demo profile unless the test says otherwise. */
export function testConfig(env: Record<string, string | undefined>): KioskConfig {
  return loadConfig({ KIOSK_PROFILE: 'demo', ...env });
}

/** What an area under test gets from the composition root. */
export function testAreaDeps(o: { config: KioskConfig; db: Database; log?: Logger; bus?: EventBus; kioskId?: string }): AreaDeps {
  return { config: o.config, db: o.db, log: o.log ?? silentLogger(), bus: o.bus ?? new EventBus(), kioskId: o.kioskId ?? o.config.kioskId ?? 'kiosk-test' };
}
