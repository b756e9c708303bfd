import { z } from 'zod';
import { CARD_ERROR_KEYS } from '../../kernel/devices';
import { RATING_LEVEL_NAMES } from '../../kernel/rating';
import { evaluationReason } from '../../platform-wire/model/evaluation';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** GB/T 39734 levels as this project encodes them (5 best … 1 worst). */
export const ratingLevelName = z.enum(RATING_LEVEL_NAMES);

/**
 * The ID card as screens may show it, on a public screen: masked. The services keep the card itself
 * (the session's person) and never take identity back from the renderer.
 */
export const cardView = z.object({
  /** Opaque: the same card gives the same value while the kiosk runs (a card put back), nothing of the number. */
  holder: z.string().regex(/^[0-9a-f]{16}$/),
  cardType: z.enum(['resident', 'foreignPermanent', 'hkMacaoTaiwan']),
  nameMasked: z.string(),
  idNumberMasked: z.string(),
  sex: z.enum(['male', 'female', 'unknown', 'unstated']),
  /** null = 长期 (no expiry). */
  validUntil: isoDate.nullable(),
  expired: z.boolean(),
});
export type CardView = z.infer<typeof cardView>;

/** Events of the devices area. */
export const devicesEvents = [
  z.object({ type: z.literal('card.read'), card: cardView }),
  z.object({ type: z.literal('card.removed') }),
  z.object({
    type: z.literal('card.error'),
    reasonKey: z.enum(CARD_ERROR_KEYS),
    message: z.string(),
  }),
  z.object({
    type: z.literal('pad.rating'),
    /** The transaction passed to pad.requestRating, null if the pad rated a session we do not know. */
    transactionId: z.string().nullable(),
    level: z.number().int().min(1).max(5),
    levelName: ratingLevelName,
    /** The reasons picked on the pad, already mapped from the pad's codes by the devices area. */
    reasons: z.array(evaluationReason),
  }),
  z.object({ type: z.literal('pad.ratingTimeout'), transactionId: z.string().nullable() }),
  z.object({ type: z.literal('scanner.scan'), text: z.string().max(4096) }),
] as const satisfies readonly z.ZodObject[];
