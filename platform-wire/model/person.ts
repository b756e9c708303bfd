import { z } from 'zod';

/** How a person stands to an enterprise in the register: its legal representative, or an agent it filed (授权经办人). */
export const enterpriseRelation = z.enum(['legal_rep', 'agent']);

/**
 * What the platform knows of a real-name person (asked with the ID number of the card on the reader):
 * the enterprises they may act for, and the mobile number of their real-name account. Nothing here is
 * typed again at the kiosk.
 */
export const personLinks = z.object({
  enterprises: z
    .array(z.object({ creditCode: z.string().length(18), name: z.string().min(1).max(100), relation: enterpriseRelation }))
    .max(50),
  /** The real-name account's mobile number (null: none on record). */
  mobile: z.string().regex(/^1\d{10}$/).nullable(),
});
export type PersonLinks = z.infer<typeof personLinks>;

/**
 * An electronic labour contract (电子劳动合同) the enterprise signed through the platform and has not
 * yet registered for employment (就业登记): what the registration asks is already in it.
 */
export const laborContract = z.object({
  contractId: z.string().min(1).max(40),
  workerName: z.string().min(1).max(50),
  workerIdNumber: z.string().length(18),
  startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  monthlyWage: z.number().positive(),
});
export type LaborContract = z.infer<typeof laborContract>;
export const laborContracts = z.object({ contracts: z.array(laborContract).max(200) });
