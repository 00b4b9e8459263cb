import {
  and,
  asc,
  desc,
  eq,
  getTableName,
  ilike,
  inArray,
  lte,
  notInArray,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { pathInScope } from '../../common/scope';
import { escapeLike } from '../../common/sql';
import type { Executor } from '../../db/client';
import { columnsSet, copyRows } from '../../db/copy';
import { files } from '../files/files.table';
import { orgs } from '../orgs/orgs.table';
import { policyVersions } from '../policies/policies.table';
import type { HouseholdSort } from './households.schemas';
import {
  type Cause,
  type HouseholdStatus,
  householdAttachments,
  householdDecisions,
  householdEvents,
  householdExpenditures,
  householdIdClaims,
  householdIncomeRecords,
  householdIncomes,
  householdMembers,
  households,
} from './households.table';

const UNIQUE_VIOLATION = '23505';

const withEmployer = {
  household: households,
  employerName: orgs.name,
  employerPath: orgs.path,
  employerParentId: orgs.parentId,
  employerRegionCode: orgs.regionCode,
};

export type HouseholdWithEmployer = NonNullable<Awaited<ReturnType<typeof findById>>>;

export function findById(db: Executor, id: string) {
  return db
    .select(withEmployer)
    .from(households)
    .innerJoin(orgs, eq(orgs.id, households.employerOrgId))
    .where(eq(households.id, id))
    .limit(1)
    .then((r) => r[0]);
}

/** Locks the household row: edits and transitions of one household never interleave. */
export function findByIdForUpdate(db: Executor, id: string) {
  return db
    .select(withEmployer)
    .from(households)
    .innerJoin(orgs, eq(orgs.id, households.employerOrgId))
    .where(eq(households.id, id))
    .for('no key update', { of: households })
    .then((r) => r[0]);
}

export async function insert(db: Executor, values: typeof households.$inferInsert & { id: string }) {
  await db.insert(households).values(values);
}

export async function update(db: Executor, id: string, values: Partial<typeof households.$inferInsert>) {
  // A new decision brings its per-capita income along (the list sorts by the copy).
  const perCapita =
    values.decisionId === undefined
      ? {}
      : {
          perCapitaMonthlyFen: values.decisionId
            ? sql`(select ${householdDecisions.perCapitaMonthlyFen} from ${householdDecisions}
                where ${householdDecisions.id} = ${values.decisionId})`
            : null,
        };
  await db
    .update(households)
    .set({ ...values, ...perCapita, updatedAt: new Date() })
    .where(eq(households.id, id));
}

// ——— lists of a household (replaced as a whole while the archive is being edited) ———

export async function replaceMembers(
  db: Executor,
  householdId: string,
  rows: Omit<typeof householdMembers.$inferInsert, 'householdId' | 'position'>[],
) {
  await db.delete(householdMembers).where(eq(householdMembers.householdId, householdId));
  if (rows.length)
    await db.insert(householdMembers).values(rows.map((r, position) => ({ ...r, householdId, position })));
}

export async function replaceIncomes(
  db: Executor,
  householdId: string,
  rows: Omit<typeof householdIncomes.$inferInsert, 'householdId' | 'position'>[],
) {
  await db.delete(householdIncomes).where(eq(householdIncomes.householdId, householdId));
  if (rows.length)
    await db.insert(householdIncomes).values(rows.map((r, position) => ({ ...r, householdId, position })));
}

export async function replaceExpenditures(
  db: Executor,
  householdId: string,
  rows: Omit<typeof householdExpenditures.$inferInsert, 'householdId' | 'position'>[],
) {
  await db.delete(householdExpenditures).where(eq(householdExpenditures.householdId, householdId));
  if (rows.length)
    await db
      .insert(householdExpenditures)
      .values(rows.map((r, position) => ({ ...r, householdId, position })));
}

export async function replaceAttachments(
  db: Executor,
  householdId: string,
  rows: Omit<typeof householdAttachments.$inferInsert, 'householdId'>[],
) {
  await db.delete(householdAttachments).where(eq(householdAttachments.householdId, householdId));
  if (rows.length) await db.insert(householdAttachments).values(rows.map((r) => ({ ...r, householdId })));
}

export function listMembers(db: Executor, householdId: string) {
  return db
    .select()
    .from(householdMembers)
    .where(eq(householdMembers.householdId, householdId))
    .orderBy(asc(householdMembers.position));
}

export function listIncomes(db: Executor, householdId: string) {
  return db
    .select()
    .from(householdIncomes)
    .where(eq(householdIncomes.householdId, householdId))
    .orderBy(asc(householdIncomes.position));
}

export function listExpenditures(db: Executor, householdId: string) {
  return db
    .select()
    .from(householdExpenditures)
    .where(eq(householdExpenditures.householdId, householdId))
    .orderBy(asc(householdExpenditures.position));
}

export function listAttachments(db: Executor, householdId: string) {
  return db
    .select({
      fileId: householdAttachments.fileId,
      kind: householdAttachments.kind,
      note: householdAttachments.note,
      name: files.name,
      mimeType: files.mimeType,
      size: files.size,
    })
    .from(householdAttachments)
    .innerJoin(files, eq(files.id, householdAttachments.fileId))
    .where(eq(householdAttachments.householdId, householdId))
    .orderBy(asc(householdAttachments.addedAt), asc(files.name));
}

/** Whether the file is an attachment of a household whose employer lies below `orgPath`. */
/** A household below `orgPath` that has the file attached (the oldest such attachment), or undefined. */
export async function householdAttachingBelow(db: Executor, fileId: string, orgPath: string) {
  const [row] = await db
    .select({ householdId: householdAttachments.householdId, employerOrgId: households.employerOrgId })
    .from(householdAttachments)
    .innerJoin(households, eq(households.id, householdAttachments.householdId))
    .innerJoin(orgs, eq(orgs.id, households.employerOrgId))
    .where(and(eq(householdAttachments.fileId, fileId), pathInScope({ orgPath })))
    .orderBy(householdAttachments.addedAt)
    .limit(1);
  return row;
}

// ——— ID claims: the one-live-archive rule ———

export async function releaseClaims(db: Executor, householdId: string) {
  await db.delete(householdIdClaims).where(eq(householdIdClaims.householdId, householdId));
}

/** Releases the household's claims on every ID number but these (those it no longer names). */
export async function releaseClaimsExcept(db: Executor, householdId: string, keep: string[]) {
  await db
    .delete(householdIdClaims)
    .where(
      and(
        eq(householdIdClaims.householdId, householdId),
        keep.length ? notInArray(householdIdClaims.idBlind, keep) : undefined,
      ),
    );
}

/**
 * Claims ID numbers for a household in one statement, in blind-index order (so that two households
 * claiming the same people lock in the same order and never deadlock). A claim another transaction
 * has inserted or deleted, but not committed, makes this wait for it. Returns the claims the household
 * now holds: those inserted, and those it held already (their role brought up to date). Nothing is
 * deleted first: a deletion made before the inserts would be a lock outside that order (two households
 * each releasing their own claim, then waiting to insert the other's, deadlocked).
 */
export async function claimIds(
  db: Executor,
  householdId: string,
  claims: { idBlind: string; role: 'employee' | 'member' }[],
): Promise<Set<string>> {
  if (!claims.length) return new Set();
  const sorted = [...claims].sort((a, b) => (a.idBlind < b.idBlind ? -1 : a.idBlind > b.idBlind ? 1 : 0));
  const inserted = await db
    .insert(householdIdClaims)
    .values(sorted.map((c) => ({ ...c, householdId })))
    .onConflictDoNothing()
    .returning({ idBlind: householdIdClaims.idBlind });
  const won = new Set(inserted.map((w) => w.idBlind));
  const rest = new Map(sorted.filter((c) => !won.has(c.idBlind)).map((c) => [c.idBlind, c.role]));
  if (!rest.size) return won;
  // A plain read: only the household's own writers change its claims, and they lock its row first.
  // (`on conflict do update … where` would tell the same, but lock other households' claims.)
  const own = await db
    .select({ idBlind: householdIdClaims.idBlind, role: householdIdClaims.role })
    .from(householdIdClaims)
    .where(
      and(
        eq(householdIdClaims.householdId, householdId),
        inArray(householdIdClaims.idBlind, [...rest.keys()]),
      ),
    );
  for (const claim of own) {
    won.add(claim.idBlind);
    const role = rest.get(claim.idBlind)!;
    // The employee and a member swapped places: rare, one row each.
    if (claim.role !== role)
      await db
        .update(householdIdClaims)
        .set({ role })
        .where(
          and(eq(householdIdClaims.householdId, householdId), eq(householdIdClaims.idBlind, claim.idBlind)),
        );
  }
  return won;
}

/**
 * Claims every ID number of a batch (several households) in blind-index order, like `claimIds`; true
 * when all were won. On PostgreSQL with COPY: a number already claimed fails the statement (unique
 * violation) and the caller's transaction must be rolled back, which the batch's caller does anyway.
 */
export async function claimIdsAll(
  db: Executor,
  claims: { idBlind: string; role: 'employee' | 'member'; householdId: string }[],
): Promise<boolean> {
  if (!claims.length) return true;
  const sorted = [...claims].sort((a, b) => (a.idBlind < b.idBlind ? -1 : a.idBlind > b.idBlind ? 1 : 0));
  try {
    if (await copyRows(db, householdIdClaims, sorted)) return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) return false;
    throw error;
  }
  const result = await insertJson(
    db,
    householdIdClaims,
    sorted,
    sql`on conflict do nothing returning ${sql.identifier(householdIdClaims.idBlind.name)}`,
  );
  return (result as unknown as { rows: unknown[] }).rows.length === sorted.length;
}

