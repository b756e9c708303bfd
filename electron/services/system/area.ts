import { ok, type Health, type systemApi } from '../../contract';
import type { AreaDeps, ServiceArea } from '../area';

export interface SystemAreaOptions {
  /** Assembles /healthz from every area. */
  readonly health: () => Health;
  /** Wipes every area's session data; returns once nothing of the user is left. */
  readonly endSession: (reason: 'logout' | 'idle-timeout' | 'card-removed' | 'completed') => void;
}

export function createSystemArea(deps: AreaDeps, options: SystemAreaOptions): ServiceArea<typeof systemApi> {
  return {
    handlers: {
      'system.health': () => ok(options.health()),
      'system.info': () =>
        ok({
          kioskId: deps.config.kioskId,
          version: deps.config.version,
          idleTimeoutSeconds: deps.config.idleTimeoutSeconds,
          idleWarningSeconds: deps.config.idleWarningSeconds,
        }),
      'session.end': ({ reason }) => {
        options.endSession(reason);
        return ok({ wiped: true });
      },
    },
  };
}
