import { z } from 'zod';
import { phoneProblem, regionCodeProblem, usccProblem } from '../../common/identifiers';
import { ORG_LEVELS } from './orgs.table';

export const orgIdParams = z.strictObject({ id: z.uuid() });

const regionCode = z.string().superRefine((value, ctx) => {
  const problem = regionCodeProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const uscc = z
  .string()
  .transform((v) => v.trim().toUpperCase())
  .superRefine((value, ctx) => {
    const problem = usccProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const phone = z
  .string()
  .max(30)
  .superRefine((value, ctx) => {
    const problem = phoneProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const name = z.string().trim().min(2, '单位名称至少 2 个字').max(100, '单位名称不能超过 100 个字');

const editable = {
  name,
  regionCode,
  contactPerson: z.string().trim().max(50).nullable().optional(),
  contactPhone: phone.nullable().optional(),
  employerName: z.string().trim().min(2).max(200).nullable().optional(),
  uscc: uscc.nullable().optional(),
  memberCount: z.int().min(0).max(10_000_000).nullable().optional(),
};

export const createOrgBody = z.strictObject({
  ...editable,
  level: z.enum(ORG_LEVELS),
  parentId: z.uuid(),
});
export type CreateOrgInput = z.infer<typeof createOrgBody>;

export const updateOrgBody = z.strictObject({
  name: editable.name.optional(),
  regionCode: editable.regionCode.optional(),
  contactPerson: editable.contactPerson,
  contactPhone: editable.contactPhone,
  employerName: editable.employerName,
  uscc: editable.uscc,
  memberCount: editable.memberCount,
});
export type UpdateOrgInput = z.infer<typeof updateOrgBody>;

export const moveOrgBody = z.strictObject({ parentId: z.uuid() });

export const listOrgsQuery = z.strictObject({
  flat: z.stringbool().optional(),
  includeInactive: z.stringbool().optional(),
});

export const orgSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  level: z.enum(ORG_LEVELS),
  parentId: z.uuid().nullable(),
  path: z.string(),
  depth: z.int(),
  regionCode: z.string(),
  contactPerson: z.string().nullable(),
  contactPhone: z.string().nullable(),
  employerName: z.string().nullable(),
  uscc: z.string().nullable(),
  memberCount: z.int().nullable(),
  active: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const orgDetailSchema = orgSchema.extend({
  parentName: z.string().nullable(),
  childCount: z.int(),
  userCount: z.int(),
});

export type OrgNode = z.infer<typeof orgSchema> & { children: OrgNode[] };
export const orgNodeSchema: z.ZodType<OrgNode> = orgSchema.extend({
  get children() {
    return z.array(orgNodeSchema);
  },
});

export const orgTreeSchema = z.object({ items: z.array(orgNodeSchema) });
