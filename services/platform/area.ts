import path from 'node:path';
import type { ElsewhereVerdict, Result } from '../../contract';
import type { CertificateView, EnterpriseProfile } from '../../platform-wire/model';
import { checkpoint } from '../store/database';
import type { platformApi } from '../../contract/api/platform';
import type { AreaDeps, ServiceArea } from '../area';
import type { Migration } from '../store/migrations';
import { CertificateVerifier } from './certificates';
import { PlatformClient } from './client';
import { createPlatformHandlers } from './handlers';
import { loadSigningKey, type KeyProvider } from './keys';
import { DraftStore, draftMigrations } from './drafts';
import { OutboxStore, outboxMigrations } from './outbox-store';
import { LocalQueue, localQueueMigrations } from './queue-local';
import { OutboxSender, type SenderOptions } from './sender';
import type { ContentPort } from '../content/area';
import type { SessionPort } from '../session/area';
import type { CapturedPagesPort } from '../capture/area';

/** Schema changes of the platform area (area 'platform', versions 1..n). */
export const platformMigrations: Migration[] = [...outboxMigrations, ...draftMigrations, ...localQueueMigrations];

/** The demo's platform simulator: started with the kiosk's public key, as a real platform is provisioned. */
export type PlatformSimulatorLauncher = (kioskKeys: Record<string, string>) => Promise<{ url: string; stop(): Promise<void> }>;

export interface PlatformAreaOptions {
  /** The outbox key: Electron `safeStorage` in the shell; on the Node host from the environment or a key file outside the data dir. */
  readonly keyProvider: KeyProvider;
  readonly session: SessionPort;
  readonly content: ContentPort;
  /** The demo profile's platform simulator, used when no platform URL is configured. */
  readonly simulator?: PlatformSimulatorLauncher;
  readonly sender?: SenderOptions;
  /** Interval of the reachability probe and of help-answer polling. */
  readonly probeMs?: number;
  /** Whether a rule of the item says the matter is another authority's (the approval area's evaluator, on the kiosk's facts). */
  readonly elsewhere?: (itemCode: string, formData: Record<string, unknown>) => Promise<ElsewhereVerdict | null>;
  /** The clock of saved drafts (tests of the 7-day limit). */
  readonly now?: () => number;
  /** Pages captured with the document camera (高拍仪), filed with the application. */
  readonly pages?: CapturedPagesPort;
}

/**
 * The platform link: signed client, durable outbox and its sender, the session's identity in
 * memory, and (unless KIOSK_PLATFORM_URL is set) the platform simulator as a child process.
 */
export interface PlatformArea extends ServiceArea<typeof platformApi> {
  readonly sender: OutboxSender;
  readonly store: OutboxStore;
  /** What other areas read from the platform (the 秒批 pre-check). */
  readonly port: PlatformPort;
  platformUrl(): string | null;
  /** Where a phone opens a receipt's QR code: KIOSK_PUBLIC_URL, else the demo platform simulator's public pages. */
  publicUrl(): string | null;
  health(): { outboxDepth: number; platform: { url: string | null; reachable: boolean | null } };
  start(): Promise<void>;
  stop(): Promise<void>;
  wipeSession(): void;
}

/** What other areas may read from the platform: the session enterprise's profile and e-certificates. */
export interface PlatformPort {
  enterprise(creditCode: string): Promise<Result<EnterpriseProfile>>;
  certificates(holderCode: string): Promise<Result<{ certificates: CertificateView[] }>>;
}

export function createPlatformArea(deps: AreaDeps, options: PlatformAreaOptions): PlatformArea {
  const dir = path.join(deps.config.dataDir, 'platform');
  const signingKey = loadSigningKey(dir, deps.kioskId);
  const store = new OutboxStore(deps.db, options.keyProvider);
  const drafts = new DraftStore(deps.db, options.keyProvider, options.now);
  const localQueue = new LocalQueue(deps.db, deps.config.queueLocalRange);
  const session = options.session;
  const timeoutMs = deps.config.platform.timeoutMs;

  let client: PlatformClient | null = null;
  let reachable: boolean | null = null;
  let sim: { stop(): Promise<void> } | null = null;
  let probe: NodeJS.Timeout | null = null;
  const helpAnswered = new Set<string>();

  const makeClient = (baseUrl: string): PlatformClient =>
    new PlatformClient({ baseUrl, key: signingKey, timeoutMs, onReachability: (r) => (reachable = r) });
  if (deps.config.platform.url) client = makeClient(deps.config.platform.url);

  const sender = new OutboxSender(
    store,
    () => client,
    deps.log.child('outbox'),
    ({ entry, result }) => {
      // The delivered entry's sealed payload is gone from the table; fold the WAL so no old page keeps it.
      checkpoint(deps.db);
      deps.bus.publish({
        type: 'outbox.delivered',
        receiptId: entry.receiptId,
        kind: entry.kind,
        applicationNumber: typeof result.applicationNumber === 'string' ? result.applicationNumber : null,
        promisedDate: typeof result.promisedDate === 'string' ? result.promisedDate : null,
        platformStatus: entry.kind === 'application' && typeof result.status === 'string' ? (result.status as 'accepted') : null,
        slipNumber: entry.slipNumber,
        callBackBy: typeof result.callBackBy === 'string' ? result.callBackBy : null,
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

  let windowsAt = 0;
  /** Probes reachability and polls open help requests of the session for an answer. */
  const tick = async (): Promise<void> => {
    if (!client) return;
    await client.health();
    if (reachable && Date.now() - windowsAt > 60_000) {
      windowsAt = Date.now();
      await refreshWindows();
    }
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

  const handlers = createPlatformHandlers({
    client: () => client,
    store,
    sender,
    session,
    content: options.content,
    certificates,
    kioskId: deps.kioskId,
    drafts,
    localQueue,
    reconcileLater: (ticket) => {
      store.enqueue('ticket', ticket);
      sender.kick();
    },
    elsewhere: options.elsewhere ?? (async () => null),
    ...(options.pages ? { pages: options.pages } : {}),
  });
  /** The hall's windows as the platform last told them: what an offline number says of who waits. */
  const refreshWindows = async (): Promise<void> => {
    const r = await client?.windows();
    if (r?.ok) localQueue.noteWindows(r.value.windows);
  };
  const internal = { via: 'internal' } as const;

  return {
    sender,
    store,
    port: {
      enterprise: async (creditCode) => handlers['platform.enterprise']({ creditCode }, internal),
      certificates: async (holderCode) => handlers['platform.certificates']({ holderCode }, internal),
    },
    platformUrl: () => client?.baseUrl ?? null,
    publicUrl: () => deps.config.publicUrl ?? (sim && client ? `${client.baseUrl}/public` : null),
    handlers,
    health: () => {
      const c = store.counts();
      return { outboxDepth: c.pending + c.dead, platform: { url: client?.baseUrl ?? null, reachable } };
    },
    start: async () => {
      store.pruneDelivered(30);
      drafts.expire();
      if (!client && options.simulator) {
        const started = await options.simulator({ [signingKey.kioskId]: signingKey.publicKeySpkiBase64 });
        sim = started;
        client = makeClient(started.url);
        deps.log.info('platform simulator started', { url: started.url });
      } else if (client) {
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
    notReady: () => (client ? [] : [{ code: 'platform-url-missing', message: 'no platform is configured' }]),
    wipeSession: () => helpAnswered.clear(),
  };
}
