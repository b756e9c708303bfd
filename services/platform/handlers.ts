import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../../contract';
import { checkCreditCode } from '../../kernel/identifiers';
import { evaluation, type ApplicationDecision, type ApplicationStatus } from '../../platform-wire/model';
import type { platformApi } from '../../contract/api/platform';
import type { AreaHandlers } from '../bridge/dispatcher';
import type { CertificateVerifier } from './certificates';
import type { PlatformClient, PlatformFailure, PlatformResult } from './client';
import type { OutboxEntry, OutboxStore } from './outbox-store';
import type { OutboxSender } from './sender';
import type { ContentPort } from '../content/area';
import type { SessionPort } from '../session/area';
import { withCardValues } from '../session/card-values';

export interface HandlerDeps {
  readonly client: () => PlatformClient | null;
  readonly store: OutboxStore;
  readonly sender: OutboxSender;
  readonly session: SessionPort;
  readonly content: ContentPort;
  readonly certificates: CertificateVerifier;
}

/** Maps a platform failure to the bridge's error vocabulary. */
export function platformError(f: PlatformFailure): Result<never> {
  if (f.status === 404) return fail('not-found', f.message, { messageKey: 'platform.notFound' });
  if (f.kind === 'http' && !f.retryable) return fail('rejected', f.message, { messageKey: 'platform.rejected', ...(f.code ? { details: [f.code] } : {}) });
  return fail('unavailable', f.message, { messageKey: 'platform.unavailable', details: [f.kind] });
}

const offline = (): Result<never> => fail('unavailable', 'the platform is not configured or not started', { messageKey: 'platform.unavailable' });

const from = <T>(r: PlatformResult<T>): Result<T> => (r.ok ? ok(r.value) : platformError(r.failure));

const receiptStatus = (e: OutboxEntry): 'queued' | 'delivered' | 'failed' =>
  e.state === 'delivered' ? 'delivered' : e.state === 'dead' ? 'failed' : 'queued';

/** Why a dead letter was not delivered, in the bridge's terms (an unreadable entry waits for a technician too). */
export const outboxFailure = (e: OutboxEntry): { reason: 'refused' | 'gave-up'; code: string | null } | null =>
  e.state !== 'dead' ? null : e.parkedReason === 'refused' ? { reason: 'refused', code: e.refusalCode } : { reason: 'gave-up', code: null };

const applicationOutcome = (e: OutboxEntry) => ({
  receiptId: e.receiptId,
  status: receiptStatus(e),
  applicationNumber: typeof e.result?.applicationNumber === 'string' ? e.result.applicationNumber : null,
  promisedDate: typeof e.result?.promisedDate === 'string' ? e.result.promisedDate : null,
  platformStatus: (typeof e.result?.status === 'string' ? e.result.status : null) as ApplicationStatus | null,
  decision: (e.result?.decision ?? null) as ApplicationDecision | null,
  failure: outboxFailure(e),
});

