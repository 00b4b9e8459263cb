import { and, asc, desc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../../common/context';
import { scopeFilter } from '../../common/scope';
import { escapeLike } from '../../common/sql';
import { type Executor, runPrepared } from '../../db/client';
import { fundSources } from '../funds/funds.table';
import { households } from '../households/households.table';
import { type OrgLevel, orgs } from '../orgs/orgs.table';
import { type ProgramRow, programSources, programs } from '../programs/programs.table';
import type { ListApplicationsQuery } from './applications.schemas';
import {
  type ApplicationStatus,
  aidApplicationDecisions,
  aidApplicationFundings,
  aidApplications,
  type ChainStep,
  type DecisionAction,
  type DocumentRef,
  type Eligibility,
} from './applications.table';

const withNames = {
  application: aidApplications,
  orgName: orgs.name,
  orgPath: orgs.path,
  programName: programs.name,
  programType: programs.type,
  programYear: programs.year,
  householdName: households.name,
};
export type ApplicationView = NonNullable<Awaited<ReturnType<typeof findById>>>;

function selectWithNames(db: Executor) {
  return db
    .select(withNames)
    .from(aidApplications)
    .innerJoin(orgs, eq(orgs.id, aidApplications.orgId))
    .innerJoin(programs, eq(programs.id, aidApplications.programId))
    .innerJoin(households, eq(households.id, aidApplications.householdId));
}

export function findById(db: Executor, id: string) {
  return selectWithNames(db)
    .where(eq(aidApplications.id, id))
    .limit(1)
    .then((r) => r[0]);
}

/** Locks the application: decisions on one application never interleave. */
export function lockById(db: Executor, id: string) {
  return db
    .select({ id: aidApplications.id })
    .from(aidApplications)
    .where(eq(aidApplications.id, id))
    .for('no key update')
    .then((r) => r[0]);
}

export async function list(db: Executor, principal: Principal, query: ListApplicationsQuery) {
  const where = [scopeFilter(principal, aidApplications.orgId)];
  if (query.programId) where.push(eq(aidApplications.programId, query.programId));
  if (query.householdId) where.push(eq(aidApplications.householdId, query.householdId));
  if (query.status) where.push(eq(aidApplications.status, query.status));
  if (query.awaitingMe) where.push(eq(aidApplications.currentOrgId, principal.orgId));
  // The household's name, anywhere in it; inside the scope above (the applications are few beside the
  // archive: the scoped rows are read, each household by its key).
  if (query.q)
    where.push(
      sql`exists (select 1 from ${households} where ${households.id} = ${aidApplications.householdId}
        and ${households.name} ilike ${`%${escapeLike(query.q)}%`})`,
    );
  const [items, [count]] = await Promise.all([
    selectWithNames(db)
      .where(and(...where))
      .orderBy(desc(aidApplications.submittedAt), asc(aidApplications.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(aidApplications)
      .where(and(...where)),
  ]);
  return { items, total: count?.n ?? 0 };
}

export async function insert(db: Executor, values: typeof aidApplications.$inferInsert) {
  const [row] = await db.insert(aidApplications).values(values).returning({ id: aidApplications.id });
  return row!.id;
}

export async function update(db: Executor, id: string, values: Partial<typeof aidApplications.$inferInsert>) {
  await db
    .update(aidApplications)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(aidApplications.id, id));
}

export async function insertDecision(db: Executor, values: typeof aidApplicationDecisions.$inferInsert) {
  await db.insert(aidApplicationDecisions).values(values);
}

export function listDecisions(db: Executor, applicationId: string) {
  return db
    .select()
    .from(aidApplicationDecisions)
    .where(eq(aidApplicationDecisions.applicationId, applicationId))
    .orderBy(asc(aidApplicationDecisions.at), asc(aidApplicationDecisions.id));
}

export function listFundings(db: Executor, applicationId: string) {
  return db
    .select({
      sourceId: aidApplicationFundings.sourceId,
      sourceName: fundSources.name,
      amountFen: aidApplicationFundings.amountFen,
    })
    .from(aidApplicationFundings)
    .innerJoin(fundSources, eq(fundSources.id, aidApplicationFundings.sourceId))
    .where(eq(aidApplicationFundings.applicationId, applicationId))
    .orderBy(asc(aidApplicationFundings.sourceId));
}

const LIVE: ApplicationStatus[] = ['pending', 'returned', 'approved'];

/** What the household already holds in a program: approved amounts, or the amounts still under review. */
export async function householdUsedInProgram(
  db: Executor,
  householdId: string,
  programId: string,
  exceptId: string | null,
) {
  const where = [
    eq(aidApplications.householdId, householdId),
    eq(aidApplications.programId, programId),
    inArray(aidApplications.status, LIVE),
  ];
  if (exceptId) where.push(ne(aidApplications.id, exceptId));
  const [row] = await db
    .select({
      n: sql<number>`coalesce(sum(coalesce(${aidApplications.approvedFen}, ${aidApplications.proposedFen}, ${aidApplications.requestedFen})), 0)::bigint`,
    })
    .from(aidApplications)
    .where(and(...where));
  return Number(row?.n ?? 0);
}

/** Approved aid of a household in programs of one year, across all programs. */
export async function householdApprovedInYear(
  db: Executor,
  householdId: string,
  year: number,
  exceptId: string | null,
) {
  const where = [
    eq(aidApplications.householdId, householdId),
    eq(aidApplications.status, 'approved'),
    eq(programs.year, year),
  ];
  if (exceptId) where.push(ne(aidApplications.id, exceptId));
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${aidApplications.approvedFen}), 0)::bigint` })
    .from(aidApplications)
    .innerJoin(programs, eq(programs.id, aidApplications.programId))
    .where(and(...where));
  return Number(row?.n ?? 0);
}

/** The units on a path (one query for all of them). */
export async function orgsByIds(db: Executor, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: orgs.id, name: orgs.name, level: orgs.level })
    .from(orgs)
    .where(inArray(orgs.id, ids));
}

// ——— the approval: one statement reads, one statement writes (see docs/decisions/0009) ———

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A timestamp as `Date#toISOString` writes it (milliseconds, UTC). */
const iso = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A decision as the application's detail lists it. */
export interface DecisionDto {
  id: string;
  round: number;
  step: number | null;
  level: OrgLevel | null;
  action: DecisionAction;
  amountFen: number | null;
  comment: string | null;
  snapshot: unknown;
  actorName: string;
  at: string;
}

export interface WrittenDecision {
  id: string;
  at: string;
}

/** Everything an approval checks, as read by `readApprovalContext` (JSON, so both drivers agree). */
export interface ApprovalContext {
  app: {
    id: string;
    program_id: string;
    household_id: string;
    org_id: string;
    status: ApplicationStatus;
    round: number;
    step: number;
    chain: ChainStep[];
    requested_fen: number;
    proposed_fen: number | null;
    documents: DocumentRef[];
    student_member_id: string | null;
    school_level: string | null;
    created_by: string;
    submitted_by: string;
    current_org_id: string | null;
    approved_fen: number | null;
    reason: string;
    student_name: string | null;
    school: string | null;
    eligibility: Eligibility;
    submitted_at: string;
    decided_at: string | null;
  };
  /** The application's decisions so far, as the detail shows them (oldest first). */
  decisions: DecisionDto[];
  /** The row version (xmin) the checks saw: the write applies only to this version. */
  version: string;
  orgPath: string;
  orgName: string;
  programName: string;
  program: {
    id: string;
    name: string;
    type: ProgramRow['type'];
    year: number;
    categories: ProgramRow['categories'];
    cap_per_household_fen: number | null;
    cap_per_year_fen: number | null;
    dibao_months: number | null;
    tuition_caps: ProgramRow['tuitionCaps'];
    required_documents: string[];
    window_start: string;
    window_end: string;
  };
  programOrgPath: string;
  household: {
    id: string;
    name: string;
    status: string;
    category: 'deep' | 'relative' | 'sudden' | 'none' | null;
    decision_id: string | null;
    decision_size: number | null;
    per_capita_monthly_fen: number | null;
    employer_org_id: string;
    employer_name: string;
    employer_path: string;
    employer_region_code: string;
    created_by: string;
  };
  members: { id: string; name: string; relation: string; schoolLevel: string | null }[];
  /** Levels at which the caller already decided in the current round. */
  myLevels: OrgLevel[];
  policy: { id: string; dibaoFen: number } | null;
  usedInProgramFen: number | null;
  approvedInYearFen: number | null;
  /** `id:xmin` of every application of the household, in id order: what the caps were computed from. */
  householdApps: string;
  /** What the program's sources still hold, as committed when read (not locked). */
  programRemainingFen: number;
}

/**
 * One statement for all an approval reads: the application and its row version, the program, the
 * household as the aid rules see it (state, category and size of its latest decision, employer, members),
 * the caller's decisions in this round, the 低保 standard in force (the most specific region first, as
 * policies.regionFallbacks orders them) and what the household already holds. Caps the program lacks
 * are not read. One statement for a whole group of approvals (each with its caller and business day);
 * undefined for an application that does not exist.
 */
export async function readApprovalContexts(
  db: Executor,
  requests: { id: string; userId: string; today: string }[],
): Promise<(ApprovalContext | undefined)[]> {
  // The ids travel as array literals: anything but a uuid is no application (and never reaches the SQL).
  const valid = requests.filter((r) => UUID.test(r.id) && UUID.test(r.userId) && DAY.test(r.today));
  if (valid.length !== requests.length) {
    const found = valid.length ? await readApprovalContexts(db, valid) : [];
    return requests.map((r) => found[valid.indexOf(r)]);
  }
  const column = (values: string[], type: 'uuid' | 'date') =>
    sql`${`{${values.join(',')}}`}::${sql.raw(type)}[]`;
  const rows = await runPrepared<{ ord: number; context: ApprovalContext | string }>(
    db,
    sql`
    select x.ord::int as ord, json_build_object(
      'app', json_build_object('id', a.id, 'program_id', a.program_id, 'household_id', a.household_id,
        'org_id', a.org_id, 'status', a.status, 'round', a.round, 'step', a.step, 'chain', a.chain,
        'requested_fen', a.requested_fen, 'proposed_fen', a.proposed_fen, 'documents', a.documents,
        'student_member_id', a.student_member_id, 'school_level', a.school_level,
        'created_by', a.created_by, 'submitted_by', a.submitted_by, 'current_org_id', a.current_org_id,
        'approved_fen', a.approved_fen, 'reason', a.reason, 'student_name', a.student_name, 'school', a.school,
        'eligibility', a.eligibility, 'submitted_at', ${iso(sql`a.submitted_at`)},
        'decided_at', ${iso(sql`a.decided_at`)}),
      'decisions', coalesce((
        select json_agg(json_build_object('id', d.id, 'round', d.round, 'step', d.step, 'level', d.level,
          'action', d.action, 'amountFen', d.amount_fen, 'comment', d.comment, 'snapshot', d.snapshot,
          'actorName', d.actor_name, 'at', ${iso(sql`d.at`)}) order by d.at, d.id)
        from ${aidApplicationDecisions} d where d.application_id = a.id), '[]'),
      'version', a.xmin::text,
      'orgPath', ao.path,
      'orgName', ao.name,
      'programName', p.name,
      'program', json_build_object('id', p.id, 'name', p.name, 'type', p.type, 'year', p.year,
        'categories', p.categories, 'cap_per_household_fen', p.cap_per_household_fen,
        'cap_per_year_fen', p.cap_per_year_fen, 'dibao_months', p.dibao_months, 'tuition_caps', p.tuition_caps,
        'required_documents', p.required_documents, 'window_start', p.window_start, 'window_end', p.window_end),
      'programOrgPath', po.path,
      'household', json_build_object('id', h.id, 'name', h.name, 'status', h.status, 'category', h.category,
        'decision_id', h.decision_id, 'decision_size', hd.household_size,
        'per_capita_monthly_fen', hd.per_capita_monthly_fen, 'employer_org_id', h.employer_org_id,
        'employer_name', e.name, 'employer_path', e.path, 'employer_region_code', e.region_code,
        'created_by', h.created_by),
      'members', coalesce((
        select json_agg(json_build_object('id', m.id, 'name', m.name, 'relation', m.relation,
          'schoolLevel', m.school_level) order by m.position)
        from household_members m where m.household_id = h.id), '[]'),
      'myLevels', coalesce((
        select json_agg(d.level order by d.at, d.id) from ${aidApplicationDecisions} d
        where d.application_id = a.id and d.round = a.round and d.level is not null and d.actor_id = x.user_id), '[]'),
      'policy', case when p.dibao_months is not null then (
        select json_build_object('id', v.id, 'dibaoFen', v.dibao_fen) from policy_versions v
        where v.region_code in (e.region_code, left(e.region_code, 4) || '00', left(e.region_code, 2) || '0000')
          and v.effective_from <= x.today
        order by case v.region_code when e.region_code then 0 when left(e.region_code, 4) || '00' then 1 else 2 end,
          v.effective_from desc
        limit 1) end,
      'usedInProgramFen', case when p.cap_per_household_fen is not null then (
        select coalesce(sum(coalesce(o.approved_fen, o.proposed_fen, o.requested_fen)), 0)
        from ${aidApplications} o
        where o.household_id = a.household_id and o.program_id = a.program_id
          and o.status in ('pending', 'returned', 'approved') and o.id <> a.id) end,
      'approvedInYearFen', case when p.cap_per_year_fen is not null then (
        select coalesce(sum(o.approved_fen), 0) from ${aidApplications} o join ${programs} op on op.id = o.program_id
        where o.household_id = a.household_id and o.status = 'approved' and op.year = p.year and o.id <> a.id) end,
      'householdApps', (
        select string_agg(o.id::text || ':' || o.xmin::text, ',' order by o.id)
        from ${aidApplications} o where o.household_id = a.household_id),
      'programRemainingFen', (
        select coalesce(sum(ps.allocated_fen - ps.approved_fen), 0) from ${programSources} ps
        where ps.program_id = a.program_id)
    ) as context
    from unnest(${column(
      requests.map((r) => r.id),
      'uuid',
    )}, ${column(
      requests.map((r) => r.userId),
      'uuid',
    )}, ${column(
      requests.map((r) => r.today),
      'date',
    )}) with ordinality as x(id, user_id, today, ord)
    join ${aidApplications} a on a.id = x.id
    join ${orgs} ao on ao.id = a.org_id
    join ${programs} p on p.id = a.program_id
    join ${orgs} po on po.id = p.org_id
    join ${households} h on h.id = a.household_id
    join ${orgs} e on e.id = h.employer_org_id
    left join household_decisions hd on hd.id = h.decision_id`,
  );
  const found = new Map(
    rows.map((r) => [
      r.ord,
      typeof r.context === 'string' ? (JSON.parse(r.context) as ApprovalContext) : r.context,
    ]),
  );
  return requests.map((_, i) => found.get(i + 1));
}

export interface DecisionWrite {
  round: number;
  step: number;
  level: OrgLevel;
  amountFen: number;
  comment: string | null;
  snapshot: unknown;
  actorId: string;
  actorName: string;
  actorOrgId: string;
}

/** A Postgres array literal of ids (uuids need no quoting): one parameter however many ids. */
const uuidArray = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/**
 * Locks every application of the given households (id order: the first lock of every approval) and
 * returns their row versions, from which the writer tells whether what the checks read is still current.
 */
export async function lockHouseholdApplications(tx: Executor, householdIds: string[]) {
  return runPrepared<{ id: string; household_id: string; version: string }>(
    tx,
    sql`
    select o.id::text as id, o.household_id::text as household_id, o.xmin::text as version
    from ${aidApplications} o where o.household_id = any(${uuidArray(householdIds)})
    order by o.id for no key update`,
  );
}

/** Locks the balances of the given programs (program, then source order: the second lock) and reads them. */
export async function lockProgramBalances(tx: Executor, programIds: string[]) {
  const rows = await runPrepared<{
    program_id: string;
    source_id: string;
    source_name: string;
    remaining: string;
  }>(
    tx,
    sql`
    select ps.program_id::text as program_id, ps.source_id::text as source_id, f.name as source_name,
      (ps.allocated_fen - ps.approved_fen)::text as remaining
    from ${programSources} ps join ${fundSources} f on f.id = ps.source_id
    where ps.program_id = any(${uuidArray(programIds)})
    order by ps.program_id, ps.source_id for no key update of ps`,
  );
  return rows.map((r) => ({
    programId: r.program_id,
    sourceId: r.source_id,
    sourceName: r.source_name,
    remainingFen: Number(r.remaining),
  }));
}

/** An approval the writer found current: `final` takes the money, otherwise it passes to `nextOrgId`. */
export interface ApprovalRow {
  id: string;
  final: boolean;
  nextOrgId: string | null;
  decision: DecisionWrite;
}

/** What a final approval takes from one of its program's sources. */
export interface ApprovalTake {
  applicationId: string;
  programId: string;
  sourceId: string;
  amountFen: number;
}

/**
 * Writes approvals whose rows the caller holds locked (`lockHouseholdApplications`, then for final
 * approvals `lockProgramBalances`), in one statement: the balances (each only if it still holds what is
 * taken), the fundings, the applications, the decisions and `audit` (the audit CTEs of the same approvals,
 * one entry each, in order; they lock the chain head last). Throws unless every row was written, so the
 * caller's transaction keeps all or nothing. Returns each application's decision and decision time.
 */
export async function writeApprovals(tx: Executor, rows: ApprovalRow[], takes: ApprovalTake[], audit: SQL) {
  const balances = new Map<string, ApprovalTake>();
  for (const t of takes) {
    const key = `${t.programId}:${t.sourceId}`;
    const b = balances.get(key);
    balances.set(key, b ? { ...b, amountFen: b.amountFen + t.amountFen } : t);
  }
  const apps = rows.map((r) => ({
    id: r.id,
    final: r.final,
    next_org_id: r.nextOrgId,
    round: r.decision.round,
    step: r.decision.step,
    level: r.decision.level,
    amount_fen: r.decision.amountFen,
    comment: r.decision.comment,
    snapshot: r.decision.snapshot,
    actor_id: r.decision.actorId,
    actor_name: r.decision.actorName,
    actor_org_id: r.decision.actorOrgId,
  }));
  const takeRows = (list: Iterable<ApprovalTake>) =>
    JSON.stringify(
      [...list].map((t) => ({
        application_id: t.applicationId,
        program_id: t.programId,
        source_id: t.sourceId,
        take: t.amountFen,
      })),
    );
  const [row] = await runPrepared<{
    balances: number;
    fundings: number;
    audits: number;
    written: { id: string; decisionId: string; at: string; decidedAt: string | null }[] | string | null;
  }>(
    tx,
    sql`
    with t as materialized (
      select * from json_to_recordset(${JSON.stringify(apps)}::json) as t(id uuid, final boolean,
        next_org_id uuid, round int, step int, level text, amount_fen bigint, comment text, snapshot jsonb,
        actor_id uuid, actor_name text, actor_org_id uuid)
    ), takes as materialized (
      select * from json_to_recordset(${takeRows(takes)}::json)
        as x(application_id uuid, program_id uuid, source_id uuid, take bigint)
    ), balances as (
      update ${programSources} ps set approved_fen = ps.approved_fen + b.take
      from json_to_recordset(${takeRows(balances.values())}::json)
        as b(application_id uuid, program_id uuid, source_id uuid, take bigint)
      where ps.program_id = b.program_id and ps.source_id = b.source_id
        and ps.allocated_fen - ps.approved_fen >= b.take
      returning 1
    ), fundings as (
      insert into ${aidApplicationFundings} (application_id, program_id, source_id, amount_fen)
      select application_id, program_id, source_id, take from takes
      returning 1
    ), app as (
      update ${aidApplications} a set
        status = case when t.final then 'approved' else a.status end,
        step = case when t.final then a.step else a.step + 1 end,
        current_org_id = t.next_org_id,
        proposed_fen = t.amount_fen,
        approved_fen = case when t.final then t.amount_fen else a.approved_fen end,
        decided_at = case when t.final then now() else a.decided_at end,
        updated_at = now()
      from t where a.id = t.id and a.id = any(${uuidArray(rows.map((r) => r.id))})
      returning a.id, ${iso(sql`a.decided_at`)} as decided_at
    ), decision as (
      insert into ${aidApplicationDecisions} (application_id, round, step, level, action, amount_fen, comment,
        snapshot, actor_id, actor_name, actor_org_id)
      select t.id, t.round, t.step, t.level, 'approved', t.amount_fen, t.comment, t.snapshot, t.actor_id,
        t.actor_name, t.actor_org_id from t
      returning application_id, id, ${iso(sql`at`)} as at
    ), ${audit}
    select (select count(*) from balances)::int as balances, (select count(*) from fundings)::int as fundings,
      (select count(*) from audit_entry)::int as audits,
      (select json_agg(json_build_object('id', d.application_id, 'decisionId', d.id, 'at', d.at,
         'decidedAt', a.decided_at)) from decision d join app a on a.id = d.application_id) as written`,
  );
  const written = typeof row!.written === 'string' ? JSON.parse(row!.written) : (row!.written ?? []);
  // Cannot happen under the caller's locks; should it, the caller's transaction is rolled back whole.
  if (
    row!.balances !== balances.size ||
    row!.fundings !== takes.length ||
    written.length !== rows.length ||
    row!.audits !== rows.length
  )
    throw new Error('approvals were not written whole');
  return new Map<string, { decision: WrittenDecision; decidedAt: string | null }>(
    written.map((w: { id: string; decisionId: string; at: string; decidedAt: string | null }) => [
      w.id,
      { decision: { id: w.decisionId, at: w.at }, decidedAt: w.decidedAt },
    ]),
  );
}

/** Whether a file is among the documents of an application in the caller's scope (the file read grant). */
/** An application in the caller's scope that lists the file among its documents, or undefined. */
export async function applicationWithDocument(db: Executor, principal: Principal, fileId: string) {
  const [row] = await db
    .select({ id: aidApplications.id, orgId: aidApplications.orgId })
    .from(aidApplications)
    .where(
      and(
        scopeFilter(principal, aidApplications.orgId),
        sql`${aidApplications.documents} @> ${JSON.stringify([{ fileId }])}::jsonb`,
      ),
    )
    .orderBy(aidApplications.createdAt)
    .limit(1);
  return row;
}
