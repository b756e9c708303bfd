import fs from 'node:fs';
import path from 'node:path';
import { fail, ok, type ContentFreshness } from '../../contract';
import type { contentApi } from '../../contract/api/content';
import type { AreaDeps, ServiceArea } from '../area';
import { BundleRejected } from '../../content-bundle/bundle/verify';
import { ContentReader, UnsupportedContentFormat } from './reader';
import type { FormDefinition, ServiceItem, SituationFlow } from '../../content-bundle/model';
import { createSentenceHandlers, unfoundSentenceMigrations } from './sentence/handlers';
import { ContentStore, contentMigrations as storeMigrations } from './store';
import { ContentUpdates } from './updates';

/** The store's content tables, and the sentences that found nothing (智能导办). */
export const contentMigrations = [...storeMigrations, ...unfoundSentenceMigrations];

const notReady = () => fail('unavailable', 'no content installed', { messageKey: 'content.notInstalled' });
const notFound = (what: string) => fail('not-found', `${what} not found`, { messageKey: 'content.notFound' });

/** What other areas read of the installed content, and how the fleet steers its updates. */
export interface ContentPort {
  item(code: string): ServiceItem | null;
  /** The forms an item may be filed with: its own and those its guided flow's outcomes ask for. */
  formsOf(itemCode: string): FormDefinition[];
  /** A guided flow (the words of its questions say what a material depends on). */
  flow(id: string): SituationFlow | null;
  /** The department an item belongs to (its id and Chinese name), for what is reported about the item. */
  departmentOf(itemCode: string): { id: string; name: string } | null;
  /** A staged rollout: the newest version this kiosk may install (null: the newest signed). */
  offerVersion(version: number | null): void;
  /** Checks the update channel now (a console command); resolves when the poll is over. */
  checkNow(): Promise<void>;
  freshness(): ContentFreshness;
}

/** The demo's embedded sample: a signed bundle directory to apply, and its version. */
export interface SampleContent {
  version(): number;
  build(version: number): Promise<string>;
}

export interface ContentArea extends ServiceArea<typeof contentApi> {
  readonly port: ContentPort;
  /** Sets the installed content back to a fresh install (call between stop and start). */
  resetToFreshInstall(): void;
}

export interface ContentAreaOptions {
  readonly sample?: SampleContent;
  /** A person's session is open: content never switches under them. */
  readonly sessionInProgress?: () => boolean;
  /** Shorter stall timeout of the update channel (tests of a slow-drip mirror). */
  readonly idleTimeoutMs?: number;
  /** A sentence that found nothing, already scrubbed of personal data (the fleet area reports it to the console). */
  readonly unfoundSentence?: (text: string) => void;
}

