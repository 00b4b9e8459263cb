/**
 * `npm run bench:aid` — aid programs under load (issue #6), on PostgreSQL only: a fresh
 * `bangfu_bench_aid_*` database on the server of `BENCH_PG_URL` (default
 * postgres://postgres@127.0.0.1:5432/test), dropped at the end.
 *
 *  1. Approvals under contention: `--applications N` (default 2,000) pending applications of ONE
 *     program whose two fund sources hold only 75 % of what is asked; `--reviewers R` (default 200)
 *     reviewers approve them at the same moment through the real use case (approveApplication: row
 *     lock, scope, eligibility re-check, household lock, budget reservation, decision, audit).
 *     Baseline, in the same run: the program_sources conditional update that the approve path performs,
 *     alone, through `pg` (same pool size, same 200 concurrent callers, same number of attempts).
 *     Ratio = approvals per second ÷ baseline updates per second (aim ≥ 0.5). Then the invariant:
 *     per source approved ≤ allocated, and equal to the funding split of the approved applications;
 *     the program's approved total equal to the sum of approved amounts.
 *  2. Register: a 10,000-line batch (createBatch, the real use case) and its register as .xlsx and
 *     .docx through the real background job (aim < 10 s each).
 * Set-up data is seeded partly SQL-side (households and applications copied from one made through the
 * use cases), labelled as such; only the measured paths run the application's code. Not part of the
 * test suite; traffic to 127.0.0.1 only.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import type { Actor, Principal } from '../../src/server/common/context';
import { AppError } from '../../src/server/common/errors';
import { approveApplication } from '../../src/server/modules/applications/applications.review';
import { createApplicationBody } from '../../src/server/modules/applications/applications.schemas';
import { createApplication } from '../../src/server/modules/applications/applications.usecases';
import { REGISTER_JOB } from '../../src/server/modules/disbursements/disbursements.register';
import { createBatch } from '../../src/server/modules/disbursements/disbursements.usecases';
import { createFund } from '../../src/server/modules/funds/funds.usecases';
import { approveHousehold, submitHousehold } from '../../src/server/modules/households/households.review';
import { createHouseholdBody } from '../../src/server/modules/households/households.schemas';
import { createHousehold } from '../../src/server/modules/households/households.usecases';
import { createProgramBody } from '../../src/server/modules/programs/programs.schemas';
import { allocateToProgram, createProgram } from '../../src/server/modules/programs/programs.usecases';
import { users } from '../../src/server/modules/users/users.table';
import { createUser, principalOfUser } from '../../src/server/modules/users/users.usecases';
import { openAndSeed, residentId } from './archive-seed';
import { CpuProfiler } from './cpu-profile';
import { postgresCpuMs } from './pg-cpu';

const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
function argNumber(name: string, fallback: number) {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} needs a positive integer`);
  return n;
}
const APPLICATIONS = argNumber('--applications', 2000);
const REVIEWERS = argNumber('--reviewers', 200);
const REGISTER_LINES = argNumber('--register-lines', 10_000);
/** `--profile`: CPU profile of the sequential approvals, summarised per category. */
const PROFILE = process.argv.includes('--profile');
const AMOUNT = 20_000;
const AIM = { ratio: 0.5, registerS: 10 };
const YEAR = Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4));

const fmt = (n: number, d = 1) => n.toFixed(d);

const log = (...args: unknown[]) => console.log(...args);
/** Both drivers answer `db.execute` with `{ rows }`. */
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

