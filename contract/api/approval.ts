import { z } from 'zod';
import { precheckResult, smartApproval } from '../../content-bundle/model/approval/rules';
import { method } from './define';

/** Bridge methods of smart approval (秒批). */
export const approvalApi = {
  /**
   * Evaluates an item's 秒批 rules on the filled form, the session's ID card and the platform's
   * enterprise profile and e-certificates. Rules needing platform data it could not fetch come
   * back "unknown" (could not be checked). The platform re-evaluates on submission.
   */
  'approval.precheck': method(
    z
      .object({
        itemCode: z.string().min(1),
        formData: z.record(z.string(), z.unknown()),
        /** Material ids attached (e-certificates consented, commitments signed). */
        materialIds: z.array(z.string()).default([]),
      })
      .strict(),
    z.object({
      smartApproval: z.boolean(),
      result: smartApproval.shape.result.nullable(),
      precheck: precheckResult.nullable(),
      platformReachable: z.boolean(),
    }),
  ),
};
