import type { contentApi } from '../../contract/api/content';
import type { AreaDeps, ServiceArea } from '../area';
import type { Migration } from '../store/migrations';

/** Schema changes of the content area (area 'content', versions 1..n). */
export const contentMigrations: Migration[] = [];

/** Builds the content area of the services. */
export function createContentArea(_deps: AreaDeps): ServiceArea<typeof contentApi> {
  return { handlers: {} };
}
