import { and, asc, desc, eq, gt, gte, isNotNull, isNull, lt, lte, type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client';
import { orgs } from '../orgs/orgs.table';
import {
  householdAnnualReviews,
  householdNotDuplicates,
  householdReviewSampleItems,
  householdReviewSamples,
} from './households.reviews.table';
import { households } from './households.table';

/**
 * SQL of duplicate suggestions and annual review. Similar names are found with the pg_trgm `%`
 * operator (GIN index `households_name_trgm_idx`, threshold `pg_trgm.similarity_threshold`, 0.3 by
 * default), namesakes with the (name, id) btree, equal phones with the blind-index btree; rejected
 * and withdrawn households never count.
 */

const COUNTED = sql`('draft','submitted','grassroots_approved','archived','returned','exited')`;

const h1 = alias(households, 'h1');
const h2 = alias(households, 'h2');
const o1 = alias(orgs, 'o1');
const o2 = alias(orgs, 'o2');

const side = (h: typeof households | typeof h1 | typeof h2, o: typeof orgs | typeof o1 | typeof o2) => ({
  id: h.id,
  name: h.name,
  idMasked: h.idMasked,
  phoneMasked: h.phoneMasked,
  phoneBlind: h.phoneBlind,
  employerOrgId: h.employerOrgId,
  employerName: o.name,
  status: h.status,
  category: h.category,
});

function notMarked(a: SQL | AnyPgColumn, b: SQL | AnyPgColumn) {
  return sql`not exists (select 1 from ${householdNotDuplicates}
    where ${householdNotDuplicates.householdA} = least(${a}, ${b})
      and ${householdNotDuplicates.householdB} = greatest(${a}, ${b}))`;
}

/**
 * Two-character names one character apart (王磊/王蕾, 汪磊/王磊): trigram similarity is at most 0.2
 * for them (they share the surname's trigram at best), under any sensible threshold. Suggested only
 * with the same employer or phone (see `households.duplicates.ts`).
 */
const oneCharApart = (a: SQL | AnyPgColumn, b: SQL | AnyPgColumn | string) =>
  sql`(char_length(${a}) = 2 and char_length(${b}) = 2
    and (left(${a}, 1) = left(${b}, 1) or right(${a}, 1) = right(${b}, 1)))`;

/**
 * Candidates for one household, merged from up to four look-ups of at most `limit` rows each (the
 * caller ranks them):
 * - namesakes (similarity 1) in id order on `households_name_prefix_idx` (name, id): a common name
 *   has hundreds at a million households, and the first `limit` of them are exactly the best
 *   `limit` by (similarity desc, id);
 * - only when there are fewer namesakes: similar names (`%`, GIN trigram index), best first — a
 *   common name would make that index recheck every namesake and every name sharing its surname;
 * - similar names at the same employer (a stronger sign, not crowded out by namesakes elsewhere;
 *   the employer's households are filtered by `similarity`, no trigram index needed), two-character
 *   names one character apart counting as similar there (ranked as similarity 0.5);
 * - equal phones (blind-index btree).
 */
export async function findCandidates(
  db: Executor,
  /** `id` null: a household being entered, not saved yet (no row to leave out, no pair marked). */
  of: { id: string | null; name: string; phoneBlind: string | null; employerOrgId: string },
  pathPrefix: string,
  limit: number,
) {
  const similarity = sql<number>`similarity(${households.name}, ${of.name})`;
  const candidates = (signal: SQL) =>
    db
      .select({ ...side(households, orgs), nameSimilarity: similarity })
      .from(households)
      .innerJoin(orgs, eq(orgs.id, households.employerOrgId))
      .where(
        and(
          signal,
          of.id === null ? undefined : sql`${households.id} <> ${of.id}`,
          sql`${households.status} in ${COUNTED}`,
          sql`${orgs.path} like ${`${pathPrefix}%`}`,
          of.id === null ? undefined : notMarked(households.id, sql`${of.id}::uuid`),
        ),
      );
  const bestFirst = [sql`${similarity} desc`, asc(households.id)];
  const [namesakes, sameEmployer, samePhone] = await Promise.all([
    candidates(eq(households.name, of.name)).orderBy(asc(households.id)).limit(limit),
    // show_limit(): the threshold `%` uses (pg_trgm.similarity_threshold).
    candidates(
      and(
        eq(households.employerOrgId, of.employerOrgId),
        sql`(${similarity} >= show_limit() or ${oneCharApart(households.name, of.name)})`,
      )!,
    )
      .orderBy(
        sql`greatest(${similarity}, case when ${oneCharApart(households.name, of.name)} then 0.5 else 0 end) desc`,
        asc(households.id),
      )
      .limit(limit),
    of.phoneBlind
      ? candidates(eq(households.phoneBlind, of.phoneBlind)).orderBy(asc(households.id)).limit(limit)
      : Promise.resolve([]),
  ]);
  const similar =
    namesakes.length < limit
      ? await candidates(sql`${households.name} % ${of.name}`)
          .orderBy(...bestFirst)
          .limit(limit)
      : [];
  const byId = new Map<string, (typeof namesakes)[number]>();
  for (const row of [...namesakes, ...similar, ...sameEmployer, ...samePhone]) byId.set(row.id, row);
  return [...byId.values()];
}

/**
 * Pairs of likely duplicates inside a subtree, each once (smaller id first), in id order so that the
 * nested loop stops as soon as the page is full. Each arm of the join condition has its index (a
 * bitmap OR per household): similar names the trigram GIN index, equal phones the blind-index btree,
 * two-character names one character apart at the same employer the two partial indexes on
 * (employer, first character) and (employer, last character) of two-character names.
 */
export function findPairs(db: Executor, pathPrefix: string, limit: number, offset: number) {
  return db
    .select({
      a: side(h1, o1),
      b: side(h2, o2),
      nameSimilarity: sql<number>`similarity(${h1.name}, ${h2.name})`,
    })
    .from(h1)
    .innerJoin(o1, eq(o1.id, h1.employerOrgId))
    .innerJoin(
      h2,
      and(
        gt(h2.id, h1.id),
        sql`(${h2.name} % ${h1.name} or ${h2.phoneBlind} = ${h1.phoneBlind}
          or (char_length(${h1.name}) = 2 and char_length(${h2.name}) = 2
            and ${h2.employerOrgId} = ${h1.employerOrgId} and left(${h2.name}, 1) = left(${h1.name}, 1))
          or (char_length(${h1.name}) = 2 and char_length(${h2.name}) = 2
            and ${h2.employerOrgId} = ${h1.employerOrgId} and right(${h2.name}, 1) = right(${h1.name}, 1)))`,
        sql`${h2.status} in ${COUNTED}`,
      ),
    )
    .innerJoin(o2, eq(o2.id, h2.employerOrgId))
    .where(
      and(
        sql`${h1.status} in ${COUNTED}`,
        sql`${o1.path} like ${`${pathPrefix}%`}`,
        sql`${o2.path} like ${`${pathPrefix}%`}`,
        notMarked(h1.id, h2.id),
      ),
    )
    .orderBy(asc(h1.id), asc(h2.id))
    .limit(limit)
    .offset(offset);
}

/** Inserts the pair once; false when it was already marked. */
export async function insertNotDuplicate(
  db: Executor,
  values: { a: string; b: string; note: string | null; decidedBy: string },
) {
  const [low, high] = values.a < values.b ? [values.a, values.b] : [values.b, values.a];
  const rows = await db
    .insert(householdNotDuplicates)
    .values({ householdA: low, householdB: high, note: values.note, decidedBy: values.decidedBy })
    .onConflictDoNothing()
    .returning();
  if (rows[0]) return { row: rows[0], created: true };
  const [existing] = await db
    .select()
    .from(householdNotDuplicates)
    .where(and(eq(householdNotDuplicates.householdA, low), eq(householdNotDuplicates.householdB, high)));
  return { row: existing!, created: false };
}

// ——— annual review ———

export async function listDue(
  db: Executor,
  f: { pathPrefix: string; dueBy?: string; overdueOn?: string; limit: number; offset: number },
) {
  const where = and(
    eq(households.status, 'archived'),
    f.dueBy ? lte(households.reviewDueOn, f.dueBy) : undefined,
    f.overdueOn ? lt(households.reviewDueOn, f.overdueOn) : undefined,
    sql`${orgs.path} like ${`${f.pathPrefix}%`}`,
  );
  const lastReviewedOn = sql<string | null>`(select max(${householdAnnualReviews.reviewedOn})
    from ${householdAnnualReviews} where ${householdAnnualReviews.householdId} = ${households.id})`;
  const [items, [count]] = await Promise.all([
    db
      .select({ household: households, employerName: orgs.name, lastReviewedOn })
      .from(households)
      .innerJoin(orgs, eq(orgs.id, households.employerOrgId))
      .where(where)
      .orderBy(asc(households.reviewDueOn), asc(households.id))
      .limit(f.limit)
      .offset(f.offset),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(households)
      .innerJoin(orgs, eq(orgs.id, households.employerOrgId))
      .where(where),
  ]);
  return { items, total: count?.total ?? 0 };
}

/** The household's annual review of a year, if one was recorded. */
/** The latest annual review of a household, on or after `since` (its latest archiving) when given. */
export async function findLatestAnnualReview(db: Executor, householdId: string, since: string | null) {
  const [row] = await db
    .select()
    .from(householdAnnualReviews)
    .where(
      and(
        eq(householdAnnualReviews.householdId, householdId),
        since ? gte(householdAnnualReviews.reviewedOn, since) : undefined,
      ),
    )
    .orderBy(desc(householdAnnualReviews.reviewedOn), desc(householdAnnualReviews.createdAt))
    .limit(1);
  return row;
}

export async function insertAnnualReview(db: Executor, values: typeof householdAnnualReviews.$inferInsert) {
  const [row] = await db.insert(householdAnnualReviews).values(values).returning();
  return row!;
}

export async function insertSample(db: Executor, values: typeof householdReviewSamples.$inferInsert) {
  const [row] = await db.insert(householdReviewSamples).values(values).returning();
  return row!;
}

/** Households of the subtree with an annual review in the year: the population of a sample. */
function reviewedInYear(pathPrefix: string, year: number) {
  return sql`select distinct ${householdAnnualReviews.householdId} as household_id
    from ${householdAnnualReviews}
    join ${households} on ${households.id} = ${householdAnnualReviews.householdId}
    join ${orgs} on ${orgs.id} = ${households.employerOrgId}
    where ${householdAnnualReviews.year} = ${year} and ${orgs.path} like ${`${pathPrefix}%`}`;
}

export async function countReviewed(db: Executor, pathPrefix: string, year: number) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(sql`(${reviewedInYear(pathPrefix, year)}) as reviewed`);
  return row?.n ?? 0;
}

