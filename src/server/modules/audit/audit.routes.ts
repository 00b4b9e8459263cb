import { z } from 'zod';
import type { Deps } from '../../common/context';
import { actorOf } from '../../http/auth-hooks';
import type { App } from '../../http/types';
import type { AuditRow } from './audit.table';
import * as usecases from './audit.usecases';

const auditEntrySchema = z.object({
  id: z.int(),
  at: z.iso.datetime(),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  orgId: z.uuid().nullable(),
  orgName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
});

const listQuery = z.strictObject({
  entity: z.string().max(40).optional(),
  entityId: z.string().max(64).optional(),
  actorId: z.uuid().optional(),
  /** Part of the actor's recorded name (杨雪芳, or a user name). */
  actor: z.string().trim().min(1).max(60).optional(),
  action: z.string().max(60).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export function registerAuditRoutes(app: App, { db }: Deps) {
  const tags = ['审计 audit'];

  app.get(
    '/api/audit',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags,
        summary: '审计日志（管辖范围内单位的记录）',
        querystring: listQuery,
        response: {
          200: z.object({
            items: z.array(auditEntrySchema),
            total: z.int(),
            page: z.int(),
            pageSize: z.int(),
          }),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await usecases.listAudit(db, actorOf(request), {
        ...q,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
      });
      return { ...page, items: page.items.map(toEntryDto) };
    },
  );

  app.get(
    '/api/audit/verify',
    {
      config: { permission: 'audit.verify' },
      schema: {
        tags,
        summary: '校验审计哈希链，报告第一条被篡改的记录',
        response: {
          200: z.object({
            ok: z.boolean(),
            checked: z.int(),
            firstBadId: z.int().nullable(),
            reason: z.string().nullable(),
          }),
        },
      },
    },
    async () => usecases.verifyAuditChain(db),
  );
}

function toEntryDto(row: AuditRow & { orgName: string | null }) {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    orgId: row.orgId,
    orgName: row.orgName,
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
    ip: row.ip,
  };
}