/** The unit holding a claim: its name only, whatever the caller's scope. */
export function findClaimHolder(db: Executor, idBlind: string) {
  return db
    .select({ householdId: householdIdClaims.householdId, unitName: orgs.name })
    .from(householdIdClaims)
    .innerJoin(households, eq(households.id, householdIdClaims.householdId))
    .innerJoin(orgs, eq(orgs.id, households.employerOrgId))
    .where(eq(householdIdClaims.idBlind, idBlind))
    .limit(1)
    .then((r) => r[0]);
}

/** `findClaimHolder` for many blind indexes at once: blind index → holder. */
export async function findClaimHolders(db: Executor, idBlinds: string[]) {
  const holders = new Map<
    string,
    { householdId: string; role: 'employee' | 'member'; unitName: string; unitPath: string }
  >();
  if (!idBlinds.length) return holders;
  const rows = await db
    .select({
      idBlind: householdIdClaims.idBlind,
      householdId: householdIdClaims.householdId,
      role: householdIdClaims.role,
      unitName: orgs.name,
      unitPath: orgs.path,
    })
    .from(householdIdClaims)
    .innerJoin(households, eq(households.id, householdIdClaims.householdId))
    .innerJoin(orgs, eq(orgs.id, households.employerOrgId))
    // One JSON parameter rather than one parameter per blind index (the import asks hundreds at once).
    .where(
      sql`${householdIdClaims.idBlind} in (select json_array_elements_text(${JSON.stringify(idBlinds)}::json))`,
    );
  for (const { idBlind, ...holder } of rows) holders.set(idBlind, holder);
  return holders;
}