/**
 * The draw: the first `size` reviewed households ordered by sha256(seed || id), ties impossible in
 * practice and broken by id. The same seed over the same population gives the same members.
 */
export async function drawItems(
  db: Executor,
  sample: { id: string; seed: string; size: number },
  pathPrefix: string,
  year: number,
) {
  const hash = sql`sha256(convert_to(${sample.seed} || reviewed.household_id::text, 'UTF8'))`;
  await db.insert(householdReviewSampleItems).select(
    db
      .select({
        sampleId: sql`${sample.id}::uuid`.as('sample_id'),
        householdId: sql`reviewed.household_id`.as('household_id'),
        position: sql`(row_number() over (order by ${hash}, reviewed.household_id))::int`.as('position'),
        result: sql`null`.as('result'),
        note: sql`null`.as('note'),
        checkedBy: sql`null::uuid`.as('checked_by'),
        checkedByName: sql`null`.as('checked_by_name'),
        checkedAt: sql`null::timestamptz`.as('checked_at'),
      })
      .from(sql`(${reviewedInYear(pathPrefix, year)}) as reviewed`)
      .orderBy(hash, sql`reviewed.household_id`)
      .limit(sample.size),
  );
}

/** A sample with its unit; `forUpdate` locks the sample row (findings and redraws of it queue up). */
export function findSample(db: Executor, id: string, forUpdate = false) {
  const query = db
    .select({ sample: householdReviewSamples, orgName: orgs.name, orgPath: orgs.path })
    .from(householdReviewSamples)
    .innerJoin(orgs, eq(orgs.id, householdReviewSamples.orgId))
    .where(eq(householdReviewSamples.id, id))
    .limit(1);
  return (forUpdate ? query.for('no key update', { of: householdReviewSamples }) : query).then((r) => r[0]);
}

