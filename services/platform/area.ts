import path from 'node:path';
import type { platformApi } from '../../contract/api/platform';
import type { AreaDeps, ServiceArea } from '../area';
import type { Migration } from '../store/migrations';
import { CertificateVerifier } from './certificates';
import { PlatformClient } from './client';
import { createPlatformHandlers } from './handlers';
import { FileKeyProvider, loadSigningKey, type KeyProvider } from './keys';
import { OutboxStore, outboxMigrations } from './outbox-store';
import { OutboxSender, type SenderOptions } from './sender';
import { SessionIdentityStore } from '../session/identity';
import { startSimulatorProcess, type SimulatorProcess } from './simulator-process';

/** Schema changes of the platform area (area 'platform', versions 1..n). */
export const platformMigrations: Migration[] = [...outboxMigrations];

export interface PlatformAreaOptions {
  /** The Electron main may supply a safeStorage-protected key; default: key file in the data dir. */
  readonly keyProvider?: KeyProvider;
  readonly sender?: SenderOptions;
  /** Interval of the reachability probe and of help-answer polling. */
  readonly probeMs?: number;
  /** Whether filing an item creates the enterprise (from content; the composition root wires it). */
  readonly createsEnterprise?: (itemCode: string) => Promise<boolean | null>;
}

/**
 * The platform link: signed client, durable outbox and its sender, the session's identity in
 * memory, and (unless KIOSK_PLATFORM_URL is set) the platform simulator as a child process.
 */
export interface PlatformArea extends ServiceArea<typeof platformApi> {
  readonly sender: OutboxSender;
  readonly store: OutboxStore;
  /** The session's identity (memory only), for services that check it (秒批 pre-check). */
  readonly session: SessionIdentityStore;
  platformUrl(): string | null;
  health(): { outboxDepth: number; platform: { url: string | null; reachable: boolean | null } };
  start(): Promise<void>;
  stop(): Promise<void>;
  wipeSession(): void;
}

export function createPlatformArea(deps: AreaDeps, options: PlatformAreaOptions = {}): PlatformArea {
  const dir = path.join(deps.config.dataDir, 'platform');
  const keys = options.keyProvider ?? new FileKeyProvider(dir);
  const signingKey = loadSigningKey(dir, deps.env.KIOSK_ID, deps.config.kioskId);
  const store = new OutboxStore(deps.db, keys);
  const session = new SessionIdentityStore(deps.log.redactor);
  const timeoutMs = Number(deps.env.KIOSK_PLATFORM_TIMEOUT_MS ?? 8_000);

  let client: PlatformClient | null = null;
  let reachable: boolean | null = null;
  let sim: SimulatorProcess | null = null;
  let probe: NodeJS.Timeout | null = null;
  const helpAnswered = new Set<string>();

  const makeClient = (baseUrl: string): PlatformClient =>
    new PlatformClient({ baseUrl, key: signingKey, timeoutMs, onReachability: (r) => (reachable = r) });
  if (deps.env.KIOSK_PLATFORM_URL) client = makeClient(deps.env.KIOSK_PLATFORM_URL.replace(/\/$/, ''));

  const sender = new OutboxSender(
    store,
    () => client,
    deps.log.child('outbox'),
    ({ entry, result }) => {
      deps.bus.publish({
        type: 'outbox.delivered',
        receiptId: entry.receiptId,
        kind: entry.kind,
        applicationNumber: typeof result.applicationNumber === 'string' ? result.applicationNumber : null,
        promisedDate: typeof result.promisedDate === 'string' ? result.promisedDate : null,
        platformStatus: entry.kind === 'application' && typeof result.status === 'string' ? (result.status as 'accepted') : null,
      });
    },
    {
      requestTimeoutMs: timeoutMs,
      ...options.sender,
      onParked: (p) => {
        options.sender?.onParked?.(p);
        deps.bus.publish({
          type: 'outbox.failed',
          receiptId: p.entry.receiptId,
          kind: p.entry.kind,
          reason: p.reason === 'refused' ? 'refused' : 'gave-up',
          code: p.refusalCode,
        });
      },
    },
  );
  const certificates = new CertificateVerifier(() => client);

  /** Probes reachability and polls open help requests of the session for an answer. */
  const tick = async (): Promise<void> => {
    if (!client) return;
    await client.health();
    for (const receiptId of session.openHelp) {
      const helpId = store.get(receiptId)?.result?.helpId;
      if (typeof helpId !== 'string' || helpAnswered.has(receiptId)) continue;
      const r = await client.helpStatus(helpId);
      if (r.ok && r.value.status === 'answered' && r.value.answer && session.openHelp.has(receiptId)) {
        helpAnswered.add(receiptId);
        deps.bus.publish({ type: 'platform.helpAnswered', receiptId, helpId, staffName: r.value.staffName, answer: r.value.answer });
      }
    }
  };

  return {
    sender,
    store,
    session,
    platformUrl: () => client?.baseUrl ?? null,
    handlers: createPlatformHandlers({
      client: () => client,
      store,
      sender,
      session,
      certificates,
      ...(options.createsEnterprise ? { createsEnterprise: options.createsEnterprise } : {}),
    }),
    health: () => {
      const c = store.counts();
      return { outboxDepth: c.pending + c.dead, platform: { url: client?.baseUrl ?? null, reachable } };
    },
    start: async () => {
      store.pruneDelivered(30);
      if (!client) {
        sim = await startSimulatorProcess({ [signingKey.kioskId]: signingKey.publicKeySpkiBase64 }, deps.env);
        client = makeClient(sim.url);
        deps.log.info('platform simulator started', { url: sim.url });
      } else {
        // A real platform must know this key: technicians register it once (it is public).
        deps.log.info('using platform', { url: client.baseUrl, kioskId: signingKey.kioskId, publicKey: signingKey.publicKeySpkiBase64 });
      }
      sender.start();
      const probeMs = options.probeMs ?? 3_000;
      const loop = (): void => {
        probe = setTimeout(() => void tick().finally(() => probe && loop()), probeMs);
        probe.unref();
      };
      void tick();
      loop();
    },
    stop: async () => {
      if (probe) clearTimeout(probe);
      probe = null;
      await sender.stop();
      await sim?.stop();
      sim = null;
    },
    holdsSession: () => session.holdsAnything,
    wipeSession: () => {
      session.wipe();
      helpAnswered.clear();
    },
  };
}
