import { z } from 'zod';
import { fieldRule } from './conditions';
import { contentId, localText } from './text';

/** 一件事: several items filed together with one merged material list. */
export const servicePackage = z.object({
  id: contentId,
  name: localText,
  description: localText,
  itemCodes: z.array(z.string()).min(2),
  /** Merged list: `itemCode:materialId` references, in the order the applicant prepares them. */
  mergedMaterials: z.array(z.object({ ref: z.string().regex(/^[^:]+:[a-z0-9_-]+$/), sharedBy: z.array(z.string()).default([]) })).min(1),
  promisedDays: z.number().nonnegative(),
  maxVisits: z.number().int().min(0),
  leadDepartment: localText,
});
export type ServicePackage = z.infer<typeof servicePackage>;

/** 惠企 policy with a machine-checkable eligibility rule over the enterprise profile. */
export const policy = z.object({
  id: contentId,
  name: localText,
  issuer: localText,
  basis: localText,
  summary: localText,
  benefit: localText,
  mode: z.enum(['no_application', 'claim_on_return', 'application']), // 免申即享 / 申报即享 / 需申请
  eligibility: fieldRule,
  /** Reasons shown per top-level rule of `eligibility.all` (same order), zh + en. */
  ruleLabels: z.array(localText).default([]),
  validUntil: z.string().date().optional(),
  applyItemCode: z.string().optional(),
});
export type Policy = z.infer<typeof policy>;

export const notice = z.object({
  id: contentId,
  title: localText,
  body: localText,
  publishedAt: z.string().date(),
  expiresAt: z.string().date().optional(),
  level: z.enum(['info', 'important']),
});
export type Notice = z.infer<typeof notice>;

/** 就近办 service point. */
export const servicePoint = z.object({
  id: contentId,
  name: localText,
  hallCode: z.string(),
  address: localText,
  hours: localText,
  phone: z.string(),
  town: z.string(),
  itemCodes: z.array(z.string()),
  categories: z.array(z.enum(['business_licensing', 'investment_construction', 'enterprise_registration', 'social_livelihood', 'tax', 'public_security', 'other'])),
});
export type ServicePoint = z.infer<typeof servicePoint>;

/** Synonym groups from the content: every member finds what any member finds. */
export const synonymGroup = z.array(z.string().min(1)).min(2);
export const department = z.object({ id: contentId, name: localText });