export function createPlatformHandlers(d: HandlerDeps): AreaHandlers<typeof platformApi> {
  /** Commits to the outbox, nudges the sender, and waits briefly for the platform's answer (or its refusal). */
  const submit = async (kind: 'application' | 'evaluation' | 'feedback' | 'help', payload: unknown, waitMs: number): Promise<OutboxEntry> => {
    const { receiptId } = d.store.enqueue(kind, payload);
    const waiting = waitMs > 0 ? d.sender.waitFor(receiptId, waitMs) : Promise.resolve(null);
    d.sender.kick();
    await waiting;
    const entry = d.store.get(receiptId);
    if (!entry) throw new Error('outbox entry vanished after commit');
    return entry;
  };

  const withClient = async <T>(f: (c: PlatformClient) => Promise<PlatformResult<T>>): Promise<Result<T>> => {
    const c = d.client();
    return c ? from(await f(c)) : offline();
  };

  return {
    'platform.enterprise': async ({ creditCode }) => {
      const code = checkCreditCode(creditCode);
      if (!code.ok) return fail('rejected', code.message.en, { messageKey: `identifiers.${code.code}`, details: [code.message.zh] });
      const r = await withClient((c) => c.enterprise(code.value.code));
      if (d.session.current().creditCode === code.value.code) {
        if (r.ok) d.session.setEnterprise({ name: r.value.name, standing: r.value.standing });
        else if (r.error.code === 'not-found') d.session.setEnterprise('not-found');
      }
      return r;
    },

    'platform.certificates': async ({ holderCode }) => {
      const code = checkCreditCode(holderCode);
      if (!code.ok) return fail('rejected', code.message.en, { messageKey: `identifiers.${code.code}`, details: [code.message.zh] });
      const r = await withClient((c) => c.certificates(code.value.code));
      if (!r.ok) return r;
      return ok({ certificates: await Promise.all(r.value.certificates.map((c) => d.certificates.view(c))) });
    },

    'platform.submitApplication': async ({ waitMs, ...application }) => {
      const { person, creditCode, enterpriseName, enterpriseStanding, role } = d.session.current();
      // A set-up registration is filed by the person alone: the enterprise it creates has no code yet.
      const creates = d.content.item(application.itemCode)?.createsEnterprise === true;
      if (!person || (!creates && !creditCode)) {
        return fail('rejected', 'identify the agent (ID card) and the enterprise (credit code) first', { messageKey: 'platform.identifyFirst' });
      }
      if (!creates && enterpriseStanding === 'not-found') {
        return fail('rejected', 'the platform has no enterprise with this credit code', { messageKey: 'platform.enterpriseNotFound' });
      }
      if (!creates && (enterpriseStanding === 'cancelled' || enterpriseStanding === 'revoked')) {
        return fail('rejected', `the enterprise is ${enterpriseStanding}`, { messageKey: 'platform.enterpriseNotActive', details: [enterpriseStanding] });
      }
      const payload = {
        ...application,
        formData: withCardValues(application.formData, d.content.formsOf(application.itemCode), person, role),
        applicant: {
          ...(creates ? {} : { creditCode: creditCode!, ...(enterpriseName ? { enterpriseName } : {}) }),
          agentName: person.name,
          agentIdNumber: person.idNumber,
        },
      };
      return ok(applicationOutcome(await submit('application', payload, waitMs)));
    },

    'platform.applicationStatus': async (input) => {
      if ('receiptId' in input) {
        const e = d.store.get(input.receiptId);
        return e ? ok(applicationOutcome(e)) : fail('not-found', 'no such receipt', { messageKey: 'platform.notFound' });
      }
      const r = await withClient((c) => c.progress(input.applicationNumber));
      if (!r.ok) return r;
      return ok({
        receiptId: null,
        status: 'delivered' as const,
        applicationNumber: r.value.applicationNumber,
        promisedDate: r.value.promisedDate,
        platformStatus: r.value.status,
        decision: r.value.decision,
        failure: null,
      });
    },

    'platform.progress': ({ applicationNumber }) => withClient((c) => c.progress(applicationNumber)),

    'platform.evaluate': async ({ waitMs, ...input }) => {
      const parsed = evaluation.safeParse({ ...input, creditCode: input.creditCode ?? d.session.current().creditCode ?? undefined, ratedAt: new Date().toISOString() });
      if (!parsed.success) {
        return fail('rejected', 'a dissatisfied rating needs at least one reason', { messageKey: 'platform.evaluationReasonsRequired' });
      }
      // Waits like an application does, so "submitted" is said only when the platform has it.
      const e = await submit('evaluation', parsed.data, waitMs);
      return ok({ receiptId: e.receiptId, status: receiptStatus(e) });
    },

    'platform.feedback': async ({ waitMs, ...input }) => {
      const e = await submit('feedback', { ...input, reportedAt: new Date().toISOString() }, waitMs);
      return ok({ receiptId: e.receiptId, status: receiptStatus(e) });
    },

    'platform.requestHelp': async ({ waitMs, ...input }) => {
      const { person, creditCode } = d.session.current();
      const payload = {
        ...input,
        ...(creditCode && !input.creditCode ? { creditCode } : {}),
        ...(person && !input.contactName ? { contactName: person.name } : {}),
        requestedAt: new Date().toISOString(),
      };
      const e = await submit('help', payload, waitMs);
      d.session.openHelp.add(e.receiptId);
      return ok({ receiptId: e.receiptId, status: receiptStatus(e), helpId: typeof e.result?.helpId === 'string' ? e.result.helpId : null });
    },

    'platform.helpStatus': async ({ receiptId }) => {
      const e = d.store.get(receiptId);
      if (!e) return fail('not-found', 'no such help request', { messageKey: 'platform.notFound' });
      const helpId = typeof e.result?.helpId === 'string' ? e.result.helpId : null;
      if (!helpId) return ok({ receiptId, status: receiptStatus(e), help: null });
      const r = await withClient((c) => c.helpStatus(helpId));
      return r.ok ? ok({ receiptId, status: 'delivered' as const, help: r.value }) : r;
    },

    'platform.queueTicket': (input) => withClient((c) => c.takeTicket(input, randomUUID())),

    'platform.appointmentSlots': ({ itemCode, date }) => withClient((c) => c.slots(itemCode, date)),

    'platform.bookAppointment': ({ slotId, itemCode }) => {
      const { creditCode } = d.session.current();
      return withClient((c) => c.book({ slotId, itemCode, ...(creditCode ? { creditCode } : {}) }, randomUUID()));
    },

    'platform.cancelAppointment': ({ appointmentId }) => withClient((c) => c.cancel(appointmentId, randomUUID())),

    'outbox.status': () => {
      const counts = d.store.counts();
      return ok({
        depth: counts.pending + counts.dead,
        pending: d.store.pendingByKind().map((p) => ({ kind: p.kind, count: p.n, oldest: p.oldest })),
        deadLetters: d.store.deadLetters().map((e) => ({
          receiptId: e.receiptId,
          kind: e.kind,
          attempts: e.attempts,
          lastError: e.lastError,
          createdAt: e.createdAt,
        })),
      });
    },

    'outbox.retry': ({ receiptId }) => {
      const requeued = d.store.requeue(receiptId);
      if (requeued) d.sender.kick();
      return ok({ requeued });
    },
  };
}
