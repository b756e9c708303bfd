import { createHash, randomInt, randomUUID } from 'node:crypto';
import path from 'node:path';
import type { z } from 'zod';
import {
  commandResultAnswer,
  enrolAnswer,
  FLEET_PATHS,
  heartbeatAnswer,
  PAIRING_ALPHABET,
  type Diagnostics,
  type FleetCommand,
  type Heartbeat,
  type HeartbeatAnswer,
} from '../../console/wire/protocol';
import { COMPLAINT_STATUS_PATH, complaintStatusAnswer, FEEDBACK_CATEGORIES, RATING_REASONS, REPORTS_PATH, reportAnswer, UNFOUND_SENTENCE_MAX, type ServiceReport } from '../../console/wire/reports';
import { isBadRating, ratingByLevel, type RatingLevel } from '../../kernel/rating';
import { fail, ok, type Health } from '../../contract';
import type { fleetApi, FleetStatus } from '../../contract/api/fleet';
import type { AreaDeps, ServiceArea } from '../area';
import { loadSigningKey, type KeyProvider } from '../platform/keys';
import { SettingsRepository } from '../store/database';
import { FleetClient, type FleetCallResult } from './client';
import { runCommand, type CommandOutcome } from './commands';
import { gatherDiagnostics } from './diagnostics';
import { FleetReportStore, type NewReport } from './reports';
import { FleetCommandStore, fleetMigrations } from './store';

export { fleetMigrations };

/** What the fleet area needs from the rest of the kiosk (ports handed in by the composition root). */
export interface FleetAreaOptions {
  readonly health: () => Health;
  /** A person's session is open (content never switches and the screen is not touched under them). */
  readonly sessionInProgress: () => boolean;
  readonly outbox: () => Diagnostics['outbox'];
  /** The content area's staged-rollout port: the newest version this kiosk may install (null: newest signed). */
  readonly offerContentVersion?: (version: number | null) => void;
  readonly checkContentNow?: () => Promise<void>;
  /** The same for app builds, once something installs them. */
  readonly offerAppVersion?: (version: string | null) => void;
  /** A host that can photograph its screen (the Electron shell). */
  readonly captureScreen?: () => Promise<Buffer>;
  /** The outbox key: service reports wait sealed with it (no key: nothing is reported to the console). */
  readonly keys?: KeyProvider;
  readonly fetch?: typeof fetch;
  /** The installed content's department of an item: reports carry it for statistics by department. */
  readonly departmentOf?: (itemCode: string) => { id: string; name: string } | null;
}

/** A rating as the platform area took it (its bridge input). */
export interface RatedInput {
  readonly scope: 'service' | 'matter';
  readonly level: Extract<ServiceReport, { kind: 'evaluation' }>['level'];
  readonly reasons: readonly string[];
  readonly itemCode?: string | undefined;
  readonly windowId?: string | undefined;
  readonly comment?: string | undefined;
  /** Given only with the person's consent to a call back. */
  readonly contactMobile?: string | undefined;
}

export interface FleetPort {
  status(): FleetStatus;
  /** A rating taken at this kiosk (pad or screen): to the console too, through the durable report outbox. */
  rated(input: RatedInput): void;
  /** A 办不成事 report taken at this kiosk. */
  feedback(input: { category: string; description: string; itemCode?: string | undefined; contactMobile?: string | undefined }): void;
  /** A person's session ended (the denominator of the share of sessions rated). */
  sessionEnded(): void;
  /** A sentence typed at 智能导办 that found nothing, already scrubbed by the content area: the text only. */
  unfoundSentence(text: string): void;
  /** Whether reports reach a console from here (a console is configured and the outbox key is there). */
  reporting(): boolean;
  /** A 体验员 run ended: to the console under its run id (queued once however often handed over). */
  experienceRun(run: Omit<Extract<ServiceReport, { kind: 'experience-run' }>, 'id' | 'at' | 'kind'>): void;
  /** A signed call to the console for another area (视频办事), once this kiosk is approved; null before. */
  signed<T>(path: string, body: unknown, answer: z.ZodType<T>): Promise<FleetCallResult<T>> | null;
}

