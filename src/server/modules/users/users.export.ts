import type { Actor, Deps } from '../../common/context';
import { businessDate, shanghaiDateTime } from '../../common/dates';
import { can, ROLE_LABELS } from '../../common/permissions';
import { writeXlsx, XLSX_MIME } from '../../common/xlsx';
import { recordAudit } from '../audit/audit.usecases';
import { saveGeneratedFile } from '../files/files.usecases';
import type { JobContext, JobKind } from '../jobs/jobs.runner';
import { UserErrors } from './users.errors';
import type { ListUsersQuery } from './users.schemas';
import { listUsers, principalOfUser, type toUserDto } from './users.usecases';

export const USERS_EXPORT_JOB: JobKind = { type: 'users.export', readPermission: 'user.read' };
const PAGE = 1000;

type Filter = Omit<ListUsersQuery, 'page' | 'pageSize'>;
type UserDto = ReturnType<typeof toUserDto>;

/** Starts a background export of the filtered user list; the job's result names the .xlsx file. */
export async function startUsersExport(deps: Deps, actor: Actor, filter: Filter) {
  // Validate the filter (scope of orgId) now, so that a bad request fails at once, not in the job.
  await listUsers(deps.db, actor.principal, { ...filter, page: 1, pageSize: 1 });
  return deps.jobs.enqueue(actor, USERS_EXPORT_JOB, { filter });
}

export function registerUsersExportJob(deps: Deps) {
  deps.jobs.register(USERS_EXPORT_JOB, async (ctx: JobContext<{ filter: Filter }>) => {
    // The job acts with the requester's rights as they are now, not as they were when it was queued.
    const principal = await principalOfUser(deps.db, ctx.job.createdBy);
    if (!principal || !can(principal.roles, 'user.read')) throw UserErrors.USER_NOT_FOUND();
    const actor: Actor = { principal, ip: null, requestId: `job:${ctx.job.id}` };
    const first = await listUsers(deps.db, principal, { ...ctx.payload.filter, page: 1, pageSize: PAGE });
    ctx.progress(0, first.total);
    async function* rows(): AsyncGenerator<UserDto> {
      let page = first;
      for (let n = 1; ; n++) {
        yield* page.items;
        if (n * PAGE >= page.total) return;
        page = await listUsers(deps.db, principal!, { ...ctx.payload.filter, page: n + 1, pageSize: PAGE });
      }
    }
    const data = await writeXlsx<UserDto>(
      '用户',
      [
        { header: '用户名', value: (u) => u.username, width: 20 },
        { header: '姓名', value: (u) => u.displayName, width: 14 },
        { header: '所属单位', value: (u) => u.orgName, width: 36 },
        { header: '角色', value: (u) => u.roles.map((r) => ROLE_LABELS[r].zh).join('、'), width: 20 },
        { header: '状态', value: (u) => (!u.active ? '停用' : u.locked ? '已锁定' : '启用'), width: 10 },
        { header: '最近登录', value: (u) => shanghaiDateTime(u.lastLoginAt), width: 22 },
        { header: '创建时间', value: (u) => shanghaiDateTime(u.createdAt), width: 22 },
      ],
      rows(),
      (count) => ctx.progress(count),
    );
    const stamp = businessDate();
    const file = await saveGeneratedFile(deps, actor, {
      fileName: `用户名单-${stamp}.xlsx`,
      mimeType: XLSX_MIME,
      data,
    });
    await deps.db.transaction((tx) =>
      recordAudit(tx, actor, {
        action: 'user.exported',
        entity: 'user',
        orgId: principal.orgId,
        after: { filter: ctx.payload.filter, rows: first.total, fileId: file.id },
      }),
    );
    return { fileId: file.id, fileName: file.name, rowCount: first.total };
  });
}
