import { z } from 'zod';
import { answerCondition } from './conditions';
import { contentId, localText } from './text';

const option = z.object({
  value: z.string().regex(/^[a-z0-9_]+$/),
  label: localText,
  /** Everyday examples of a term of art (热食类 → 炒菜、米饭、面条…), shown under the option. */
  example: localText.optional(),
});
const route = z.object({ when: answerCondition.optional(), goto: contentId });

export const flowQuestion = z.object({
  kind: z.enum(['single', 'multi']),
  title: localText,
  help: localText.optional(),
  options: z.array(option).min(2),
  routes: z.array(route).min(1),
});
export const flowOutcome = z.object({
  kind: z.literal('outcome'),
  /**
   * materials_list: apply with these materials (and form); redirect: another item applies;
   * refer_to_window: staff must advise; not_needed: nothing to apply for (the message says why).
   */
  result: z.enum(['materials_list', 'redirect', 'refer_to_window', 'not_needed']),
  /** Item whose materials this outcome lists (defaults to the flow's item). */
  itemCode: z.string().optional(),
  /** The exact materials (ids of that item) and the form this outcome asks for. */
  materialIds: z.array(contentId).default([]),
  formId: contentId.optional(),
  message: localText.optional(),
  redirectItemCode: z.string().optional(),
  /** Items to have done first (营业执照 before 食品经营许可): linked on the outcome. */
  prerequisiteItemCodes: z.array(z.string()).optional(),
  /** Items that usually come next (刻章, 银行开户, 税务 after 设立登记): linked on the outcome. */
  nextItemCodes: z.array(z.string()).optional(),
});
export const flowNode = z.union([flowQuestion, flowOutcome]);
export type FlowNode = z.infer<typeof flowNode>;

/** A guided situation flow (情形引导 / 智能办): data only, statically checked at bundle build. */
export const situationFlow = z.object({
  id: contentId,
  title: localText,
  itemCode: z.string(),
  start: contentId,
  nodes: z.record(contentId, flowNode),
});
export type SituationFlow = z.infer<typeof situationFlow>;
