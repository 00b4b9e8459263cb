import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client';
import { aidApplications } from '../applications/applications.table';
import { disbursementLines } from '../disbursements/disbursements.table';
import { households } from '../households/households.table';
import { orgs } from '../orgs/orgs.table';
import { programs } from '../programs/programs.table';
import { users } from '../users/users.table';
import type { ListPublicityQuery } from './publicity.schemas';
import { type EntryStatus, publicities, publicityEntries, publicityObjections } from './publicity.table';

const publisher = alias(orgs, 'publisher');

// Qualified by hand: in a one-table select Drizzle renders columns unqualified, which the subquery would rebind.
const PUBLICITY_ID = sql.raw('"publicities"."id"');
const entryCount = sql<number>`(select count(*)::int from ${publicityEntries} e where e.publicity_id = ${PUBLICITY_ID} and e.status = 'listed')`;
const totalFen = sql<number>`(select coalesce(sum(e.amount_fen), 0)::bigint from ${publicityEntries} e where e.publicity_id = ${PUBLICITY_ID} and e.status = 'listed')`;
const objectionCount = sql<number>`(select count(*)::int from ${publicityObjections} o where o.publicity_id = ${PUBLICITY_ID})`;
const openObjections = sql<number>`(select count(*)::int from ${publicityObjections} o where o.publicity_id = ${PUBLICITY_ID} and o.status = 'open')`;

const summary = {
  publicity: publicities,
  entryCount,
  totalFen,
  objectionCount,
  openObjections,
};

export type PublicityView = NonNullable<Awaited<ReturnType<typeof findById>>>;

/** A notice with its program, the publishing unit's path (scope) and the counts every view shows. */
export function findById(db: Executor, id: string) {
  return db
    .select({
      ...summary,
      orgPath: publisher.path,
      programName: programs.name,
      programType: programs.type,
      programYear: programs.year,
      publicityDays: programs.publicityDays,
      createdByName: users.displayName,
    })
    .from(publicities)
    .innerJoin(publisher, eq(publisher.id, publicities.orgId))
    .innerJoin(programs, eq(programs.id, publicities.programId))
    .leftJoin(users, eq(users.id, publicities.createdBy))
    .where(eq(publicities.id, id))
    .limit(1)
    .then((r) => r[0]);
}

/** Objections lock the notice FOR NO KEY UPDATE; payment checks take it FOR SHARE (see publicity.payability.ts). */
export async function lockById(db: Executor, id: string) {
  await db
    .select({ id: publicities.id })
    .from(publicities)
    .where(eq(publicities.id, id))
    .for('no key update');
}

export function findByToken(db: Executor, token: string) {
  return db
    .select({
      publicity: publicities,
      programName: programs.name,
      programType: programs.type,
      // Where objections go: the publishing unit's contact as the unit keeps it.
      contactPerson: orgs.contactPerson,
      contactPhone: orgs.contactPhone,
    })
    .from(publicities)
    .innerJoin(programs, eq(programs.id, publicities.programId))
    .innerJoin(orgs, eq(orgs.id, publicities.orgId))
    .where(and(eq(publicities.publicToken, token), eq(publicities.status, 'published')))
    .limit(1)
    .then((r) => r[0]);
}

