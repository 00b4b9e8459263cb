import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { aidApplications } from '../applications/applications.table';
import { programs } from '../programs/programs.table';
import { publicities, publicityEntries, publicityObjections } from './publicity.table';

export type PaymentBlockCode = 'NOT_APPROVED' | 'NOT_PUBLICIZED' | 'PUBLICITY_RUNNING' | 'OPEN_OBJECTION';
export interface PaymentBlock {
  code: PaymentBlockCode;
  message: string;
  messageEn: string;
}

/**
 * Why each of these applications may not be paid yet. Applications absent from the map are payable as far as
 * review and publicity go. `today` is the Asia/Shanghai business date (YYYY-MM-DD). Inside a transaction it takes
 * FOR SHARE locks on the publicity rows involved, so an objection being recorded at the same moment (which locks
 * the publicity row FOR NO KEY UPDATE) cannot slip in between the check and the payment batch.
 *
 * Rules: the application must be approved; a program with `publicity_days` = 0 needs no publicity; otherwise the
 * application must be listed on a published (not withdrawn) notice whose last day (`end_date`) is before today,
 * with no open objection against its entry or against the notice as a whole.
 *
 * Lock order: callers that lock application rows do so before calling this; publicity use cases that touch an
 * application (resolving an objection) also lock the application first, then the publicity row.
 */
export async function findPaymentBlocks(
  db: Executor,
  applicationIds: string[],
  today: string,
): Promise<Map<string, PaymentBlock>> {
  const blocks = new Map<string, PaymentBlock>();
  const ids = [...new Set(applicationIds)];
  if (!ids.length) return blocks;

  // 1. Lock the live notices of these applications (in id order), before reading anything they decide.
  await db
    .select({ id: publicities.id })
    .from(publicities)
    .where(
      inArray(
        publicities.id,
        db
          .select({ id: publicityEntries.publicityId })
          .from(publicityEntries)
          .where(and(inArray(publicityEntries.applicationId, ids), eq(publicityEntries.status, 'listed'))),
      ),
    )
    .orderBy(asc(publicities.id))
    .for('share');

  // 2. Read everything after the locks: statements see what an objection or a resolution committed meanwhile.
  const apps = await db
    .select({
      id: aidApplications.id,
      status: aidApplications.status,
      publicityDays: programs.publicityDays,
    })
    .from(aidApplications)
    .innerJoin(programs, eq(programs.id, aidApplications.programId))
    .where(inArray(aidApplications.id, ids));
  const byId = new Map(apps.map((a) => [a.id, a]));

  const needPublicity: string[] = [];
  for (const id of ids) {
    const app = byId.get(id);
    if (app?.status !== 'approved') blocks.set(id, BLOCKS.NOT_APPROVED());
    else if (app.publicityDays > 0) needPublicity.push(id);
  }
  if (!needPublicity.length) return blocks;

  const entries = await db
    .select({
      entryId: publicityEntries.id,
      applicationId: publicityEntries.applicationId,
      publicityId: publicities.id,
      startDate: publicities.startDate,
      endDate: publicities.endDate,
    })
    .from(publicityEntries)
    .innerJoin(publicities, eq(publicities.id, publicityEntries.publicityId))
    .where(
      and(
        inArray(publicityEntries.applicationId, needPublicity),
        eq(publicityEntries.status, 'listed'),
        eq(publicities.status, 'published'),
      ),
    );
  const entryOf = new Map(entries.map((e) => [e.applicationId, e]));

  const objections = entries.length
    ? await db
        .select({ publicityId: publicityObjections.publicityId, entryId: publicityObjections.entryId })
        .from(publicityObjections)
        .where(
          and(
            eq(publicityObjections.status, 'open'),
            inArray(publicityObjections.publicityId, [...new Set(entries.map((e) => e.publicityId))]),
            or(
              isNull(publicityObjections.entryId),
              inArray(
                publicityObjections.entryId,
                entries.map((e) => e.entryId),
              ),
            ),
          ),
        )
    : [];
  const wholeOpen = new Set(objections.filter((o) => o.entryId === null).map((o) => o.publicityId));
  const entryOpen = new Set(objections.map((o) => o.entryId).filter((id): id is string => id !== null));

  for (const id of needPublicity) {
    const entry = entryOf.get(id);
    if (!entry) blocks.set(id, BLOCKS.NOT_PUBLICIZED());
    else if (wholeOpen.has(entry.publicityId) || entryOpen.has(entry.entryId))
      blocks.set(id, BLOCKS.OPEN_OBJECTION());
    else if (entry.endDate >= today) blocks.set(id, BLOCKS.PUBLICITY_RUNNING(entry.startDate, entry.endDate));
  }
  return blocks;
}

const BLOCKS = {
  NOT_APPROVED: (): PaymentBlock => ({
    code: 'NOT_APPROVED',
    message: '申请未经批准（或已被退回、驳回），不能发放',
    messageEn: 'The application is not approved (or was returned or rejected); it cannot be paid',
  }),
  NOT_PUBLICIZED: (): PaymentBlock => ({
    code: 'NOT_PUBLICIZED',
    message: '尚未公示：本项目须经公示期满且无异议后才能发放',
    messageEn: 'Not publicized yet: this program pays only after a publicity period without objection',
  }),
  PUBLICITY_RUNNING: (start: string, end: string): PaymentBlock => ({
    code: 'PUBLICITY_RUNNING',
    message: `公示期为 ${start} 至 ${end}，期满后才能发放`,
    messageEn: `The publicity period runs from ${start} to ${end}; payment is possible after it ends`,
  }),
  OPEN_OBJECTION: (): PaymentBlock => ({
    code: 'OPEN_OBJECTION',
    message: '公示期间收到异议，尚未核实处理，暂不能发放',
    messageEn: 'An objection received during publicity is not resolved yet; payment is on hold',
  }),
};