/** Exited archives whose employee has one of these ID numbers (blind indexes), with their unit. */
export async function findExitedByEmployee(db: Executor, idBlinds: string[]) {
  if (!idBlinds.length) return [];
  return (
    db
      .select({ id: households.id, idBlind: households.idBlind, unitName: orgs.name, unitPath: orgs.path })
      .from(households)
      .innerJoin(orgs, eq(orgs.id, households.employerOrgId))
      // One JSON parameter (an import asks for a batch of hundreds).
      .where(
        and(
          sql`${households.idBlind} in (select json_array_elements_text(${JSON.stringify(idBlinds)}::json))`,
          eq(households.status, 'exited'),
        ),
      )
  );
}

/** Of the given households, those whose timeline holds an event with this action. */
export async function householdsWithEvent(db: Executor, householdIds: string[], action: string) {
  if (!householdIds.length) return new Set<string>();
  const rows = await db
    .selectDistinct({ householdId: householdEvents.householdId })
    .from(householdEvents)
    .where(and(inArray(householdEvents.householdId, householdIds), eq(householdEvents.action, action)));
  return new Set(rows.map((r) => r.householdId));
}

/** Org units by id (no scope: the caller checks it). */
export function orgsByIds(db: Executor, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  // One JSON parameter: an import batch names hundreds of employers, and building one parameter
  // per id cost more than the query.
  return db
    .select()
    .from(orgs)
    .where(sql`${orgs.id} in (select (json_array_elements_text(${JSON.stringify(ids)}::json))::uuid)`);
}