/** Builds the content area: signed bundles in, a read-only packed database out. */
export function createContentArea(deps: AreaDeps, options: ContentAreaOptions = {}): ContentArea {
  const { db, log, bus, config } = deps;
  const store = new ContentStore(db, config.dataDir, log, config.version);
  const contentUrl = config.content.url;
  const pollMs = config.content.pollSeconds * 1000;
  let reader: ContentReader | null = null;
  let timer: NodeJS.Timeout | null = null;
  let busy: Promise<unknown> = Promise.resolve();
  const sentences = createSentenceHandlers(deps, () => reader, options.unfoundSentence);

  const openCurrent = (): void => {
    const s = store.state();
    if (s.currentFile === null || s.currentVersion === null) return;
    let next: ContentReader;
    try {
      next = new ContentReader(s.currentFile, s.currentVersion);
    } catch (err) {
      if (!(err instanceof UnsupportedContentFormat)) throw err;
      // After a kiosk upgrade: the old content stays installed (rollback protection) but unread until a newer bundle arrives.
      log.warn('installed content cannot be read by this build; waiting for a newer bundle', { version: s.currentVersion, format: err.format });
      return;
    }
    const old = reader;
    reader = next;
    old?.close();
    // The sentence index is built now, not on the first person's first keystroke (on 20,000 items
    // that build is most of a second).
    setImmediate(() => {
      if (reader !== next) return;
      try {
        next.sentences();
      } catch (err) {
        // Asked again on first use, where the failure reaches the caller as an error answer.
        log.warn('sentence index could not be built ahead of use', { error: err instanceof Error ? err.message : String(err) });
      }
    });
  };

  const published = (r: BundleRejected, source: string): void =>
    bus.publish({ type: 'content.rejected', reason: r.reason, message: r.message.slice(0, 500), source });

  /** One apply at a time, whatever its source; publishes content.updated or content.rejected. */
  const serialised = <T extends { version: number }>(source: string, work: () => Promise<T>, publishRefusal: boolean): Promise<T> => {
    const run = busy.then(async () => {
      try {
        const done = await work();
        openCurrent();
        bus.publish({ type: 'content.updated', version: done.version });
        return done;
      } catch (err) {
        const r = err instanceof BundleRejected ? err : new BundleRejected('other', String(err));
        if (publishRefusal) published(r, source);
        throw r;
      }
    });
    busy = run.catch(() => undefined);
    return run;
  };
  const applyDir = (dir: string, source: string) =>
    serialised(source, () => store.applyBundleDir(dir, source, (step) => log.info('content apply', { step, source })), true);

  const updates = new ContentUpdates({
    store,
    log,
    url: contentUrl,
    graceMs: config.content.graceHours * 3600_000,
    sessionInProgress: options.sessionInProgress ?? (() => false),
    install: (verified, source) => serialised(source, () => store.install(verified, source, (step) => log.info('content apply', { step, source })), false),
    onRejected: published,
    ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
  });

  const installSampleIfNeeded = async (sample: SampleContent): Promise<void> => {
    const installed = store.state().currentVersion;
    const version = sample.version();
    if (installed !== null && installed >= version) return;
    const dir = await sample.build(version);
    try {
      await applyDir(dir, 'embedded-sample');
    } catch (err) {
      log.warn('embedded sample content not applied', { error: (err as Error).message });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  const withReader = <T>(f: (r: ContentReader) => T) => (reader ? f(reader) : notReady());

  const formsOf = (itemCode: string): FormDefinition[] => {
    const item = reader?.item(itemCode);
    if (!reader || !item) return [];
    const flow = item.flowId ? reader.flow(item.flowId) : null;
    const ids = new Set([item.formId, ...Object.values(flow?.nodes ?? {}).map((n) => ('formId' in n ? n.formId : undefined))]);
    return [...ids].flatMap((id) => (id ? [reader!.form(id)].filter((f): f is FormDefinition => f !== null) : []));
  };

  return {
    port: {
      item: (code) => reader?.item(code) ?? null,
      formsOf,
      flow: (id) => reader?.flow(id) ?? null,
      departmentOf: (code) => {
        const item = reader?.item(code);
        const dept = item ? reader?.department(item.departmentId) : null;
        return dept ? { id: dept.id, name: dept.name.zh } : null;
      },
      offerVersion: (v) => updates.offer(v),
      checkNow: () => updates.check(),
      freshness: () => updates.freshness(),
    },
    handlers: {
      'content.search': ({ query, stage, department, limit }) => withReader((r) => ok({ hits: r.search({ query, stage, department, limit }) })),
      'content.item': ({ code }) => withReader((r) => {
        const item = r.item(code);
        return item ? ok({ item }) : notFound(`item ${code}`);
      }),
      'content.catalogue': () => withReader((r) => ok(r.catalogue())),
      'content.flow': ({ id }) => withReader((r) => {
        const flow = r.flow(id);
        return flow ? ok({ flow }) : notFound(`flow ${id}`);
      }),
      'content.form': ({ id }) => withReader((r) => {
        const form = r.form(id);
        return form ? ok({ form }) : notFound(`form ${id}`);
      }),
      'content.package': ({ id }) => withReader((r) => {
        const p = r.package(id);
        return p ? ok({ package: p }) : notFound(`package ${id}`);
      }),
      'content.policies': ({ profile }) => withReader((r) => ok({ policies: r.policies(profile) })),
      'content.servicePoints': ({ itemCode }) => withReader((r) => ok({ points: r.servicePoints(itemCode) })),
      'content.status': () => {
        const s = store.state();
        return ok({
          installedVersion: s.currentVersion,
          previousVersion: s.previousVersion,
          sample: reader?.meta().sample ?? false,
          lastAttempt: store.attempts(1)[0] ?? null,
          contentUrl,
          freshness: updates.freshness(),
        });
      },
      'content.importFromDirectory': async ({ dir }) => {
        try {
          return ok({ version: (await applyDir(path.resolve(dir), `directory:${dir}`)).version });
        } catch (err) {
          const r = err as BundleRejected;
          return fail('rejected', `bundle rejected (${r.reason}): ${r.message}`, { messageKey: `content.rejected.${r.reason}` });
        }
      },
      ...sentences.handlers,
    },
    health: () => ({ contentVersion: store.state().currentVersion, content: updates.freshness() }),
    notReady: () => {
      if (!reader) return [{ code: 'content-not-installed', message: 'no verified content is installed' }];
      const f = updates.freshness();
      return f.servable ? [] : [{ code: 'content-expired', message: `the content's signed metadata expired at ${f.expires} and the grace window ended at ${f.graceUntil}` }];
    },
    sessionEnded: () => updates.sessionEnded(),
    resetToFreshInstall: () => store.reset(),
    start: async () => {
      // Production without a trusted root verifies nothing, so it installs nothing (and says so).
      if (!config.content.trustedRootFile) return;
      store.pinRoot(fs.readFileSync(config.content.trustedRootFile, 'utf8'));
      store.removeUnreferenced();
      openCurrent();
      if (config.content.installSample && options.sample) await installSampleIfNeeded(options.sample);
      sentences.warm();
      if (contentUrl) {
        // At start too: a kiosk that was off while its mirror froze notices before it serves anything.
        void updates.check();
        timer = setInterval(() => void updates.check(), Math.max(5_000, pollMs));
        timer.unref();
      }
    },
    stop: async () => {
      if (timer) clearInterval(timer);
      await busy;
      reader?.close();
      reader = null;
    },
  };
}