/** The current (not superseded) sample of a unit and year, locked, with how many findings it holds. */
export async function findCurrentSampleForUpdate(db: Executor, orgId: string, year: number) {
  const [current] = await db
    .select({ id: householdReviewSamples.id })
    .from(householdReviewSamples)
    .where(
      and(
        eq(householdReviewSamples.orgId, orgId),
        eq(householdReviewSamples.year, year),
        isNull(householdReviewSamples.supersededAt),
      ),
    )
    .for('no key update');
  if (!current) return undefined;
  const [row] = await db
    .select({ checked: sql<number>`count(*)::int` })
    .from(householdReviewSampleItems)
    .where(
      and(eq(householdReviewSampleItems.sampleId, current.id), isNotNull(householdReviewSampleItems.result)),
    );
  return { id: current.id, checked: row?.checked ?? 0 };
}

/** Takes a sample out of the current slot, so that a new draw can be inserted. */
export async function markSuperseded(db: Executor, id: string) {
  await db
    .update(householdReviewSamples)
    .set({ supersededAt: new Date() })
    .where(eq(householdReviewSamples.id, id));
}

export async function linkSuperseded(db: Executor, id: string, by: string) {
  await db.update(householdReviewSamples).set({ supersededBy: by }).where(eq(householdReviewSamples.id, id));
}

