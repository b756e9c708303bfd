import fs from 'node:fs';
import path from 'node:path';
import { projectRootFrom } from '../kernel/node/project-root';

/** Everything the kiosk reads from its environment, resolved once at start. */
export interface KioskConfig {
  readonly dataDir: string;
  readonly port: number;
  /** Overridden by the persisted id once the store is open (see kiosk-services.ts). */
  readonly kioskId: string;
  readonly version: string;
  readonly idleTimeoutSeconds: number;
  readonly idleWarningSeconds: number;
  /** Where the renderer's built files are (vite build output). */
  readonly rendererDir: string;
}

const intFrom = (value: string | undefined, fallback: number, name: string): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
};

export const projectRoot = projectRootFrom(import.meta.dirname);

/** The version in package.json (when started without npm, npm_package_version is not set). */
const packageVersion = (): string => {
  try {
    return (JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
};

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): KioskConfig {
  return {
    dataDir: path.resolve(env.KIOSK_DATA_DIR ?? path.join(projectRoot, '.kiosk-data')),
    port: intFrom(env.KIOSK_PORT, 8080, 'KIOSK_PORT'),
    kioskId: env.KIOSK_ID ?? '',
    version: env.npm_package_version ?? packageVersion(),
    idleTimeoutSeconds: intFrom(env.KIOSK_IDLE_SECONDS, 120, 'KIOSK_IDLE_SECONDS'),
    idleWarningSeconds: intFrom(env.KIOSK_IDLE_WARNING_SECONDS, 30, 'KIOSK_IDLE_WARNING_SECONDS'),
    rendererDir: path.resolve(env.KIOSK_RENDERER_DIR ?? path.join(projectRoot, 'dist', 'renderer')),
  };
}