// ——— bulk inserts (the import): one statement and one parameter per table for many households ———

/**
 * Inserts many rows with one JSON parameter, expanded by `json_populate_recordset` into the table's
 * own row type (in array order, `with ordinality`): the query builder would otherwise bind and map
 * every value of every row, which was the import's largest cost. Column values are what the driver
 * would send (dates as ISO strings, json columns as JSON); columns absent from every row take their
 * defaults.
 */
async function insertJson<T extends PgTable>(
  db: Executor,
  table: T,
  rows: T['$inferInsert'][],
  tail: SQL = sql``,
) {
  const { keys, columns } = columnsSet(table, rows);
  const names = columns.map((column) => column.name);
  // Plain loops: this runs for every row of every table of an import.
  const out: Record<string, unknown>[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Record<string, unknown>;
    const o: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const value = row[keys[i]!];
      o[names[i]!] = value instanceof Date ? value.toISOString() : (value ?? null);
    }
    out[r] = o;
  }
  const json = JSON.stringify(out);
  const list = sql.raw(names.map((n) => `"${n}"`).join(', '));
  const target = sql.identifier(getTableName(table));
  return db.execute(
    sql`insert into ${target} (${list}) select ${list}
      from json_populate_recordset(null::${target}, ${json}::json) with ordinality as r
      order by r.ordinality ${tail}`,
  );
}

/**
 * The import's bulk rows, in the order given: `COPY` on PostgreSQL, where expanding the JSON cost the
 * server about half again as much as COPY (three times as much for the decisions' jsonb); the JSON
 * statement on PGlite, and for the claims, whose `on conflict … returning` COPY cannot do.
 */
async function insertBulk<T extends PgTable>(db: Executor, table: T, rows: T['$inferInsert'][]) {
  if (!rows.length) return;
  if (!(await copyRows(db, table, rows))) await insertJson(db, table, rows);
}

export async function insertMany(db: Executor, values: (typeof households.$inferInsert & { id: string })[]) {
  await insertBulk(db, households, values);
}

export async function insertMembersMany(db: Executor, values: (typeof householdMembers.$inferInsert)[]) {
  await insertBulk(db, householdMembers, values);
}

export async function insertIncomesMany(db: Executor, values: (typeof householdIncomes.$inferInsert)[]) {
  await insertBulk(db, householdIncomes, values);
}

export async function insertExpendituresMany(
  db: Executor,
  values: (typeof householdExpenditures.$inferInsert)[],
) {
  await insertBulk(db, householdExpenditures, values);
}

export async function insertDecisionsMany(db: Executor, values: (typeof householdDecisions.$inferInsert)[]) {
  await insertBulk(db, householdDecisions, values);
}