export interface FleetArea extends ServiceArea<typeof fleetApi> {
  readonly port: FleetPort;
}

/** Update failures worth reporting against a version: not the mirror being unreachable. */
const TRANSPORT_REASONS = new Set(['unreachable', 'stalled', 'redirect']);
const REVOKED_RETRY_MS = 10 * 60_000;
const REFUSED_RETRY_MS = 5 * 60_000;

const newPairingCode = (): string => Array.from({ length: 6 }, () => PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)]).join('');

/**
 * The kiosk's link to the operators' fleet console (KIOSK_FLEET_URL): it enrols with a pairing code an
 * operator approves, then sends a heartbeat every minute or so (the console's pace, with this kiosk's
 * own jitter so a hall's kiosks never beat together), every request signed with the kiosk's key. The
 * answers say which content and app versions it may install (a staged rollout) and bring remote
 * commands, each run once and reported.
 */
export function createFleetArea(deps: AreaDeps, o: FleetAreaOptions): FleetArea {
  const { config, db, log, bus, kioskId } = deps;
  const url = config.fleet.url;
  const settings = new SettingsRepository(db);
  const commands = new FleetCommandStore(db);
  // Only with a console to send them to: a kiosk without one keeps nothing of the sort.
  const reports = o.keys && url ? new FleetReportStore(db, o.keys) : null;
  const key = loadSigningKey(path.join(config.dataDir, 'platform'), kioskId);
  const client = url ? new FleetClient(url, key, o.fetch ? { fetch: o.fetch } : {}) : null;
  const bootId = randomUUID();
  // A fixed share of ±10 % per kiosk, plus a little each beat: a hall powered on at once spreads out.
  const jitterBase = 0.9 + (createHash('sha256').update(kioskId).digest().readUInt16BE(0) / 0xffff) * 0.2;

  if (url && settings.get('fleet.console') !== url) {
    // Another console: this kiosk enrols there afresh.
    for (const k of ['fleet.state', 'fleet.hall', 'fleet.label']) settings.set(k, '');
    settings.set('fleet.console', url);
  }
  const stored = settings.get('fleet.state');
  let state: FleetStatus['state'] = !url ? 'off' : stored === 'approved' || stored === 'revoked' ? stored : 'enrolling';
  let pairingCode = settings.get('fleet.pairingCode') || null;
  let hall: FleetStatus['hall'] = JSON.parse(settings.get('fleet.hall') || 'null') as FleetStatus['hall'];
  let label = settings.get('fleet.label') || null;
  let lastContactAt: string | null = null;
  let lastBeatAt: string | null = null;
  let lastProblem: string | null = null;
  let loggedCode: string | null = null;
  let loggedCodeAt = 0;
  let beatSeconds = 60;
  let timer: NodeJS.Timeout | null = null;
  let nextAt = 0;
  let stopped = true;
  let lastError: Heartbeat['lastError'] = null;
  const offers = { content: null as number | null, contentAttempt: -1, contentAt: 0, app: null as string | null, appAttempt: -1 };
  let contentFailure: Heartbeat['updates']['content']['failed'] = null;
  const attachments = new Map<string, CommandOutcome['attachment']>();
  let commandChain: Promise<void> = Promise.resolve();
  const sessionWaiters = new Set<() => void>();

  const setState = (s: FleetStatus['state']): void => {
    if (s === state) return;
    state = s;
    if (s === 'approved' || s === 'revoked') settings.set('fleet.state', s);
    else if (settings.get('fleet.state')) settings.set('fleet.state', '');
  };

  const schedule = (ms: number, run: () => Promise<void>): void => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    nextAt = Date.now() + ms;
    timer = setTimeout(() => {
      timer = null;
      void run().catch((err: unknown) => {
        log.error('fleet link failed', { error: err instanceof Error ? err.message : String(err) });
        schedule(beatSeconds * 1000, state === 'approved' ? beat : enrol);
      });
    }, ms);
    timer.unref();
  };
  const nextBeatMs = (): number => Math.round(beatSeconds * 1000 * jitterBase * (0.95 + Math.random() * 0.1));

  const status = (): FleetStatus => ({
    state,
    consoleUrl: url,
    kioskId,
    pairingCode: state === 'approved' ? null : pairingCode,
    hall,
    label,
    lastContactAt,
    lastBeatAt,
    lastProblem,
    clockOffsetMs: client?.offsetMs ?? null,
    offers: { content: offers.content, app: offers.app },
    commandsRun: commands.count(),
  });

  // --- enrolment -------------------------------------------------------------------------------

  const enrol = async (): Promise<void> => {
    if (!client) return;
    if (!pairingCode) {
      pairingCode = newPairingCode();
      settings.set('fleet.pairingCode', pairingCode);
    }
    const r = await client.call(
      FLEET_PATHS.enrol,
      { kioskId, publicKeySpkiBase64: key.publicKeySpkiBase64, pairingCode, appVersion: config.version, contentVersion: o.health().contentVersion },
      enrolAnswer,
    );
    if (!r.ok) {
      if ('unreachable' in r) {
        lastProblem = `console unreachable: ${r.unreachable}`;
        return schedule(Math.min(60_000, beatSeconds * 1000), enrol);
      }
      lastProblem = r.refusal.code;
      if (r.refusal.code === 'stale') return schedule(1_000, enrol);
      if (r.refusal.code === 'revoked') {
        if (state !== 'revoked') log.warn('fleet: this kiosk has been revoked by an operator');
        setState('revoked');
        return schedule(REVOKED_RETRY_MS, enrol);
      }
      log.warn('fleet: enrolment refused', { code: r.refusal.code, message: r.refusal.message });
      setState('refused');
      return schedule(REFUSED_RETRY_MS, enrol);
    }
    lastContactAt = new Date().toISOString();
    lastProblem = null;
    const a = r.value;
    if (a.status === 'code-taken') {
      pairingCode = newPairingCode();
      settings.set('fleet.pairingCode', pairingCode);
      return schedule(0, enrol);
    }
    if (a.status === 'approved') {
      hall = a.hall;
      label = a.label;
      settings.set('fleet.hall', JSON.stringify(hall));
      settings.set('fleet.label', label ?? '');
      if (state !== 'approved') log.info('fleet: enrolled with the console', { console: url, hall: hall?.id ?? null });
      setState('approved');
      return schedule(0, beat);
    }
    setState(a.status === 'revoked' ? 'revoked' : 'pending');
    // The code is what a technician reads out to the operator: in the log when it is new, and every ten minutes.
    if (pairingCode !== loggedCode || Date.now() - loggedCodeAt > 10 * 60_000) {
      loggedCode = pairingCode;
      loggedCodeAt = Date.now();
      log.info('fleet: waiting for an operator to approve this kiosk', { pairingCode, console: url });
    }
    schedule(a.retrySeconds * 1000, enrol);
  };

  // --- heartbeats ------------------------------------------------------------------------------

  const heartbeat = (): Heartbeat => {
    const h = o.health();
    const installed = h.contentVersion;
    const rejected = h.content.lastRejected;
    if (offers.content !== null && (installed ?? 0) >= offers.content) contentFailure = null;
    else if (offers.content !== null && rejected && !TRANSPORT_REASONS.has(rejected.reason) && Date.parse(rejected.at) >= offers.contentAt) {
      contentFailure = { version: offers.content, reason: rejected.reason.slice(0, 40), at: rejected.at };
    }
    const out = o.outbox();
    return {
      sentAt: new Date().toISOString(),
      bootId,
      uptimeSeconds: Math.round(process.uptime()),
      appVersion: h.version,
      content: { version: installed, expires: h.content.expires, lastRefresh: h.content.lastRefresh },
      devices: h.devices.slice(0, 16).map((d) => ({ role: d.role, state: d.state, ...(d.condition ? { condition: d.condition } : {}), since: d.since })),
      // Reports still waiting for the console count as outbox depth too: a kiosk that cannot deliver them shows it.
      outbox: { pending: out.pending + (reports?.pending() ?? 0), dead: out.dead },
      lastError,
      sessionInProgress: o.sessionInProgress(),
      ready: h.ready,
      notReady: h.reasons.slice(0, 20).map((r) => r.code.slice(0, 64)),
      platformReachable: h.platform.reachable,
      updates: { content: { offered: offers.content, failed: contentFailure }, app: { offered: offers.app, failed: null } },
    };
  };

  const applyOffers = (a: HeartbeatAnswer['offers']): void => {
    if (a.content.version !== offers.content || a.content.attempt !== offers.contentAttempt) {
      offers.content = a.content.version;
      offers.contentAttempt = a.content.attempt;
      offers.contentAt = Date.now();
      contentFailure = null;
      // The content area installs only between sessions; looking at once makes a rollout visible within a beat or two.
      o.offerContentVersion?.(a.content.version);
      if (o.checkContentNow) {
        const spread = Math.round(Math.random() * Math.min(30_000, (beatSeconds * 1000) / 2));
        setTimeout(() => void o.checkContentNow?.().catch(() => undefined), spread).unref();
      }
    }
    if (a.app.version !== offers.app || a.app.attempt !== offers.appAttempt) {
      offers.app = a.app.version;
      offers.appAttempt = a.app.attempt;
      o.offerAppVersion?.(a.app.version);
    }
  };

  /**
   * Offered a version the mirror did not have yet (an operator started the rollout before publishing):
   * look again every few beats instead of waiting for the next scheduled poll.
   */
  let lastRecheck = 0;
  const recheckOffered = (): void => {
    const installed = o.health().contentVersion ?? 0;
    if (!o.checkContentNow || offers.content === null || installed >= offers.content || contentFailure) return;
    if (Date.now() - Math.max(lastRecheck, offers.contentAt) < Math.max(10_000, beatSeconds * 5_000)) return;
    lastRecheck = Date.now();
    void o.checkContentNow().catch(() => undefined);
  };

  const beat = async (): Promise<void> => {
    if (!client) return;
    const r = await client.call(FLEET_PATHS.heartbeat, heartbeat(), heartbeatAnswer);
    if (!r.ok) {
      if ('unreachable' in r) {
        lastProblem = `console unreachable: ${r.unreachable}`;
        return schedule(nextBeatMs(), beat);
      }
      lastProblem = r.refusal.code;
      switch (r.refusal.code) {
        case 'unknown-kiosk':
        case 'pending':
          log.warn('fleet: the console no longer knows this kiosk; enrolling again', { code: r.refusal.code });
          setState('enrolling');
          return schedule(1_000, enrol);
        case 'revoked':
          log.warn('fleet: this kiosk has been revoked by an operator');
          setState('revoked');
          return schedule(REVOKED_RETRY_MS, enrol);
        case 'stale':
        case 'replayed':
          return schedule(1_000, beat);
        default:
          log.warn('fleet: heartbeat refused', { code: r.refusal.code, message: r.refusal.message });
          return schedule(nextBeatMs(), beat);
      }
    }
    lastContactAt = lastBeatAt = new Date().toISOString();
    lastProblem = null;
    beatSeconds = r.value.nextBeatSeconds;
    applyOffers(r.value.offers);
    recheckOffered();
    for (const c of r.value.commands) take(c);
    void reportUnfinished();
    void sendReports();
    schedule(nextBeatMs(), beat);
  };

  /** Something an operator would want to see soon changed: beat within seconds instead of at the next minute. */
  const nudge = (): void => {
    if (state !== 'approved' || stopped || nextAt - Date.now() < 3_000) return;
    if (lastBeatAt && Date.now() - Date.parse(lastBeatAt) < 2_000) return;
    schedule(1_000, beat);
  };

  // --- service reports (ratings, 办不成事, sessions) --------------------------------------------

  let sending: Promise<void> | null = null;
  let reportsAgain = false;
  let lastPadLevel: string | null = null;
  /** Sends what waits, oldest first, a batch at a time, until empty or the console does not take it (tried again after the next beat). */
  const sendReports = (): Promise<void> => {
    if (!client || !reports || state !== 'approved' || stopped) return Promise.resolve();
    if (sending) {
      reportsAgain = true;
      return sending;
    }
    sending = (async () => {
      do {
        reportsAgain = false;
        for (;;) {
          const { reports: batch, unreadable } = reports.next(50);
          if (unreadable > 0) noteError('fleet-reports', `${unreadable} report(s) could not be unsealed and were dropped`);
          if (batch.length === 0) break;
          const r = await client.call(REPORTS_PATH, { reports: batch }, reportAnswer);
          if (!r.ok) {
            lastProblem = 'unreachable' in r ? `console unreachable: ${r.unreachable}` : r.refusal.code;
            return;
          }
          const sent = new Set(batch.map((b) => b.id));
          reports.delivered(r.value.accepted.filter((id) => sent.has(id)));
          if (r.value.accepted.length === 0) return;
        }
      } while (reportsAgain);
    })()
      .catch((err: unknown) => log.error('fleet: sending reports failed', { error: err instanceof Error ? err.message : String(err) }))
      .finally(() => {
        sending = null;
      });
    return sending;
  };
  const record = (report: NewReport, ownId?: string): void => {
    if (!reports) return;
    let id: string;
    try {
      id = reports.add(report, new Date(), ownId);
    } catch (err) {
      // The platform has the rating already; the console's copy is what is lost, and said so.
      noteError('fleet-reports', `a ${report.kind} report could not be stored: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    log.info('fleet: service report recorded', { report: id, kind: report.kind });
    void sendReports();
  };
  const consentedContact = (mobile: string | undefined): { contact: { consent: true; mobile: string } } | Record<string, never> =>
    mobile && /^1\d{10}$/.test(mobile) ? { contact: { consent: true, mobile } } : {};
  // What a person typed may hold an ID or phone number: the console gets it through the log redactor
  // (numbers by shape, this session's names by value); a call-back number travels only in its consented field.
  const freeText = (text: string, max: number): string => log.redactor.redact(text).slice(0, max) || '-';
  const codeOrNone = (v: string | undefined): string | undefined => (v && /^[A-Za-z0-9._:-]{1,64}$/.test(v) ? v : undefined);
  /** The item's code and, when the content knows it, its department (both only when the code is well formed). */
  const itemFields = (raw: string | undefined): { itemCode?: string; department?: { id: string; name: string } } => {
    const itemCode = codeOrNone(raw);
    if (!itemCode) return {};
    const dept = o.departmentOf?.(itemCode);
    const department = dept && codeOrNone(dept.id) && dept.name.trim() ? { id: dept.id, name: dept.name.trim().slice(0, 60) } : null;
    return { itemCode, ...(department ? { department } : {}) };
  };
  const port: FleetPort = {
    status,
    rated: (e) => {
      // Rated on the pad when the pad's last rating of this session is the level taken: otherwise on the screen.
      const channel = lastPadLevel === e.level ? 'pad' : 'screen';
      const windowId = codeOrNone(e.windowId);
      record({
        kind: 'evaluation',
        level: e.level,
        scope: e.scope,
        channel,
        reasons: e.reasons.filter((r): r is (typeof RATING_REASONS)[number] => (RATING_REASONS as readonly string[]).includes(r)),
        ...itemFields(e.itemCode),
        ...(windowId ? { windowId } : {}),
        ...(e.comment ? { comment: freeText(e.comment, 500) } : {}),
        ...(isBadRating(e.level) ? consentedContact(e.contactMobile) : {}),
      });
    },
    feedback: (f) => {
      const category = (FEEDBACK_CATEGORIES as readonly string[]).includes(f.category) ? (f.category as (typeof FEEDBACK_CATEGORIES)[number]) : 'other';
      record({ kind: 'feedback', category, description: freeText(f.description, 1000), ...itemFields(f.itemCode), ...consentedContact(f.contactMobile) });
    },
    sessionEnded: () => record({ kind: 'session' }),
    signed: (p, body, answer) => (client && state === 'approved' && !stopped ? client.call(p, body, answer) : null),
    unfoundSentence: (text) => {
      // Scrubbed by the content area already; the redactor once more, in case the filters ever part ways.
      const clean = log.redactor.redact(text).replace(/\s+/g, ' ').trim().slice(0, UNFOUND_SENTENCE_MAX);
      if (clean) record({ kind: 'unfound-sentence', text: clean });
    },
    reporting: () => reports !== null,
    // The recorder redacted the notes as they were taken; its run id is the report's, so it is queued once.
    experienceRun: (run) => record({ kind: 'experience-run', ...run }, run.runId),
  };

  // --- commands --------------------------------------------------------------------------------

  const noSessionBy = (deadline: number): Promise<boolean> =>
    !o.sessionInProgress()
      ? Promise.resolve(true)
      : new Promise((resolve) => {
          const done = (): void => {
            clearTimeout(t);
            sessionWaiters.delete(done);
            resolve(!o.sessionInProgress());
          };
          const t = setTimeout(done, Math.max(0, deadline - Date.now()));
          t.unref();
          sessionWaiters.add(done);
        });

  const restartRenderer = (withinMs: number): Promise<boolean> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        unsubscribe();
        resolve(false);
      }, withinMs);
      // A renderer that starts ends whatever the services still hold, with this reason.
      const unsubscribe = bus.subscribe((e) => {
        if (e.type === 'session.expired' && e.reason === 'renderer-start') {
          clearTimeout(t);
          unsubscribe();
          resolve(true);
        }
      });
      bus.publish({ type: 'fleet.restartRenderer' });
    });

  const report = async (id: string, outcome: 'done' | 'failed', detail: string): Promise<void> => {
    if (!client) return;
    const attachment = attachments.get(id);
    const r = await client.call(
      FLEET_PATHS.commandResult,
      { commandId: id, outcome, detail: detail.slice(0, 500), ...(attachment ? { attachment } : {}) },
      commandResultAnswer,
    );
    // Recorded, or the console already has a final state for it (expired, reported before): either way it is over.
    if (r.ok) {
      commands.reported(id);
      attachments.delete(id);
    }
  };
  const reportUnfinished = async (): Promise<void> => {
    for (const c of commands.unreported()) await report(c.id, c.state === 'done' ? 'done' : 'failed', c.detail ?? '');
  };

  const take = (c: FleetCommand): void => {
    if (!commands.take(c.id, c.kind, c.expiresAt, new Date())) return; // seen before: never run twice
    log.info('fleet: command received', { command: c.id, kind: c.kind });
    commandChain = commandChain.then(async () => {
      const out = await runCommand(c, {
        ...(o.checkContentNow
          ? {
              checkContent: async () => {
                await o.checkContentNow!();
                const h = o.health();
                return `installed content version ${h.contentVersion ?? 'none'} (${h.content.state})`;
              },
            }
          : {}),
        restartRenderer,
        diagnostics: () =>
          gatherDiagnostics({
            health: () => o.health() as unknown as Record<string, unknown>,
            fleet: () => status() as unknown as Record<string, unknown>,
            outbox: o.outbox,
            logFile: path.join(config.dataDir, 'logs', 'kiosk.log'),
            redactor: log.redactor,
          }),
        ...(o.captureScreen ? { captureScreen: o.captureScreen } : {}),
        noSessionBy,
      }).catch((err: unknown): CommandOutcome => ({ outcome: 'failed', detail: err instanceof Error ? err.message : String(err) }));
      commands.finish(c.id, out.outcome, out.detail);
      if (out.attachment) attachments.set(c.id, out.attachment);
      log.info('fleet: command finished', { command: c.id, kind: c.kind, outcome: out.outcome });
      await report(c.id, out.outcome, out.detail);
    });
  };

  const noteError = (source: string, message: string): void => {
    lastError = { at: new Date().toISOString(), source: source.slice(0, 40), message: log.redactor.redact(message).slice(0, 300) };
  };
  const unsubscribe = bus.subscribe((e) => {
    if (e.type === 'content.rejected') noteError('content', `${e.reason}: ${e.message}`);
    else if (e.type === 'outbox.failed') noteError('outbox', `${e.kind} ${e.reason}${e.code ? ` (${e.code})` : ''}`);
    else if (e.type === 'device.status' && e.status.state === 'error') noteError(`device:${e.status.role}`, e.status.reason);
    if (e.type === 'device.status' || e.type === 'content.updated' || e.type === 'outbox.failed') nudge();
    if (e.type === 'pad.rating') lastPadLevel = ratingByLevel(e.level as RatingLevel).id;
    if (e.type === 'session.expired') lastPadLevel = null;
  });

  return {
    port,
    handlers: {
      'fleet.status': () => ok(status()),
      'complaint.file': async (input) => {
        if (!reports) return fail('unavailable', 'this kiosk has no fleet console to take complaints', { messageKey: 'complaint.unavailable' });
        // Readable over the phone, unguessable enough that a number found by chance is unlikely.
        const day = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(2, 10).replaceAll('-', '');
        const number = `TS${day}-${Array.from({ length: 6 }, () => PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)]).join('')}`;
        const windowId = codeOrNone(input.windowId);
        const happened = input.happenedAt && Number.isFinite(Date.parse(input.happenedAt)) ? new Date(input.happenedAt).toISOString() : undefined;
        let id: string;
        try {
          id = reports.add({
            kind: 'complaint',
            number,
            category: input.category,
            description: freeText(input.description, 1000),
            ...(happened ? { happenedAt: happened } : {}),
            ...itemFields(input.itemCode),
            ...(windowId ? { windowId } : {}),
            ...consentedContact(input.contactMobile),
          });
        } catch (err) {
          log.error('fleet: a complaint could not be stored', { error: err instanceof Error ? err.message : String(err) });
          return fail('internal', 'the complaint could not be stored');
        }
        log.info('fleet: complaint recorded', { report: id });
        // A short wait so the screen can say "received by the hall" when the console is up; queued otherwise, never lost.
        await Promise.race([sendReports(), new Promise((r) => setTimeout(r, 3_000).unref())]);
        return ok({ number, status: reports.isDelivered(id) ? ('delivered' as const) : ('queued' as const) });
      },
      'complaint.lookup': async ({ number }) => {
        if (!reports || !client) return fail('unavailable', 'this kiosk has no fleet console', { messageKey: 'complaint.unavailable' });
        const waiting = reports.waitingRef(number);
        if (waiting) return ok({ number, state: 'queued' as const, openedAt: waiting, answer: null, answeredAt: null });
        const r = await client.call(COMPLAINT_STATUS_PATH, { number }, complaintStatusAnswer);
        if (!r.ok) return fail('unavailable', 'the hall cannot be asked right now', { messageKey: 'complaint.lookupUnavailable' });
        if (!r.value.found || !r.value.state) return fail('not-found', 'no complaint with this number', { messageKey: 'complaint.notFound' });
        return ok({ number, state: r.value.state, openedAt: r.value.openedAt, answer: r.value.answer, answeredAt: r.value.answeredAt });
      },
    },
    start: async () => {
      if (!client) return;
      stopped = false;
      commands.failInterrupted();
      commands.prune(new Date(Date.now() - 30 * 86_400_000));
      reports?.prune(new Date(Date.now() - 7 * 86_400_000));
      // Soon, but not all at once after a hall's power comes back.
      const first = Math.round(Math.random() * 2_000);
      schedule(first, state === 'approved' ? beat : enrol);
    },
    stop: async () => {
      stopped = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      for (const w of [...sessionWaiters]) w();
      await commandChain;
      await sending;
    },
    sessionEnded: () => {
      for (const w of [...sessionWaiters]) w();
      nudge();
    },
  };
}
