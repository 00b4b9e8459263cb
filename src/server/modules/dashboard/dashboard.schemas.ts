import { z } from 'zod';
import { TODO_KEYS, type TodoKey } from '../../../shared/vocabulary';
import { ROLES } from '../../common/permissions';
import { CATEGORIES } from '../households/category';
import { ORG_LEVELS } from '../orgs/orgs.table';

const counts = <T extends readonly [string, ...string[]]>(keys: T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.int()])) as { [K in T[number]]: z.ZodInt });

export const ARCHIVE_CATEGORIES = [...CATEGORIES, 'unassessed'] as const;

export const dashboardSchema = z.object({
  orgCounts: counts(ORG_LEVELS),
  /** Accounts of the subtree (系统用户, 启用用户, 用户角色分布): null without user.read. */
  userCount: z.int().nullable(),
  activeUserCount: z.int().nullable(),
  roleCounts: counts(ROLES).nullable(),
  memberTotal: z.int(),
  recentAudit: z.array(
    z.object({
      id: z.int(),
      at: z.iso.datetime(),
      /** Null for the system's own entries (jobs, start-up): the page then says 系统. */
      actorId: z.uuid().nullable(),
      actorName: z.string().nullable(),
      orgName: z.string().nullable(),
      action: z.string(),
      entity: z.string(),
      entityId: z.string().nullable(),
    }),
  ),
  /**
   * 困难职工档案: archived households of the subtree by hardship category, counted like the
   * household list (up to its cap; `capped` names the counts that reached it). Null without
   * household.read.
   */
  archive: z
    .object({
      total: z.int(),
      byCategory: counts(ARCHIVE_CATEGORIES),
      countCap: z.int(),
      capped: z.object({ total: z.boolean(), byCategory: z.array(z.enum(ARCHIVE_CATEGORIES)) }),
    })
    .nullable(),
});

export { TODO_KEYS, type TodoKey };

export const todosSchema = z.object({
  /** One entry per queue the caller may act on (by role), in the order above; counts may be 0. */
  items: z.array(
    z.object({
      key: z.enum(TODO_KEYS),
      count: z.int(),
      /** The count stopped at the list's cap: there are more ("10,000+"). */
      capped: z.boolean(),
      /**
       * Review queues (待我审核): how many of `count` another reviewer of the unit must decide — the
       * caller entered or changed them, or decided an earlier step; null when the queue is too long
       * to read (over 200); absent on other queues.
       */
      othersDecide: z.int().nullable().optional(),
    }),
  ),
});
export type Todos = z.infer<typeof todosSchema>;
