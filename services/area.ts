import type { Health } from '../contract';
import type { AreaHandlers } from './bridge/dispatcher';
import type { EventBus } from './bridge/event-bus';
import type { KioskConfig, NotReadyReason } from './config';
import type { Logger } from './log/logger';
import type { Database } from './store/database';

/** What every area of the services gets from the composition root. */
export interface AreaDeps {
  readonly config: KioskConfig;
  readonly db: Database;
  readonly log: Logger;
  readonly bus: EventBus;
  /** The kiosk's identity towards the platform and operators: KIOSK_ID, else the id it chose at its first start. */
  readonly kioskId: string;
}

/**
 * One area of the services (devices, content, platform …): its bridge handlers, its share of
 * /healthz, and its lifecycle. The composition root (`kiosk-services.ts`) only assembles areas.
 */
export interface ServiceArea<Spec> {
  readonly handlers: AreaHandlers<Spec>;
  health?(): Partial<Health>;
  /** What this area still lacks to serve people (production only: the demo supplies everything). */
  notReady?(): NotReadyReason[];
  start?(): Promise<void>;
  stop?(): Promise<void>;
  /** Called when a session ends: drop every trace of the user held by this area (and undo what it started for them). */
  wipeSession?(): void | Promise<void>;
  /** Whether this area holds anything of a person right now (a session is in progress). */
  holdsSession?(): boolean;
  /** A session has ended and been wiped: work held back for the person may go ahead. */
  sessionEnded?(): void;
}
