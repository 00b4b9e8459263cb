import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../common/context';
import type { App } from '../../http/types';

export function registerHealthRoutes(app: App, deps: Deps) {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['运维 operations'],
        summary: '健康检查（含数据库连通性）',
        response: {
          200: z.object({
            status: z.literal('ok'),
            database: z.enum(['pglite', 'postgres']),
            version: z.string(),
          }),
        },
      },
    },
    async () => {
      await deps.db.execute(sql`select 1`);
      return { status: 'ok' as const, database: deps.dbKind, version: deps.config.version };
    },
  );
}
