import { z } from 'zod';
import {
  formDefinition,
  lifeStage,
  localText,
  notice,
  policy,
  serviceItem,
  servicePackage,
  servicePoint,
  situationFlow,
} from '../../content-bundle/model';
import { enterpriseProfile } from '../../platform-wire/model/enterprise';
import { askApi } from './ask';
import { method } from './define';
import { contentFreshness } from './system';

const code = z.string().min(1).max(64);
const id = z.string().min(1).max(80);

export const searchHit = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  departmentId: z.string(),
  // 'catalogue': listed by stage or department without a query.
  matchedIn: z.enum(['name', 'keywords', 'guide', 'catalogue']),
  highlights: z.array(z.tuple([z.number().int(), z.number().int()])),
  fuzzy: z.boolean(),
});
export type SearchHit = z.infer<typeof searchHit>;

export const contentStatus = z.object({
  installedVersion: z.number().int().nullable(),
  previousVersion: z.number().int().nullable(),
  sample: z.boolean(),
  lastAttempt: z
    .object({
      at: z.string(),
      source: z.string(),
      version: z.number().int().nullable(),
      outcome: z.enum(['applied', 'rejected']),
      reason: z.string().nullable(),
      message: z.string().nullable(),
    })
    .nullable(),
  contentUrl: z.string().nullable(),
  freshness: contentFreshness,
});

export const policyMatch = z.object({
  policy,
  /** null when no profile was given. */
  matched: z.boolean().nullable(),
  noApplication: z.boolean(), // 免申即享
  reasons: z.array(z.object({ label: localText, passed: z.boolean() })),
});

/** Bridge methods of the content area. */
export const contentApi = {
  'content.search': method(
    z.object({ query: z.string().max(200), stage: lifeStage.optional(), department: id.optional(), limit: z.number().int().min(1).max(50).default(20) }),
    z.object({ hits: z.array(searchHit) }),
  ),
  'content.item': method(z.object({ code }), z.object({ item: serviceItem })),
  'content.catalogue': method(
    z.object({}),
    z.object({
      version: z.number().int(),
      title: localText,
      sample: z.boolean(),
      stages: z.array(z.object({ stage: lifeStage, count: z.number().int() })),
      departments: z.array(z.object({ id, name: localText, count: z.number().int() })),
      packages: z.array(servicePackage),
      notices: z.array(notice),
      counts: z.object({ items: z.number().int(), flows: z.number().int(), policies: z.number().int(), servicePoints: z.number().int() }),
    }),
  ),
  'content.flow': method(z.object({ id }), z.object({ flow: situationFlow })),
  'content.form': method(z.object({ id }), z.object({ form: formDefinition })),
  'content.package': method(z.object({ id }), z.object({ package: servicePackage })),
  'content.policies': method(z.object({ profile: enterpriseProfile.optional() }), z.object({ policies: z.array(policyMatch) })),
  'content.servicePoints': method(z.object({ itemCode: code.optional() }), z.object({ points: z.array(servicePoint) })),
  'content.status': method(z.object({}), contentStatus),
  'content.importFromDirectory': method(z.object({ dir: z.string().min(1).max(4096) }), z.object({ version: z.number().int() })),
  ...askApi,
};
