import { z } from 'zod';
import type { Actor, Deps } from '../../common/context';
import { ageOn, businessDate, shanghaiDateTime } from '../../common/dates';
import { CommonErrors } from '../../common/errors';
import { maskDigitRuns } from '../../common/masking';
import { can } from '../../common/permissions';
import { isoDate, text, uuid } from '../../common/schemas';
import { writeXlsx, XLSX_MIME } from '../../common/xlsx';
import { recordAudit } from '../audit/audit.usecases';
import { saveGeneratedFile } from '../files/files.usecases';
import type { JobContext, JobKind } from '../jobs/jobs.runner';
import { getOrgInScope } from '../orgs/orgs.usecases';
import { principalOfUser } from '../users/users.usecases';
import { CATEGORIES } from './category';
import { CATEGORY_LABELS, CAUSE_LABELS } from './households.excel-format';
import * as repo from './households.repository';
import { CAUSES, HOUSEHOLD_STATUSES } from './households.table';
import { STATUS_LABELS, searchFilter } from './households.usecases';

export const HOUSEHOLDS_EXPORT_JOB: JobKind = { type: 'households.export', readPermission: 'household.read' };
const PAGE = 1000;

/** The filters of `GET /api/households`, as JSON, plus the reveal switch. */
export const exportHouseholdsBody = z.strictObject({
  orgId: uuid.optional(),
  status: z.enum(HOUSEHOLD_STATUSES).optional(),
  category: z.enum([...CATEGORIES, 'unassessed']).optional(),
  cause: z.enum(CAUSES).optional(),
  reviewDueBefore: isoDate.optional(),
  exitProposed: z.boolean().optional(),
  awaitingMyReview: z.boolean().optional(),
  q: text.trim().min(1).max(50).optional(),
  /** Full ID numbers, phones and bank accounts: needs `household.reveal`, audited as a reveal. */
  unmasked: z.boolean().default(false),
});
export type ExportHouseholdsInput = z.infer<typeof exportHouseholdsBody>;

/** Checks the request now (scope of orgId, reveal permission) so that a bad one fails at once, not in the job. */
export async function startHouseholdsExport(deps: Deps, actor: Actor, input: ExportHouseholdsInput) {
  if (input.unmasked && !can(actor.principal.roles, 'household.reveal')) throw CommonErrors.FORBIDDEN();
  if (input.orgId) await getOrgInScope(deps.db, actor.principal, input.orgId);
  // A search by ID number needs the full number in the job, but the jobs table is not where personal
  // data may lie in clear: the search text goes sealed like the archive's own fields. The API never
  // returns a job's payload (`toJobDto`), and the audit entry records the search masked (`auditedFilter`).
  const { q, ...filter } = input;
  return deps.jobs.enqueue(actor, HOUSEHOLDS_EXPORT_JOB, {
    filter,
    ...(q === undefined ? {} : { sealedQ: deps.vault.encrypt(q) }),
  } satisfies ExportPayload);
}

interface ExportPayload {
  /** The filter without `q` (migration 0020 removed it from jobs of the earlier format). */
  filter: Omit<ExportHouseholdsInput, 'q'>;
  sealedQ?: string;
}

/**
 * The filter as the audit log shows it: auditors need not hold `household.reveal`, so a search for an ID
 * number, phone or account is masked there.
 */
function auditedFilter(filter: ExportHouseholdsInput): ExportHouseholdsInput {
  return filter.q === undefined ? filter : { ...filter, q: maskDigitRuns(filter.q) };
}

type Row = Awaited<ReturnType<typeof repo.list>>['items'][number];

/**
 * Household ids per reveal entry of an unmasked export. An export of the whole archive would otherwise
 * write one audit row of tens of megabytes; above this, the reveal is recorded in parts (each with the
 * total count and its part number), so every revealed household is still named.
 */
export const REVEAL_IDS_PER_ENTRY = 10_000;

/** The `after` of the reveal entries of an unmasked export: which households, how many, in parts. */
export function exportRevealEntries(householdIds: string[], fileId: string, perEntry = REVEAL_IDS_PER_ENTRY) {
  const parts = Math.max(1, Math.ceil(householdIds.length / perEntry));
  return Array.from({ length: parts }, (_, i) => ({
    via: 'export',
    fields: ['idNumber', 'phone', 'bankAccount'],
    rows: householdIds.length,
    fileId,
    ...(parts > 1 ? { part: i + 1, parts } : {}),
    householdIds: householdIds.slice(i * perEntry, (i + 1) * perEntry),
  }));
}
const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? null : fen / 100);

