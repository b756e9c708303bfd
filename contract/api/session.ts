import { z } from 'zod';
import { cardView } from '../events/devices';
import { pageJpegBase64 } from '../../platform-wire/model/captured-page';
import { method } from './define';

export const applicantRole = z.enum(['legal_rep', 'agent']);

/** The session as screens see it: the card holder masked, the enterprise chosen, the role. */
export const sessionIdentityView = z.object({
  sessionId: z.string(),
  /** The holder of the card on the reader (null: no card, or an expired one). */
  person: cardView.nullable(),
  creditCode: z.string().nullable(),
  role: applicantRole.nullable(),
});
export type SessionIdentityView = z.infer<typeof sessionIdentityView>;

/**
 * Bridge methods of the session area. The person is the card the reader read, never a request:
 * identification carries only what a person chooses (the enterprise, the role).
 */
export const sessionApi = {
  /** Starts a session; a card already read stays its person. */
  'session.begin': method(z.object({ source: z.enum(['id-card', 'typed', 'qr', 'e-licence']) }).strict(), z.object({ sessionId: z.string() })),
  /** Chooses the enterprise (credit code) and the role the card holder acts in. */
  'session.identify': method(
    z.object({ creditCode: z.string().optional(), role: applicantRole.optional() }).strict(),
    sessionIdentityView,
  ),
  /**
   * The card holder's own details, for their own form on their own screen (the only unmasked view);
   * filings take them from the card again, never from the form.
   */
  'session.cardDetails': method(
    z.object({}).strict(),
    z.object({ person: z.object({ name: z.string(), idNumber: z.string(), address: z.string().nullable() }).nullable() }),
  ),
  /** 人证核验: whether a licensed face-check module is installed and configured (off: no screen offers or claims a check). */
  'session.faceCheckStatus': method(z.object({}).strict(), z.object({ available: z.boolean() })),
  /** Compares a live picture (JPEG, size-checked like a page) with the card's photo, by the installed module. */
  'session.faceCheck': method(z.object({ liveJpegBase64: pageJpegBase64 }).strict(), z.object({ verdict: z.enum(['match', 'mismatch', 'inconclusive']) })),
};
