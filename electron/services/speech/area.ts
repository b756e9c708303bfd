import type { speechApi } from '../../contract/api/speech';
import type { AreaDeps, ServiceArea } from '../area';

/** Builds the speech area of the services. */
export function createSpeechArea(_deps: AreaDeps): ServiceArea<typeof speechApi> {
  return { handlers: {} };
}
