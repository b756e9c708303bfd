import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../../contract';
import type { platformApi } from '../../contract/api/platform';
import { checkMobile } from '../../kernel/identifiers';
import type { ApplicationRequest, QueueTicket } from '../../platform-wire/model';
import type { AreaHandlers } from '../bridge/dispatcher';
import type { ContentPort } from '../content/area';
import type { SessionPort } from '../session/area';
import type { PlatformClient, PlatformResult } from './client';
import type { DraftStore } from './drafts';
import type { OutboxStore } from './outbox-store';
import type { LocalQueue } from './queue-local';
import { from, offline, platformError } from './results';

export interface VisitDeps {
  readonly client: () => PlatformClient | null;
  readonly store: OutboxStore;
  readonly session: SessionPort;
  readonly content: ContentPort;
  readonly drafts: DraftStore;
  readonly localQueue: LocalQueue;
  /** The kiosk issued a number itself: it goes to the platform through the outbox when it is back. */
  readonly reconcileLater: (ticket: unknown) => void;
}

/** A ticket is worth waiting for: a slow platform (seconds) is not a platform that is down. */
const TICKET_TIMEOUT_MS = 20_000;

const cardFirst = (): Result<never> => fail('rejected', 'place your ID card on the reader first', { messageKey: 'platform.cardFirst' });

type VisitMethods =
  | 'platform.receiptBySlip'
  | 'platform.myCases'
  | 'platform.myEnterprises'
  | 'platform.laborContracts'
  | 'platform.crossRegionTarget'
  | 'platform.saveDraft'
  | 'platform.resumeDraft'
  | 'platform.queueTicket'
  | 'platform.appointmentSlots'
  | 'platform.bookAppointment'
  | 'platform.cancelAppointment';

/**
 * What a person does at the hall beyond filing: their own cases and drafts (by the card on the
 * reader, never by a number they type), a receipt found by its slip, where a matter belongs, a queue
 * number (from the kiosk's own range while the platform is down) and a booking bound to them.
 */
export function createVisitHandlers(d: VisitDeps): Pick<AreaHandlers<typeof platformApi>, VisitMethods> {
  const withClient = async <T>(f: (c: PlatformClient) => Promise<PlatformResult<T>>): Promise<Result<T>> => {
    const c = d.client();
    return c ? from(await f(c)) : offline();
  };
  const holder = () => {
    const p = d.session.current().person;
    return p ? { idNumber: p.idNumber, name: p.name } : null;
  };

  return {
    'platform.receiptBySlip': async ({ slipNumber }) => {
      const slip = slipNumber.trim().toUpperCase();
      // Still waiting here: no receipt exists yet, the slip is all there is; parked here: it never will.
      const local = d.store.bySlip(slip);
      if (local?.state === 'pending') return fail('unavailable', 'the filing is still waiting to be sent', { messageKey: 'platform.slipQueued' });
      if (local?.state === 'dead') {
        return local.parkedReason === 'refused'
          ? fail('rejected', 'the platform refused the filing', { messageKey: 'platform.slipRefused', ...(local.refusalCode ? { details: [local.refusalCode] } : {}) })
          : fail('unavailable', 'the filing could not be sent', { messageKey: 'platform.slipNotSent' });
      }
      return withClient((c) => c.bySlip(slip));
    },

    'platform.myCases': async () => {
      const who = holder();
      if (!who) return cardFirst();
      const c = d.client();
      const found = c ? await c.casesOf(who.idNumber) : null;
      const queued = d.store
        .pending('application')
        .filter((p) => (p.payload as ApplicationRequest).applicant?.agentIdNumber === who.idNumber)
        .map((p) => ({ slipNumber: p.entry.slipNumber, itemCode: (p.payload as ApplicationRequest).itemCode, submittedAt: p.entry.createdAt }));
      return ok({ cases: found?.ok ? found.value.applications : [], platformReachable: found?.ok ?? false, queued, drafts: d.drafts.list(who.idNumber) });
    },

    'platform.myEnterprises': async () => {
      const who = holder();
      if (!who) return cardFirst();
      return withClient((c) => c.personLinks(who.idNumber));
    },

    'platform.laborContracts': async ({ creditCode }) => {
      const who = holder();
      if (!who) return cardFirst();
      return withClient((c) => c.laborContracts(creditCode, who.idNumber));
    },

    'platform.crossRegionTarget': ({ itemCode, address }) => withClient((c) => c.crossRegionTarget(itemCode, address)),

    'platform.saveDraft': (draft) => {
      const who = holder();
      if (!who) return cardFirst();
      if (!d.content.item(draft.itemCode)) return fail('not-found', `item ${draft.itemCode} not found`, { messageKey: 'content.notFound' });
      return ok(d.drafts.save(who.idNumber, draft.itemCode, draft));
    },

    'platform.resumeDraft': ({ draftId }) => {
      const who = holder();
      if (!who) return cardFirst();
      const taken = d.drafts.take(who.idNumber, draftId);
      if (!taken) return fail('not-found', 'no such draft for this card (or it has expired)', { messageKey: 'platform.draftGone' });
      const c = taken.content as { itemCode: string; formId: string; values: Record<string, string>; answers?: Record<string, string | string[]>; materialIds?: string[] | null };
      return ok({ itemCode: c.itemCode, formId: c.formId, values: c.values, answers: c.answers ?? {}, materialIds: c.materialIds ?? null });
    },

    'platform.queueTicket': async ({ windowType, appointmentId }) => {
      const who = holder();
      const body = { windowType, ...(appointmentId ? { appointmentId } : {}), ...(who ? { holder: who } : {}) };
      const c = d.client();
      if (c) {
        const r = await c.takeTicket(body, randomUUID(), TICKET_TIMEOUT_MS);
        if (r.ok) {
          d.localQueue.noteTicket(r.value);
          return ok({ ...r.value, source: 'platform' as const, boundToCard: who !== null });
        }
        // A refusal is the platform's answer; only an unreachable platform makes the kiosk issue a number.
        if (!r.failure.retryable) return platformError(r.failure);
      }
      const ticket: QueueTicket = d.localQueue.issue(windowType);
      d.reconcileLater({ windowType, local: { number: ticket.ticketNumber, issuedAt: ticket.issuedAt }, ...(who ? { holder: who } : {}) });
      return ok({ ...ticket, source: 'kiosk' as const, boundToCard: who !== null });
    },

    'platform.appointmentSlots': ({ itemCode, date }) => withClient((c) => c.slots(itemCode, date)),

    'platform.bookAppointment': async ({ slotId, itemCode, contactMobile }) => {
      const who = holder();
      const mobile = contactMobile ? checkMobile(contactMobile) : null;
      if (mobile && !mobile.ok) return fail('rejected', mobile.message.en, { messageKey: `identifiers.${mobile.code}`, details: [mobile.message.zh] });
      // Bound to someone: the card on the reader, or a phone number for the reminder and the check-in.
      if (!who && !mobile) return fail('rejected', 'a booking needs the ID card on the reader or a phone number', { messageKey: 'platform.bookingNeedsContact' });
      const { creditCode } = d.session.current();
      const body = { slotId, itemCode, ...(creditCode ? { creditCode } : {}), ...(who ? { holder: who } : {}), ...(mobile?.ok ? { contactMobile: mobile.value } : {}) };
      const r = await withClient((c) => c.book(body, randomUUID()));
      return r.ok ? ok({ ...r.value, boundTo: who ? ('card' as const) : ('phone' as const) }) : r;
    },

    'platform.cancelAppointment': ({ appointmentId }) => withClient((c) => c.cancel(appointmentId, randomUUID())),
  };
}
