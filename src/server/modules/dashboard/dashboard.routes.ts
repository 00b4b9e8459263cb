import type { Deps } from '../../common/context';
import { actorOf } from '../../http/auth-hooks';
import type { App } from '../../http/types';
import { dashboardSchema, todosSchema } from './dashboard.schemas';
import { dashboardTodos } from './dashboard.todos';
import { dashboardSummary } from './dashboard.usecases';

export function registerDashboardRoutes(app: App, deps: Deps) {
  const tags = ['工作台 dashboard'];

  app.get(
    '/api/dashboard',
    {
      config: { permission: 'dashboard.read' },
      schema: { tags, summary: '工作台统计（管辖范围内）', response: { 200: dashboardSchema } },
    },
    async (request) => dashboardSummary(deps, actorOf(request)),
  );

  app.get(
    '/api/dashboard/todos',
    {
      config: { permission: 'dashboard.read' },
      schema: {
        tags,
        summary: '我的待办：按角色列出可办理的工作清单及待办数量（管辖范围内，审核类按本单位所在环节）',
        response: { 200: todosSchema },
      },
    },
    async (request) => dashboardTodos(deps, actorOf(request).principal),
  );
}
