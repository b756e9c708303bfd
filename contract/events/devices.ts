import { z } from 'zod';
import { CARD_ERROR_KEYS } from '../../kernel/devices';
import { RATING_LEVEL_NAMES } from '../../kernel/rating';
import { evaluationReason } from '../../platform-wire/model/evaluation';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** GB/T 39734 levels as this project encodes them (5 best … 1 worst). */
export const ratingLevelName = z.enum(RATING_LEVEL_NAMES);

/** The decoded ID card as the renderer receives it (the raw photo never crosses the bridge). */
export const idCard = z.object({
  cardType: z.enum(['resident', 'foreignPermanent', 'hkMacaoTaiwan']),
  name: z.string(),
  englishName: z.string().nullable(),
  sex: z.enum(['male', 'female', 'unknown', 'unstated']),
  /** GB 3304 name without 族; null on cards without the field. */
  ethnicity: z.string().nullable(),
  birthDate: isoDate,
  address: z.string().nullable(),
  idNumber: z.string(),
  authority: z.string().nullable(),
  validFrom: isoDate,
  /** null = 长期 (no expiry). */
  validUntil: isoDate.nullable(),
  expired: z.boolean(),
  /** 'placeholder' unless a licensed WLT decoder is plugged in. */
  photo: z.union([z.literal('placeholder'), z.string().regex(/^data:image\/(png|bmp|jpeg);base64,/)]),
});
export type IdCard = z.infer<typeof idCard>;

/** Events of the devices area. */
export const devicesEvents = [
  z.object({ type: z.literal('card.read'), card: idCard }),
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