/** Events in one statement, numbered in the order given. */
export async function insertEventsMany(db: Executor, values: (typeof householdEvents.$inferInsert)[]) {
  await insertBulk(db, householdEvents, values);
}

// ——— decisions and timeline ———

const decisionColumns = {
  decision: householdDecisions,
  policyRegionCode: policyVersions.regionCode,
  policyEffectiveFrom: policyVersions.effectiveFrom,
};
export type DecisionView = Awaited<ReturnType<typeof listDecisions>>[number];

export async function insertDecision(db: Executor, values: typeof householdDecisions.$inferInsert) {
  const [row] = await db.insert(householdDecisions).values(values).returning();
  return row!;
}

export function findDecision(db: Executor, id: string) {
  return db
    .select(decisionColumns)
    .from(householdDecisions)
    .innerJoin(policyVersions, eq(policyVersions.id, householdDecisions.policyId))
    .where(eq(householdDecisions.id, id))
    .limit(1)
    .then((r) => r[0]);
}

export function listDecisions(db: Executor, householdId: string) {
  return db
    .select(decisionColumns)
    .from(householdDecisions)
    .innerJoin(policyVersions, eq(policyVersions.id, householdDecisions.policyId))
    .where(eq(householdDecisions.householdId, householdId))
    .orderBy(desc(householdDecisions.computedAt), desc(householdDecisions.id));
}

/** A step on the timeline, with the household's employer as it stands (after the step's own changes). */
export async function insertEvent(
  db: Executor,
  values: Omit<typeof householdEvents.$inferInsert, 'employerOrgId'>,
) {
  await db.insert(householdEvents).values({
    ...values,
    employerOrgId: sql`(select ${households.employerOrgId} from ${households} where ${households.id} = ${values.householdId})`,
  });
}

export function listEvents(db: Executor, householdId: string) {
  return db
    .select()
    .from(householdEvents)
    .where(eq(householdEvents.householdId, householdId))
    .orderBy(asc(householdEvents.id));
}

/** The events of several households (a list page's), each household's in the order they happened. */
export function listEventsOf(db: Executor, householdIds: string[]) {
  return db
    .select({
      householdId: householdEvents.householdId,
      action: householdEvents.action,
      actorId: householdEvents.actorId,
      level: householdEvents.level,
      toStatus: householdEvents.toStatus,
      comment: householdEvents.comment,
    })
    .from(householdEvents)
    .where(inArray(householdEvents.householdId, householdIds))
    .orderBy(asc(householdEvents.householdId), asc(householdEvents.id));
}

// ——— lists and counts ———

export interface HouseholdFilter {
  pathPrefix: string;
  status?: HouseholdStatus;
  category?: 'deep' | 'relative' | 'sudden' | 'none' | 'unassessed';
  cause?: Cause;
  reviewDueBefore?: string;
  exitProposed?: boolean;
  /** Only households whose next decision belongs to this unit (see the review levels). */
  reviewerOrgId?: string;
  q?: string;
  /** A full ID number searched for (its blind index): the employee's or a family member's. */
  idBlind?: string;
}

function conditions(f: HouseholdFilter): SQL | undefined {
  return and(
    sql`${orgs.path} like ${`${f.pathPrefix}%`}`,
    f.status ? eq(households.status, f.status) : undefined,
    f.category === 'unassessed'
      ? sql`${households.category} is null`
      : f.category
        ? eq(households.category, f.category)
        : undefined,
    f.cause ? sql`${households.causes} @> array[${f.cause}]::text[]` : undefined,
    // 年审到期不晚于: the day itself included, as the annual-review list's 到期日不晚于.
    f.reviewDueBefore ? lte(households.reviewDueOn, f.reviewDueBefore) : undefined,
    f.exitProposed === undefined
      ? undefined
      : f.exitProposed
        ? sql`${households.exitProposedOn} is not null`
        : sql`${households.exitProposedOn} is null`,
    f.q ? nameMatches(f.q) : undefined,
    f.idBlind
      ? sql`(${households.idBlind} = ${f.idBlind} or exists (select 1 from ${householdMembers} m
          where m.household_id = ${households.id} and m.id_blind = ${f.idBlind}))`
      : undefined,
    f.reviewerOrgId
      ? sql`((${households.status} = 'submitted' and ${households.employerOrgId} = ${f.reviewerOrgId})
          or (${households.status} = 'grassroots_approved' and ${orgs.parentId} = ${f.reviewerOrgId})
          or (${households.status} = 'archived' and ${households.exitProposedOn} is not null
              and ${orgs.parentId} = ${f.reviewerOrgId}))`
      : undefined,
  );
}