/** Findings per sample: how many items were checked and how many found a discrepancy. */
const progress = {
  checked: sql<number>`(select count(*)::int from ${householdReviewSampleItems} i
    where i.sample_id = ${householdReviewSamples.id} and i.result is not null)`.as('checked'),
  discrepancies: sql<number>`(select count(*)::int from ${householdReviewSampleItems} i
    where i.sample_id = ${householdReviewSamples.id} and i.result = 'discrepancy')`.as('discrepancies'),
};

export async function sampleProgress(db: Executor, id: string) {
  const [row] = await db
    .select(progress)
    .from(householdReviewSamples)
    .where(eq(householdReviewSamples.id, id));
  return row ?? { checked: 0, discrepancies: 0 };
}

/**
 * Samples of a year drawn on units of the subtree (or of one unit), current ones first, newest first,
 * with their progress.
 */
export async function listSamples(
  db: Executor,
  query: {
    pathPrefix: string;
    orgId?: string;
    year: number;
    current?: boolean;
    limit: number;
    offset: number;
  },
) {
  const where = and(
    sql`${orgs.path} like ${`${query.pathPrefix}%`}`,
    eq(householdReviewSamples.year, query.year),
    query.orgId ? eq(householdReviewSamples.orgId, query.orgId) : undefined,
    query.current ? isNull(householdReviewSamples.supersededAt) : undefined,
  );
  const [items, [count]] = await Promise.all([
    db
      .select({ sample: householdReviewSamples, orgName: orgs.name, ...progress })
      .from(householdReviewSamples)
      .innerJoin(orgs, eq(orgs.id, householdReviewSamples.orgId))
      .where(where)
      .orderBy(
        sql`${householdReviewSamples.supersededAt} is not null`,
        desc(householdReviewSamples.drawnAt),
        asc(householdReviewSamples.id),
      )
      .limit(query.limit)
      .offset(query.offset),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(householdReviewSamples)
      .innerJoin(orgs, eq(orgs.id, householdReviewSamples.orgId))
      .where(where),
  ]);
  return { items, total: count?.total ?? 0 };
}

/**
 * Sampled households still without a finding, on the current samples (a superseded draw takes no
 * finding) drawn on units of the subtree. One query: the subtree's units (path index), their samples
 * (`household_review_samples_org_idx`), their items (primary key, sample first).
 */
export async function countUncheckedSampleItems(db: Executor, pathPrefix: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(householdReviewSampleItems)
    .innerJoin(householdReviewSamples, eq(householdReviewSamples.id, householdReviewSampleItems.sampleId))
    .innerJoin(orgs, eq(orgs.id, householdReviewSamples.orgId))
    .where(
      and(
        sql`${orgs.path} like ${`${pathPrefix}%`}`,
        isNull(householdReviewSamples.supersededAt),
        isNull(householdReviewSampleItems.result),
      ),
    );
  return row?.n ?? 0;
}

export function listSampleItems(db: Executor, sampleId: string) {
  return db
    .select({
      item: householdReviewSampleItems,
      name: households.name,
      idMasked: households.idMasked,
      employerName: orgs.name,
    })
    .from(householdReviewSampleItems)
    .innerJoin(households, eq(households.id, householdReviewSampleItems.householdId))
    .innerJoin(orgs, eq(orgs.id, households.employerOrgId))
    .where(eq(householdReviewSampleItems.sampleId, sampleId))
    .orderBy(asc(householdReviewSampleItems.position));
}

export function findSampleItem(db: Executor, sampleId: string, householdId: string) {
  return db
    .select()
    .from(householdReviewSampleItems)
    .where(
      and(
        eq(householdReviewSampleItems.sampleId, sampleId),
        eq(householdReviewSampleItems.householdId, householdId),
      ),
    )
    .for('no key update')
    .then((r) => r[0]);
}

export async function updateSampleItem(
  db: Executor,
  sampleId: string,
  householdId: string,
  values: Partial<typeof householdReviewSampleItems.$inferInsert>,
) {
  await db
    .update(householdReviewSampleItems)
    .set(values)
    .where(
      and(
        eq(householdReviewSampleItems.sampleId, sampleId),
        eq(householdReviewSampleItems.householdId, householdId),
      ),
    );
}
