import type { z } from 'zod';
import type { MethodSpec } from './define';
import { systemApi } from './system';
import { devicesApi } from './devices';
import { contentApi } from './content';
import { platformApi } from './platform';
import { speechApi } from './speech';
import { approvalApi } from './approval';
import { sessionApi } from './session';
import { adminApi } from './admin';
import { fleetApi } from './fleet';
import { experienceApi } from './experience';
import { captureApi } from './capture';
import { videoApi } from './video';

/**
 * Every call the renderer may make. Each area of the product keeps its methods in its own file
 * (`api/<area>.ts`) and is merged here, so areas evolve without touching each other.
 */
export const kioskApi = {
  ...systemApi,
  ...devicesApi,
  ...contentApi,
  ...platformApi,
  ...speechApi,
  ...approvalApi,
  ...sessionApi,
  ...adminApi,
  ...fleetApi,
  ...experienceApi,
  ...captureApi,
  ...videoApi,
} satisfies Record<string, MethodSpec>;

export type KioskApiSpec = typeof kioskApi;
export type MethodName = keyof KioskApiSpec;
/** What the renderer passes (before defaults are applied). */
export type MethodInput<M extends MethodName> = z.input<KioskApiSpec[M]['input']>;
/** What a service handler receives (after validation). */
export type MethodArgs<M extends MethodName> = z.output<KioskApiSpec[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<KioskApiSpec[M]['output']>;

export const isMethodName = (name: string): name is MethodName => Object.hasOwn(kioskApi, name);

/**
 * Methods for hall technicians, not for the person at the kiosk: the kiosk UI cannot call them
 * (IPC refuses them; the Node host only with the technician token of the kiosk's data directory).
 */
export const TECHNICIAN_METHODS: ReadonlySet<MethodName> = new Set<MethodName>([
  'devices.probe',
  'devices.configure',
  'outbox.status',
  'outbox.retry',
  'content.importFromDirectory',
  'content.unfoundSentences',
  'admin.rendererRestarted',
  'fleet.status',
]);