export async function listByProgram(db: Executor, programId: string, query: ListPublicityQuery) {
  const where = [eq(publicities.programId, programId)];
  if (query.status) where.push(eq(publicities.status, query.status));
  const [items, [count]] = await Promise.all([
    db
      .select(summary)
      .from(publicities)
      .where(and(...where))
      .orderBy(desc(publicities.startDate), desc(publicities.createdAt), asc(publicities.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(publicities)
      .where(and(...where)),
  ]);
  return { items, total: count?.n ?? 0 };
}

/**
 * Objections awaiting verification by the user `userId`: open, and recorded by someone else (who
 * records an objection never resolves it). Correlated on the notice row of the outer query.
 */
const awaitingVerification = (userId: string) =>
  sql`o.publicity_id = ${PUBLICITY_ID} and o.status = 'open' and o.recorded_by <> ${userId}`;

/**
 * The notices published by the units of a subtree (those its staff manage: publish, withdraw, handle
 * objections), across programs; `pendingOnly` keeps those with an objection awaiting `userId`'s
 * verification. Notices with such objections come first, then the newest.
 */
export async function listManaged(
  db: Executor,
  query: { pathPrefix: string; userId: string; pendingOnly: boolean; limit: number; offset: number },
) {
  const pending = sql<number>`(select count(*)::int from ${publicityObjections} o where ${awaitingVerification(query.userId)})`;
  const where = and(
    sql`${publisher.path} like ${`${query.pathPrefix}%`}`,
    query.pendingOnly
      ? sql`exists (select 1 from ${publicityObjections} o where ${awaitingVerification(query.userId)})`
      : undefined,
  );
  const [items, [count]] = await Promise.all([
    db
      .select({
        ...summary,
        pendingObjections: pending,
        programName: programs.name,
      })
      .from(publicities)
      .innerJoin(publisher, eq(publisher.id, publicities.orgId))
      .innerJoin(programs, eq(programs.id, publicities.programId))
      .where(where)
      .orderBy(
        sql`${pending} = 0`,
        desc(publicities.startDate),
        desc(publicities.createdAt),
        asc(publicities.id),
      )
      .limit(query.limit)
      .offset(query.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(publicities)
      .innerJoin(publisher, eq(publisher.id, publicities.orgId))
      .where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

/**
 * How many objections on notices of the subtree await `userId`'s verification: the sum of
 * `pendingObjections` over `listManaged`. One query: the subtree's units (path index), their notices
 * (`publicities_org_idx`), their open objections (`publicity_objections_publicity_idx`).
 */
export async function countAwaitingVerification(db: Executor, query: { pathPrefix: string; userId: string }) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(publicityObjections)
    .innerJoin(publicities, eq(publicities.id, publicityObjections.publicityId))
    .innerJoin(publisher, eq(publisher.id, publicities.orgId))
    .where(
      and(
        eq(publicityObjections.status, 'open'),
        ne(publicityObjections.recordedBy, query.userId),
        sql`${publisher.path} like ${`${query.pathPrefix}%`}`,
      ),
    );
  return row?.n ?? 0;
}

export function listEntries(db: Executor, publicityId: string, onlyListed = false) {
  const where = [eq(publicityEntries.publicityId, publicityId)];
  if (onlyListed) where.push(eq(publicityEntries.status, 'listed'));
  return db
    .select({
      entry: publicityEntries,
      applicationStatus: aidApplications.status,
      openObjections: sql<number>`(select count(*)::int from ${publicityObjections} o where o.entry_id = ${sql.raw('"publicity_entries"."id"')} and o.status = 'open')`,
    })
    .from(publicityEntries)
    .innerJoin(aidApplications, eq(aidApplications.id, publicityEntries.applicationId))
    .where(and(...where))
    .orderBy(asc(publicityEntries.seq));
}

export function findEntry(db: Executor, publicityId: string, entryId: string) {
  return db
    .select()
    .from(publicityEntries)
    .where(and(eq(publicityEntries.id, entryId), eq(publicityEntries.publicityId, publicityId)))
    .limit(1)
    .then((r) => r[0]);
}

export function listObjections(db: Executor, publicityId: string) {
  return db
    .select({
      objection: publicityObjections,
      entrySeq: publicityEntries.seq,
      entryMaskedName: publicityEntries.maskedName,
    })
    .from(publicityObjections)
    .leftJoin(publicityEntries, eq(publicityEntries.id, publicityObjections.entryId))
    .where(eq(publicityObjections.publicityId, publicityId))
    .orderBy(desc(publicityObjections.createdAt), asc(publicityObjections.id));
}

export function findObjection(db: Executor, publicityId: string, objectionId: string, lock = false) {
  const query = db
    .select()
    .from(publicityObjections)
    .where(and(eq(publicityObjections.id, objectionId), eq(publicityObjections.publicityId, publicityId)))
    .limit(1);
  return (lock ? query.for('no key update') : query).then((r) => r[0]);
}

/**
 * The approved applications of a program that are on no live notice, with what a notice may show of them.
 * With `lock`, the application rows are locked FOR SHARE in id order: none of them can be returned or
 * rejected before the notice listing them commits.
 */
export async function listCandidates(
  db: Executor,
  programId: string,
  options: { applicationIds?: string[]; lock?: boolean } = {},
) {
  const where = [
    eq(aidApplications.programId, programId),
    eq(aidApplications.status, 'approved'),
    sql`not exists (select 1 from ${publicityEntries} e where e.application_id = ${sql.raw('"aid_applications"."id"')} and e.status = 'listed')`,
  ];
  if (options.applicationIds) where.push(inArray(aidApplications.id, options.applicationIds));
  const query = db
    .select({
      applicationId: aidApplications.id,
      householdName: households.name,
      category: households.category,
      schoolLevel: aidApplications.schoolLevel,
      unitName: sql<string>`coalesce(${orgs.employerName}, ${orgs.name})`,
      approvedFen: aidApplications.approvedFen,
      decidedAt: aidApplications.decidedAt,
    })
    .from(aidApplications)
    .innerJoin(households, eq(households.id, aidApplications.householdId))
    .innerJoin(orgs, eq(orgs.id, households.employerOrgId))
    .where(and(...where))
    .orderBy(asc(orgs.name), asc(households.name), asc(aidApplications.id));
  if (options.lock) {
    // Lock in id order first (the display order above is not a lock order).
    await db
      .select({ id: aidApplications.id })
      .from(aidApplications)
      .where(and(...where))
      .orderBy(asc(aidApplications.id))
      .for('share', { of: aidApplications });
  }
  return query;
}

export async function insertPublicity(db: Executor, values: typeof publicities.$inferInsert) {
  const [row] = await db.insert(publicities).values(values).returning({ id: publicities.id });
  return row!.id;
}

export async function insertEntries(db: Executor, values: (typeof publicityEntries.$inferInsert)[]) {
  // Chunked: a notice may list thousands of people.
  for (let i = 0; i < values.length; i += 500)
    await db.insert(publicityEntries).values(values.slice(i, i + 500));
}

export async function markWithdrawn(
  db: Executor,
  id: string,
  values: { reason: string; by: string },
): Promise<void> {
  const now = new Date();
  await db
    .update(publicities)
    .set({
      status: 'withdrawn',
      withdrawnReason: values.reason,
      withdrawnBy: values.by,
      withdrawnAt: now,
      updatedAt: now,
    })
    .where(eq(publicities.id, id));
  await db
    .update(publicityEntries)
    .set({ status: 'withdrawn', updatedAt: now })
    .where(and(eq(publicityEntries.publicityId, id), eq(publicityEntries.status, 'listed')));
}

export async function setEntryStatus(db: Executor, entryId: string, status: EntryStatus) {
  await db
    .update(publicityEntries)
    .set({ status, updatedAt: new Date() })
    .where(eq(publicityEntries.id, entryId));
}

/** How many people listed on the notice are already in a payment batch (a pending or paid line). */
export async function countInPayment(db: Executor, publicityId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(distinct ${disbursementLines.applicationId})::int` })
    .from(disbursementLines)
    .innerJoin(publicityEntries, eq(publicityEntries.applicationId, disbursementLines.applicationId))
    .where(
      and(
        eq(publicityEntries.publicityId, publicityId),
        eq(publicityEntries.status, 'listed'),
        inArray(disbursementLines.status, ['pending', 'paid']),
      ),
    );
  return row?.n ?? 0;
}

export async function insertObjection(db: Executor, values: typeof publicityObjections.$inferInsert) {
  const [row] = await db.insert(publicityObjections).values(values).returning({ id: publicityObjections.id });
  return row!.id;
}

export async function updateObjection(
  db: Executor,
  id: string,
  values: Partial<typeof publicityObjections.$inferInsert>,
) {
  await db.update(publicityObjections).set(values).where(eq(publicityObjections.id, id));
}

/** Whether the application has a pending or paid payment line. */
export async function applicationInPayment(db: Executor, applicationId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(disbursementLines)
    .where(
      and(
        eq(disbursementLines.applicationId, applicationId),
        inArray(disbursementLines.status, ['pending', 'paid']),
      ),
    );
  return (row?.n ?? 0) > 0;
}