/**
 * Name search. From 3 characters a substring (`ilike`, served by the trigram index); shorter queries
 * (a surname, most two-character names) cannot use trigrams, so they match the start of the name as
 * a byte range on `households_name_prefix_idx` (`~>=~`/`~<~`: UTF-8 keeps code point order). Two
 * characters may also be the given name (建军 finds 王建军): the same range on the name after its
 * first character (`households_given_name_prefix_idx`).
 */
export function nameMatches(q: string): SQL {
  const chars = [...q];
  if (chars.length >= 3) return ilike(households.name, `%${escapeLike(q)}%`);
  let next = chars[chars.length - 1]!.codePointAt(0)! + 1;
  if (next >= 0xd800 && next <= 0xdfff) next = 0xe000;
  if (next > 0x10ffff) return sql`${households.name} like ${`${escapeLike(q)}%`}`;
  const upper = chars.slice(0, -1).join('') + String.fromCodePoint(next);
  const startsWith = (name: SQL) => sql`(${name} ~>=~ ${q} and ${name} ~<~ ${upper})`;
  const fullName = startsWith(sql`${households.name}`);
  if (chars.length < 2) return fullName;
  return sql`(${fullName} or ${startsWith(sql`substr(${households.name}, 2)`)})`;
}

/**
 * Rows matching the filter, counted up to `cap + 1` at most: a count stops early instead of reading
 * every matching row of a large archive. `n > cap` means "more than cap".
 */
function cappedCount(db: Executor, where: SQL | undefined, cap: number) {
  const matching = db
    .select({ one: sql<number>`1`.as('one') })
    .from(households)
    .innerJoin(orgs, eq(orgs.id, households.employerOrgId))
    .where(where)
    .limit(cap + 1)
    .as('matching');
  return db
    .select({ n: sql<number>`count(*)::int` })
    .from(matching)
    .then((r) => r[0]?.n ?? 0);
}

/**
 * The list's order, each matching an index of households.table.ts exactly (directions and nulls), so
 * that a page is an index walk whatever the sort: the default `households_updated_idx` (updated_at is
 * never null), `households_review_due_idx`, `households_per_capita_idx` and its descending twin.
 */
function listOrder(sort: HouseholdSort | undefined): SQL[] {
  switch (sort) {
    case 'reviewDueOn':
      return [sql`${households.reviewDueOn} asc nulls last`, sql`${households.id} asc`];
    case 'perCapita':
      return [sql`${households.perCapitaMonthlyFen} asc nulls last`, sql`${households.id} asc`];
    case '-perCapita':
      return [sql`${households.perCapitaMonthlyFen} desc nulls last`, sql`${households.id} desc nulls last`];
    default:
      return [sql`${households.updatedAt} desc nulls last`, sql`${households.id} asc`];
  }
}

/**
 * The ids of a page, in the list's order. First on their own: skipping `offset` rows then touches only
 * the index (ids, employer), and whole rows, the employer's name and the decision are read for the page
 * alone. (Exported for the test that checks every order is an index walk.)
 */
