import { ok, type Health, type SessionEndReason, type systemApi } from '../../contract';
import type { AreaDeps, ServiceArea } from '../area';

export interface SystemAreaOptions {
  /** Assembles /healthz from every area. */
  readonly health: () => Health;
  /** Wipes every area's session data; resolves once nothing of the user is left. */
  readonly endSession: (reason: SessionEndReason) => Promise<{ hadSession: boolean }>;
  /** Where a phone opens a receipt's QR code (null: no QR code). */
  readonly publicUrl?: () => string | null;
}

export function createSystemArea(deps: AreaDeps, options: SystemAreaOptions): ServiceArea<typeof systemApi> {
  return {
    handlers: {
      'system.health': () => ok(options.health()),
      'system.info': () =>
        ok({
          kioskId: deps.kioskId,
          version: deps.config.version,
          profile: deps.config.profile,
          idleTimeoutSeconds: deps.config.idle.timeoutSeconds,
          idleWarningSeconds: deps.config.idle.warningSeconds,
          publicUrl: options.publicUrl?.() ?? null,
          readerRemoval: deps.config.devices.readerRemoval,
          voicePrompts: deps.config.voicePrompts,
        }),
      'session.end': async ({ reason }) => ok({ wiped: true, ...(await options.endSession(reason)) }),
    },
  };
}
