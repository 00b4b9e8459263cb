import { z } from 'zod';
import { ROLES } from '../../common/permissions';
import { text } from '../../common/schemas';

export const userIdParams = z.strictObject({ id: z.uuid() });

const username = z
  .string()
  .trim()
  .min(3, '用户名至少 3 位')
  .max(50, '用户名不能超过 50 位')
  .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, '用户名以字母开头，只能包含字母、数字、下划线、点和短横线')
  .transform((v) => v.toLowerCase());
const displayName = text.trim().min(1, '请填写姓名').max(50, '姓名不能超过 50 个字');
const roles = z.array(z.enum(ROLES)).min(1, '至少选择一个角色').max(ROLES.length);
const password = z.string().min(1).max(64, '密码不能超过 64 位');

export const createUserBody = z.strictObject({ username, displayName, orgId: z.uuid(), roles, password });
export type CreateUserInput = z.infer<typeof createUserBody>;

export const updateUserBody = z.strictObject({
  displayName: displayName.optional(),
  orgId: z.uuid().optional(),
  roles: roles.optional(),
  active: z.boolean().optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserBody>;

export const resetPasswordBody = z.strictObject({ newPassword: password });

export const listUsersQuery = z.strictObject({
  orgId: z.uuid().optional(),
  includeSubtree: z.stringbool().default(true),
  q: text.trim().max(50).optional(),
  role: z.enum(ROLES).optional(),
  active: z.stringbool().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

export const exportUsersBody = z.strictObject({
  orgId: z.uuid().optional(),
  includeSubtree: z.boolean().default(true),
  q: text.trim().max(50).optional(),
  role: z.enum(ROLES).optional(),
  active: z.boolean().optional(),
});

export const userSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  roles: z.array(z.enum(ROLES)),
  active: z.boolean(),
  locked: z.boolean(),
  lockedUntil: z.iso.datetime().nullable(),
  lastLoginAt: z.iso.datetime().nullable(),
  mustChangePassword: z.boolean(),
  createdAt: z.iso.datetime(),
});

export const userPageSchema = z.object({
  items: z.array(userSchema),
  total: z.int(),
  page: z.int(),
  pageSize: z.int(),
});