export function pageIds(
  db: Executor,
  f: HouseholdFilter & { limit: number; offset: number; sort?: HouseholdSort },
) {
  return db
    .select({ pageId: households.id })
    .from(households)
    .innerJoin(orgs, eq(orgs.id, households.employerOrgId))
    .where(conditions(f))
    .orderBy(...listOrder(f.sort))
    .limit(f.limit)
    .offset(f.offset);
}

/**
 * A page in the list's order (newest change first, then id, unless `sort` says otherwise). `countCap` bounds the count: without
 * it the count is exact (the export job needs it for its progress).
 */
export async function list(
  db: Executor,
  f: HouseholdFilter & { limit: number; offset: number; countCap?: number; sort?: HouseholdSort },
) {
  const where = conditions(f);
  const order = listOrder(f.sort);
  const page = pageIds(db, f).as('page');
  const [items, count] = await Promise.all([
    db
      .select({
        household: households,
        employerName: orgs.name,
        householdSize: householdDecisions.householdSize,
        perCapitaMonthlyFen: householdDecisions.perCapitaMonthlyFen,
      })
      .from(households)
      .innerJoin(page, eq(page.pageId, households.id))
      .innerJoin(orgs, eq(orgs.id, households.employerOrgId))
      .leftJoin(householdDecisions, eq(householdDecisions.id, households.decisionId))
      .orderBy(...order),
    f.countCap === undefined
      ? db
          .select({ n: sql<number>`count(*)::int` })
          .from(households)
          .innerJoin(orgs, eq(orgs.id, households.employerOrgId))
          .where(where)
          .then((r) => r[0]?.n ?? 0)
      : cappedCount(db, where, f.countCap),
  ]);
  const capped = f.countCap !== undefined && count > f.countCap;
  return { items, total: capped ? f.countCap! : count, totalCapped: capped };
}

/**
 * Counts for the list page, each capped like the list's: the whole filter, each category (null =
 * not assessed) and each status.
 */
export async function cappedCounts(
  db: Executor,
  f: HouseholdFilter,
  keys: { categories: (string | null)[]; statuses: string[] },
  cap: number,
) {
  const [total, byCategory, byStatus] = await Promise.all([
    cappedCount(db, conditions(f), cap),
    Promise.all(
      keys.categories.map((c) =>
        cappedCount(
          db,
          and(
            conditions(f),
            c === null ? sql`${households.category} is null` : eq(households.category, c as 'deep'),
          ),
          cap,
        ),
      ),
    ),
    Promise.all(
      keys.statuses.map((s) =>
        cappedCount(db, and(conditions(f), eq(households.status, s as HouseholdStatus)), cap),
      ),
    ),
  ]);
  return { total, byCategory, byStatus };
}

export function membersByIds(db: Executor, householdId: string, ids: string[]) {
  return db
    .select()
    .from(householdMembers)
    .where(and(eq(householdMembers.householdId, householdId), inArray(householdMembers.id, ids)));
}

// ——— monthly income records ———

export function findIncomeRecord(db: Executor, householdId: string, month: string) {
  return db
    .select()
    .from(householdIncomeRecords)
    .where(and(eq(householdIncomeRecords.householdId, householdId), eq(householdIncomeRecords.month, month)))
    .limit(1)
    .then((r) => r[0]);
}

/** One record per household and month: recording a month again corrects it. */
export async function upsertIncomeRecord(db: Executor, values: typeof householdIncomeRecords.$inferInsert) {
  const { householdId: _h, month: _m, ...changes } = values;
  await db
    .insert(householdIncomeRecords)
    .values(values)
    .onConflictDoUpdate({
      target: [householdIncomeRecords.householdId, householdIncomeRecords.month],
      set: { ...changes, recordedAt: new Date() },
    });
}

/** Newest month first. */
export function listIncomeRecords(db: Executor, householdId: string, limit = 120) {
  return db
    .select()
    .from(householdIncomeRecords)
    .where(eq(householdIncomeRecords.householdId, householdId))
    .orderBy(desc(householdIncomeRecords.month))
    .limit(limit);
}
