import type { platformApi } from '../../contract/api/platform';
import type { AreaDeps, ServiceArea } from '../area';
import type { Migration } from '../store/migrations';

/** Schema changes of the platform area (area 'platform', versions 1..n). */
export const platformMigrations: Migration[] = [];

/** Builds the platform area of the services. */
export function createPlatformArea(_deps: AreaDeps): ServiceArea<typeof platformApi> {
  return { handlers: {} };
}
