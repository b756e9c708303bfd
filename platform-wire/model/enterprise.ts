import { z } from 'zod';

/** Business standing as the registration authority records it (经营状态). */
export const enterpriseStanding = z.enum(['normal', 'abnormal-list', 'revoked', 'cancelled']);

/** Enterprise size class (企业规模, per the SME classification rules). */
export const enterpriseSize = z.enum(['micro', 'small', 'medium', 'large']);

/** A licence or permit the enterprise holds, as the platform reports it. */
export const heldLicence = z.object({
  kind: z.string(), // e.g. 'business-licence', 'food-business-licence', 'public-place-hygiene-licence'
  name: z.string(), // zh-CN display name, e.g. 食品经营许可证
  number: z.string(),
  validUntil: z.string().nullable(), // ISO date; null = 长期
});

/**
 * The enterprise profile the platform returns for a unified social credit code. Shared by content
 * (policy eligibility, guided flows that skip known answers), the platform client and simulator,
 * and the renderer (prefill).
 */
export const enterpriseProfile = z.object({
  creditCode: z.string().length(18),
  name: z.string(),
  nameEn: z.string().optional(),
  legalRepresentative: z.string(),
  registeredAddress: z.string(),
  /** County-level district, e.g. 南海区; policies and 秒批 rules check it. */
  district: z.string(),
  city: z.string(),
  /** GB/T 4754 industry section letter and class code, e.g. { section: 'H', code: '6210', name: '正餐服务' }. */
  industry: z.object({ section: z.string().length(1), code: z.string(), name: z.string() }),
  size: enterpriseSize,
  registeredCapitalWan: z.number().nonnegative(),
  /** 经营范围 as registered (optional: older platforms do not report it). */
  businessScope: z.string().optional(),
  employees: z.number().int().nonnegative(),
  registrationDate: z.string(), // ISO date
  standing: enterpriseStanding,
  entityType: z.string(), // e.g. 有限责任公司
  tags: z.array(z.string()), // e.g. 高新技术企业, 专精特新
  licences: z.array(heldLicence),
});
export type EnterpriseProfile = z.infer<typeof enterpriseProfile>;