export function registerHouseholdsExportJob(deps: Deps) {
  deps.jobs.register(HOUSEHOLDS_EXPORT_JOB, async (ctx: JobContext<ExportPayload>) => {
    const { sealedQ } = ctx.payload;
    const filter: ExportHouseholdsInput = {
      ...ctx.payload.filter,
      q: sealedQ ? deps.vault.decrypt(sealedQ) : undefined,
    };
    // The job acts with the requester's rights as they are now, not as they were when it was queued.
    const principal = await principalOfUser(deps.db, ctx.job.createdBy);
    if (!principal || !can(principal.roles, 'household.read')) throw CommonErrors.FORBIDDEN();
    if (filter.unmasked && !can(principal.roles, 'household.reveal')) throw CommonErrors.FORBIDDEN();
    const actor: Actor = { principal, ip: null, requestId: `job:${ctx.job.id}` };
    const pathPrefix = filter.orgId
      ? (await getOrgInScope(deps.db, principal, filter.orgId)).path
      : principal.orgPath;
    const { unmasked, orgId: _orgId, awaitingMyReview, ...rest } = filter;
    const query = {
      ...rest,
      ...searchFilter(deps.vault, rest.q),
      pathPrefix,
      reviewerOrgId: awaitingMyReview ? principal.orgId : undefined,
    };
    const first = await repo.list(deps.db, { ...query, limit: PAGE, offset: 0 });
    ctx.progress(0, first.total);
    /** The households whose full values were written, as written (not as counted before paging). */
    const revealed: string[] = [];
    async function* rows(): AsyncGenerator<Row> {
      let page = first;
      for (let n = 1; ; n++) {
        if (unmasked) for (const r of page.items) revealed.push(r.household.id);
        yield* page.items;
        if (n * PAGE >= page.total || page.items.length === 0) return;
        page = await repo.list(deps.db, { ...query, limit: PAGE, offset: n * PAGE });
      }
    }
    const open = (cipher: string | null) => (cipher ? deps.vault.decrypt(cipher) : '');
    const today = businessDate();
    const money = '#,##0.00';
    const data = await writeXlsx<Row>(
      '困难职工档案',
      [
        { header: '职工姓名', value: (r) => r.household.name, width: 12 },
        { header: '性别', value: (r) => (r.household.sex === 'male' ? '男' : '女'), width: 6 },
        { header: '年龄', value: (r) => ageOn(r.household.birthDate, today), width: 6 },
        {
          header: '公民身份号码',
          value: (r) => (unmasked ? open(r.household.idCipher) : r.household.idMasked),
          width: 22,
        },
        {
          header: '手机号码',
          value: (r) => (unmasked ? open(r.household.phoneCipher) : (r.household.phoneMasked ?? '')),
          width: 15,
        },
        { header: '所在基层工会', value: (r) => r.employerName, width: 30 },
        { header: '工作岗位', value: (r) => r.household.job, width: 12 },
        { header: '家庭住址', value: (r) => r.household.address, width: 30 },
        {
          header: '银行账号',
          value: (r) =>
            unmasked ? open(r.household.bankAccountCipher) : (r.household.bankAccountMasked ?? ''),
          width: 24,
        },
        { header: '开户银行', value: (r) => r.household.bankName, width: 18 },
        { header: '档案状态', value: (r) => STATUS_LABELS[r.household.status], width: 14 },
        {
          header: '困难类别',
          value: (r) => (r.household.category ? CATEGORY_LABELS[r.household.category] : '未测算'),
          width: 12,
        },
        {
          header: '致困原因',
          value: (r) => r.household.causes.map((c) => CAUSE_LABELS[c]).join('、'),
          width: 22,
        },
        { header: '家庭人口', value: (r) => r.householdSize, width: 10 },
        {
          header: '人均月收入（元）',
          value: (r) => yuan(r.perCapitaMonthlyFen),
          numFmt: money,
          width: 16,
        },
        { header: '情况说明', value: (r) => r.household.situation, width: 40 },
        { header: '建档日期', value: (r) => r.household.archivedOn, width: 12 },
        { header: '年审到期日', value: (r) => r.household.reviewDueOn, width: 12 },
        { header: '脱困日期', value: (r) => r.household.exitedOn, width: 12 },
        { header: '最近更新', value: (r) => shanghaiDateTime(r.household.updatedAt), width: 20 },
      ],
      rows(),
      (count) => ctx.progress(count),
    );
    const stamp = businessDate();
    const file = await saveGeneratedFile(deps, actor, {
      fileName: `困难职工档案-${stamp}${unmasked ? '-未脱敏' : ''}.xlsx`,
      mimeType: XLSX_MIME,
      data,
      audits: async (tx, file) => {
        await recordAudit(tx, actor, {
          action: 'household.exported',
          entity: 'household',
          orgId: principal.orgId,
          after: { filter: auditedFilter(filter), unmasked, rows: first.total, fileId: file.id },
        });
        // Full values leave the system in a file: recorded like any other reveal (fields and the
        // households whose values were written, never the values), with the file or not at all.
        if (unmasked)
          for (const after of exportRevealEntries(revealed, file.id))
            await recordAudit(tx, actor, {
              action: 'household.revealed',
              entity: 'household',
              entityId: revealed.length === 1 ? revealed[0] : undefined,
              orgId: principal.orgId,
              after,
            });
      },
    });
    return { fileId: file.id, fileName: file.name, rowCount: first.total };
  });
}
