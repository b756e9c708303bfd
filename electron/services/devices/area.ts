import type { devicesApi } from '../../contract/api/devices';
import type { AreaDeps, ServiceArea } from '../area';
import type { Migration } from '../store/migrations';

/** Schema changes of the devices area (area 'devices', versions 1..n). */
export const devicesMigrations: Migration[] = [];

/** Builds the devices area of the services. */
export function createDevicesArea(_deps: AreaDeps): ServiceArea<typeof devicesApi> {
  return { handlers: {} };
}