async function main() {
  const dbName = `bangfu_bench_aid_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${dbName}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bangfu-bench-aid-'));
  let seeded: Awaited<ReturnType<typeof openAndSeed>> | undefined;
  try {
    log(
      `bench:aid on ${dbName}; load average ${os
        .loadavg()
        .map((l) => fmt(l, 2))
        .join(' ')}; ${os.cpus().length} cores`,
    );
    seeded = await openAndSeed(dataDir, url.toString(), 120);
    const { deps } = seeded;
    const db = deps.db;
    const adminActor = seeded.actor;

    // ——— set-up: one unit, its staff, one archived household made through the use cases ———
    const unitId = seeded.grassroots[0]!.id;
    const actorOf = (principal: Principal): Actor => ({ principal, ip: null, requestId: 'bench:aid' });
    const staff = async (orgId: string, role: 'officer' | 'reviewer' | 'finance', name: string) => {
      const u = await createUser(db, adminActor, {
        username: name,
        displayName: name,
        orgId,
        roles: [role],
        password: 'Bench@12345',
      });
      return actorOf((await principalOfUser(db, u.id))!);
    };
    const officer = await staff(unitId, 'officer', 'bench.officer');
    const unitReviewer = await staff(unitId, 'reviewer', 'bench.reviewer0');
    const townReviewer = await staff(seeded.township.id, 'reviewer', 'bench.town');
    const h = await createHousehold(
      deps,
      officer,
      createHouseholdBody.parse({
        employerOrgId: unitId,
        name: '张建国',
        idNumber: residentId(1),
        causes: ['illness'],
        bankAccount: '6222021234567890123',
        bankName: '中国工商银行临江支行',
        members: [{ relation: 'spouse', name: '李秀英', idNumber: residentId(2), healthStatus: 'healthy' }],
        incomes: [{ kind: 'wages', annualFen: 2 * 12 * 90_000 }],
        expenditures: [],
      }),
    );
    await submitHousehold(db, officer, h.id);
    await approveHousehold(db, unitReviewer, h.id);
    await approveHousehold(db, townReviewer, h.id);

    const program = async (name: string, allocations: number[]) => {
      const p = await createProgram(
        db,
        adminActor,
        createProgramBody.parse({
          orgId: seeded!.district.id,
          type: 'warmth',
          name,
          year: YEAR,
          categories: ['deep', 'relative', 'sudden'],
          windowStart: `${YEAR}-01-01`,
          windowEnd: `${YEAR}-12-31`,
          reviewChain: ['grassroots'],
          publicityDays: 0,
        }),
      );
      for (const [i, amount] of allocations.entries()) {
        const f = await createFund(db, adminActor, {
          orgId: seeded!.district.id,
          name: i === 0 ? '区政府拨款' : '局工会经费',
          kind: i === 0 ? 'government' : 'union_funds',
          year: YEAR,
          receivedFen: amount,
        });
        await allocateToProgram(db, adminActor, p.id, { sourceId: f.id, amountFen: amount });
      }
      return p;
    };
    const budget = Math.floor(APPLICATIONS * AMOUNT * 0.75);
    const contended = await program('并发审批基准项目', [
      Math.floor(budget / 2),
      budget - Math.floor(budget / 2),
    ]);
    const template = await createApplication(
      db,
      officer,
      createApplicationBody.parse({
        programId: contended.id,
        householdId: h.id,
        requestedFen: AMOUNT,
        reason: '基准测试',
      }),
    );

    // SQL-side (bench only): copies of the household and of its pending application.
    const t0 = performance.now();
    const copyHouseholds = async (n: number, prefix: string) => {
      const r = await db.execute<{ id: string }>(sql`
        insert into households
        select (jsonb_populate_record(null::households, to_jsonb(h) || jsonb_build_object(
          'id', gen_random_uuid(), 'name', ${prefix} || i))).*
        from households h, generate_series(1, ${n}) i where h.id = ${h.id}
        returning id`);
      return (r as unknown as { rows: { id: string }[] }).rows.map((x) => x.id);
    };
    const copyApplications = async (householdIds: string[], programId: string, approved: boolean) => {
      const r = await db.execute<{ id: string }>(sql`
        insert into aid_applications
        select (jsonb_populate_record(null::aid_applications, to_jsonb(a) || jsonb_build_object(
          'id', gen_random_uuid(), 'household_id', x.hid, 'program_id', ${programId}::uuid,
          'status', ${approved ? 'approved' : 'pending'}::text,
          'current_org_id', case when ${approved} then null else a.current_org_id end,
          'approved_fen', case when ${approved} then a.requested_fen else null end))).*
        from aid_applications a, unnest(${`{${householdIds.join(',')}}`}::uuid[]) as x(hid)
        where a.id = ${template.id}
        returning id`);
      return (r as unknown as { rows: { id: string }[] }).rows.map((x) => x.id);
    };
    const contendedHouseholds = await copyHouseholds(APPLICATIONS - 1, '职工');
    const pendingIds = [template.id, ...(await copyApplications(contendedHouseholds, contended.id, false))];
    const [ref] = await db.select().from(users).where(eq(users.id, unitReviewer.principal.userId));
    await db.execute(sql`
      insert into users
      select (jsonb_populate_record(null::users, to_jsonb(u) || jsonb_build_object(
        'id', gen_random_uuid(), 'username', 'bench.reviewer' || i, 'display_name', '审核员' || i))).*
      from users u, generate_series(1, ${REVIEWERS - 1}) i where u.id = ${ref!.id}`);
    const reviewerRows = await db
      .select({ id: users.id })
      .from(users)
      .where(sql`${users.username} like 'bench.reviewer%'`);
    const reviewers = await Promise.all(
      reviewerRows.map(async (u) => actorOf((await principalOfUser(db, u.id))!)),
    );
    await db.execute(sql`analyze`);
    log(
      `set-up: ${pendingIds.length} pending applications, ${reviewers.length} reviewers (${fmt((performance.now() - t0) / 1000)} s SQL-side)`,
    );

    // ——— 1a. the cost of one approval without contention: one reviewer, one after the other ———
    const SEQUENTIAL = Math.min(100, Math.floor(pendingIds.length / 10));
    const profiler = PROFILE ? new CpuProfiler() : null;
    await profiler?.start();
    const s0 = performance.now();
    for (const id of pendingIds.slice(0, SEQUENTIAL)) await approveApplication(db, reviewers[0]!, id, {});
    const sequentialMs = (performance.now() - s0) / SEQUENTIAL;
    const cpu = await profiler?.stop();
    if (cpu)
      log(
        `CPU of ${SEQUENTIAL} sequential approvals (ms): ${Object.entries(cpu)
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => `${k} ${fmt(v, 0)}`)
          .join('; ')}`,
      );

    // ——— 1b. approvals under contention through the real use case ———
    let next = SEQUENTIAL;
    let approvedCount = 0;
    let refused = 0;
    const otherErrors = new Map<string, number>();
    const contentionProfiler = process.env.BENCH_CPUPROFILE ? new CpuProfiler() : null;
    await contentionProfiler?.start();
    const pg0 = postgresCpuMs();
    const cpu0 = process.cpuUsage();
    const a0 = performance.now();
    await Promise.all(
      reviewers.map(async (reviewer) => {
        for (let i = next++; i < pendingIds.length; i = next++) {
          try {
            await approveApplication(db, reviewer, pendingIds[i]!, {});
            approvedCount++;
          } catch (error) {
            const code = error instanceof AppError ? error.code : String(error);
            if (code === 'PROGRAM_BUDGET_EXCEEDED') refused++;
            else otherErrors.set(code, (otherErrors.get(code) ?? 0) + 1);
          }
        }
      }),
    );
    const approveS = (performance.now() - a0) / 1000;
    const approveCpu = process.cpuUsage(cpu0);
    const approvePgMs = postgresCpuMs() - pg0;
    await contentionProfiler?.stop();
    const decisionsPerS = (approvedCount + refused) / approveS;
    const approvalsPerS = approvedCount / approveS;

    // ——— 1c. the bare conditional update, alone, through pg (same pool size, same concurrency) ———
    const baseline = await program('基准对照项目', [Math.floor(budget / 2), budget - Math.floor(budget / 2)]);
    const [src] = rowsOf<{ source_id: string }>(
      await db.execute(
        sql`select source_id from program_sources where program_id = ${baseline.id} order by source_id limit 1`,
      ),
    );
    const pool = new pg.Pool({ connectionString: url.toString(), max: 10 });
    let bareOk = 0;
    let bareNo = 0;
    let k = 0;
    const bpg0 = postgresCpuMs();
    const b0 = performance.now();
    await Promise.all(
      Array.from({ length: REVIEWERS }, async () => {
        for (let i = SEQUENTIAL + k++; i < pendingIds.length; i = SEQUENTIAL + k++) {
          const r = await pool.query(
            `update program_sources set approved_fen = approved_fen + $1
             where program_id = $2 and source_id = $3 and allocated_fen - approved_fen >= $1`,
            [AMOUNT, baseline.id, src!.source_id],
          );
          if (r.rowCount === 1) bareOk++;
          else bareNo++;
        }
      }),
    );
    const bareS = (performance.now() - b0) / 1000;
    const barePgMs = postgresCpuMs() - bpg0;
    await pool.end();
    const barePerS = (bareOk + bareNo) / bareS;

    // ——— invariant ———
    const inv = rowsOf<{ source_id: string; allocated_fen: string; approved_fen: string; funded: string }>(
      await db.execute(sql`
        select s.source_id, s.allocated_fen::text, s.approved_fen::text,
          coalesce((select sum(f.amount_fen) from aid_application_fundings f
                    join aid_applications a on a.id = f.application_id
                    where f.program_id = s.program_id and f.source_id = s.source_id and a.status = 'approved'), 0)::text as funded
        from program_sources s where s.program_id = ${contended.id}`),
    );
    const [sums] = rowsOf<{ approved: string; n: number }>(
      await db.execute(
        sql`select coalesce(sum(approved_fen), 0)::text as approved, count(*)::int as n from aid_applications where program_id = ${contended.id} and status = 'approved'`,
      ),
    );
    const approvedTotal = inv.reduce((n, r) => n + Number(r.approved_fen), 0);
    const invariantOk =
      inv.every(
        (r) =>
          Number(r.approved_fen) <= Number(r.allocated_fen) && Number(r.approved_fen) === Number(r.funded),
      ) &&
      approvedTotal === Number(sums!.approved) &&
      sums!.n === approvedCount + SEQUENTIAL &&
      approvedTotal <= budget;

    log('');
    log('1. Approvals under contention (one program, PostgreSQL)');
    log(
      `   one reviewer, one after the other: ${fmt(sequentialMs)} ms per approval (${SEQUENTIAL} approvals); then`,
    );
    log(
      `   ${approvedCount} approved + ${refused} refused (budget exhausted) of ${pendingIds.length - SEQUENTIAL}, ${REVIEWERS} concurrent reviewers, pool 10`,
    );
    if (otherErrors.size) log(`   other errors: ${JSON.stringify(Object.fromEntries(otherErrors))}`);
    log(
      `   approve use case: ${fmt(approveS, 2)} s → ${fmt(approvalsPerS)} approvals/s (${fmt(decisionsPerS)} decisions/s); Node CPU ${fmt((approveCpu.user + approveCpu.system) / 1000 / (approvedCount + refused), 2)} + PostgreSQL CPU ${fmt(approvePgMs / (approvedCount + refused), 2)} ms per decision`,
    );
    log(
      `   bare conditional update via pg: ${bareOk} taken + ${bareNo} refused in ${fmt(bareS, 2)} s → ${fmt(barePerS)} updates/s; PostgreSQL CPU ${fmt(barePgMs / (bareOk + bareNo), 2)} ms per update`,
    );
    log(
      `   ratio approvals/s ÷ updates/s = ${fmt(approvalsPerS / barePerS, 3)} (decisions ${fmt(decisionsPerS / barePerS, 3)}; aim ≥ ${AIM.ratio})`,
    );
    log(
      `   invariant: approved ${approvedTotal} ≤ budget ${budget}; per source ${inv.map((r) => `${r.approved_fen}/${r.allocated_fen} (split ${r.funded})`).join(', ')}; sum of approved applications ${sums!.approved} → ${invariantOk ? 'OK' : 'VIOLATED'}`,
    );

    // ——— 2. register of a 10,000-line batch ———
    const paid = await program('登记册基准项目', [REGISTER_LINES * AMOUNT]);
    const regHouseholds = await copyHouseholds(REGISTER_LINES, '领取人');
    const regApps = await copyApplications(regHouseholds, paid.id, true);
    await db.execute(sql`analyze`);
    const finance = await staff(seeded.district.id, 'finance', 'bench.finance');
    const c0 = performance.now();
    const batch = await createBatch(db, finance, {
      programId: paid.id,
      orgId: seeded.district.id,
      kind: 'cash',
      applicationIds: regApps,
    });
    const createS = (performance.now() - c0) / 1000;
    const times: Record<string, number> = {};
    for (const format of ['xlsx', 'docx'] as const) {
      const r0 = performance.now();
      const job = await deps.jobs.enqueue(finance, REGISTER_JOB, {
        batchId: batch.id,
        format,
        unmasked: false,
      });
      await deps.jobs.idle();
      times[format] = (performance.now() - r0) / 1000;
      const [row] = rowsOf<{
        status: string;
        result: { rowCount: number; totalFen: number };
        message: string;
      }>(await db.execute(sql`select status, result, message from jobs where id = ${job.id}`));
      if (row!.status !== 'succeeded') throw new Error(`register ${format} failed: ${row!.message}`);
      if (row!.result.rowCount !== REGISTER_LINES || row!.result.totalFen !== batch.totalFen)
        throw new Error(`register ${format}: totals differ from the batch`);
    }
    log('');
    log(
      `2. Register of a ${REGISTER_LINES.toLocaleString('en-US')}-line batch (total ${(batch.totalFen / 100).toLocaleString('en-US')} 元)`,
    );
    log(
      `   create batch (createBatch: locks, payability, ${REGISTER_LINES} lines, audit): ${fmt(createS, 2)} s`,
    );
    log(
      `   register job .xlsx: ${fmt(times.xlsx!, 2)} s; .docx: ${fmt(times.docx!, 2)} s (aim < ${AIM.registerS} s) — totals row = batch total`,
    );
    log('');
    log(
      `load average after: ${os
        .loadavg()
        .map((l) => fmt(l, 2))
        .join(' ')}`,
    );
    if (!invariantOk) process.exitCode = 1;
  } finally {
    await seeded?.runtime.close();
    // Let the pool's sockets finish closing before the database goes away under them.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
