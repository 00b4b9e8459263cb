import { z } from 'zod';
import type { Deps } from '../../common/context';
import { ROLES } from '../../common/permissions';
import { actorOf } from '../../http/auth-hooks';
import type { App } from '../../http/types';
import { ORG_LEVELS } from '../orgs/orgs.table';
import { dashboardSummary } from './dashboard.usecases';

const counts = <T extends readonly [string, ...string[]]>(keys: T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.int()])) as { [K in T[number]]: z.ZodInt });

export function registerDashboardRoutes(app: App, { db }: Deps) {
  app.get(
    '/api/dashboard',
    {
      config: { permission: 'dashboard.read' },
      schema: {
        tags: ['工作台 dashboard'],
        summary: '工作台统计（管辖范围内）',
        response: {
          200: z.object({
            orgCounts: counts(ORG_LEVELS),
            userCount: z.int(),
            activeUserCount: z.int(),
            roleCounts: counts(ROLES),
            memberTotal: z.int(),
            recentAudit: z.array(
              z.object({
                id: z.int(),
                at: z.iso.datetime(),
                actorName: z.string().nullable(),
                orgName: z.string().nullable(),
                action: z.string(),
                entity: z.string(),
                entityId: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => dashboardSummary(db, actorOf(request)),
  );
}
