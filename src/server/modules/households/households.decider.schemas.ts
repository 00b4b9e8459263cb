import { z } from 'zod';
import { householdDetailSchema } from './households.schemas';

/**
 * The decision a household awaits (审核 at either level, or 确认脱困), who makes it, and whether the
 * caller may: the detail page shows the decision buttons only then, and otherwise says who decides.
 */
export const pendingDecisionSchema = z
  .object({
    step: z.enum(['grassroots', 'township', 'exit']),
    /** The unit whose reviewers decide; null when the employer has no unit above it. */
    unitId: z.uuid().nullable(),
    unitName: z.string().nullable(),
    /**
     * Why the caller may not decide, or null when they may. `not_reviewer`: their roles do not review;
     * `wrong_unit`: their unit is not the deciding unit; `own_entry`: they entered, submitted or changed
     * the archive (or proposed the exit); `already_decided`: they decided its earlier step.
     */
    blocked: z.enum(['not_reviewer', 'wrong_unit', 'own_entry', 'already_decided']).nullable(),
  })
  .nullable();

/** GET /api/households/:id: the detail, with the caller's part in its pending decision. */
export const householdDetailForCallerSchema = householdDetailSchema.extend({
  pendingDecision: pendingDecisionSchema,
  /**
   * The name of the region of the policy version the category decision applied (「临江市」 for 330100),
   * from the federation carrying the code among the units the caller knows; null without a decision or
   * when none names it (the code is then shown as it is).
   */
  policyRegionName: z.string().nullable(),
});
