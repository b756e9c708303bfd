import { fail, ok, type Result } from '../../contract';
import { provideRecord, stillToProvide, withRole } from '../../content-bundle/model';
import type { ElsewhereVerdict } from '../../content-bundle/model/approval';
import { checkCreditCode } from '../../kernel/identifiers';
import { evaluation, isBadRating, type ApplicationDecision, type ApplicationStatus, type MaterialToProvide } from '../../platform-wire/model';
import type { platformApi } from '../../contract/api/platform';
import type { AreaHandlers } from '../bridge/dispatcher';
import type { CertificateVerifier } from './certificates';
import type { PlatformClient, PlatformResult } from './client';
import type { OutboxEntry } from './outbox-store';
import type { OutboxSender } from './sender';
import { withCardValues } from '../session/card-values';
import type { CapturedPagesPort } from '../capture/area';
import { createVisitHandlers, type VisitDeps } from './handlers-visit';
import { from, offline } from './results';
import { slipNumberFor, kioskSlipCode, slipDay } from './slip';

export interface HandlerDeps extends VisitDeps {
  readonly sender: OutboxSender;
  readonly certificates: CertificateVerifier;
  readonly kioskId: string;
  /** A rule of the item says the matter belongs to another authority (the 秒批 rules with `elsewhere`, on the kiosk's facts). */
  readonly elsewhere: (itemCode: string, formData: Record<string, unknown>) => Promise<ElsewhereVerdict | null>;
  /** Pages captured with the document camera, handed over (and dropped there) as the filing is sealed. */
  readonly pages?: CapturedPagesPort;
}

const receiptStatus = (e: OutboxEntry): 'queued' | 'delivered' | 'failed' =>
  e.state === 'delivered' ? 'delivered' : e.state === 'dead' ? 'failed' : 'queued';

/** Why a dead letter was not delivered, in the bridge's terms (an unreadable entry waits for a technician too). */
export const outboxFailure = (e: OutboxEntry): { reason: 'refused' | 'gave-up'; code: string | null } | null =>
  e.state !== 'dead' ? null : e.parkedReason === 'refused' ? { reason: 'refused', code: e.refusalCode } : { reason: 'gave-up', code: null };

const applicationOutcome = (e: OutboxEntry, toProvide: readonly MaterialToProvide[] = []) => ({
  receiptId: e.receiptId,
  status: receiptStatus(e),
  applicationNumber: typeof e.result?.applicationNumber === 'string' ? e.result.applicationNumber : null,
  promisedDate: typeof e.result?.promisedDate === 'string' ? e.result.promisedDate : null,
  platformStatus: (typeof e.result?.status === 'string' ? e.result.status : null) as ApplicationStatus | null,
  decision: (e.result?.decision ?? null) as ApplicationDecision | null,
  failure: outboxFailure(e),
  slipNumber: e.slipNumber,
  toProvide: Array.isArray(e.result?.toProvide) ? (e.result.toProvide as MaterialToProvide[]) : [...toProvide],
  handledBy: typeof e.result?.handledBy === 'string' ? e.result.handledBy : null,
});

/** What is still to provide, as the platform records it: from the guide, the answers (with the session's role) and the choices. */
function provideRecordFor(
  d: HandlerDeps,
  itemCode: string,
  g: { answers: Record<string, string | string[]>; materialIds: string[] | null; formId: string | undefined; committed: boolean; ecerts: string[] },
  role: 'legal_rep' | 'agent' | null,
): MaterialToProvide[] {
  const item = d.content.item(itemCode);
  if (!item) return [];
  const flow = item.flowId ? d.content.flow(item.flowId) : null;
  const list = stillToProvide({
    item,
    answers: withRole(new Map(Object.entries(g.answers)), role),
    materialIds: g.materialIds,
    flow,
    choices: { ecertMaterialIds: g.ecerts, committed: g.committed, kioskFormId: g.formId ?? item.formId ?? null },
  });
  return provideRecord(list);
}

export function createPlatformHandlers(d: HandlerDeps): AreaHandlers<typeof platformApi> {
  /** Commits to the outbox, nudges the sender, and waits briefly for the platform's answer (or its refusal). */
  const submit = async (kind: 'application' | 'evaluation' | 'feedback' | 'help', payload: unknown, waitMs: number, slipNumber?: string): Promise<OutboxEntry> => {
    const { receiptId } = d.store.enqueue(kind, payload, slipNumber ? { slipNumber } : {});
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

    'platform.submitApplication': async ({ waitMs, answers, materialIds, formId, committed, crossRegionTarget, ...application }) => {
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
      const formData = withCardValues(application.formData, d.content.formsOf(application.itemCode), person, role);
      // A matter this district does not handle is not filed here: only 跨域通办 to where it belongs.
      const elsewhere = await d.elsewhere(application.itemCode, formData);
      if (elsewhere && !crossRegionTarget) {
        return fail('rejected', `handled by ${elsewhere.authority.en ?? elsewhere.authority.zh}`, { messageKey: 'platform.belongsElsewhere', details: [elsewhere.authority.zh] });
      }
      if (!elsewhere && crossRegionTarget) return fail('rejected', 'this matter is handled here', { messageKey: 'platform.crossRegionNotNeeded' });
      const toProvide = provideRecordFor(d, application.itemCode, { answers, materialIds, formId, committed, ecerts: application.attachments.flatMap((a) => (a.materialId ? [a.materialId] : [])) }, role);
      // The captured pages of materials still to provide go with it, sealed in the outbox like the rest.
      const pages = d.pages?.takeForFiling(application.itemCode, new Set(toProvide.map((m) => m.materialId))) ?? [];
      const slipNumber = slipNumberFor(d.kioskId, new Date(), d.store.lastSlip(`${kioskSlipCode(d.kioskId)}-${slipDay(new Date())}-`));
      const payload = {
        ...application,
        formData,
        applicant: {
          ...(creates ? {} : { creditCode: creditCode!, ...(enterpriseName ? { enterpriseName } : {}) }),
          agentName: person.name,
          agentIdNumber: person.idNumber,
        },
        slipNumber,
        toProvide,
        ...(crossRegionTarget ? { crossRegion: { targetRegion: crossRegionTarget } } : {}),
        ...(pages.length ? { pages } : {}),
      };
      return ok(applicationOutcome(await submit('application', payload, waitMs, slipNumber), toProvide));
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
        slipNumber: null,
        toProvide: [],
        handledBy: null,
      });
    },

    'platform.progress': ({ applicationNumber }) => withClient((c) => c.progress(applicationNumber)),

    'platform.evaluate': async ({ waitMs, ...input }) => {
      // A call-back number is asked only of a 差评 (with consent); any other rating carries none.
      const { contactMobile, ...rest } = input;
      const withContact = contactMobile && isBadRating(input.level) ? { ...rest, contactMobile } : rest;
      const parsed = evaluation.safeParse({ ...withContact, creditCode: input.creditCode ?? d.session.current().creditCode ?? undefined, ratedAt: new Date().toISOString() });
      if (!parsed.success) {
        return fail('rejected', 'a dissatisfied rating needs at least one reason', { messageKey: 'platform.evaluationReasonsRequired' });
      }
      // Waits like an application does, so "submitted" is said only when the platform has it.
      const e = await submit('evaluation', parsed.data, waitMs);
      return ok({ receiptId: e.receiptId, status: receiptStatus(e), callBackBy: typeof e.result?.callBackBy === 'string' ? e.result.callBackBy : null });
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

    ...createVisitHandlers(d),

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
