/**
 * Child of `scripts/bench/archive.ts` (not for production use); one process per measurement, so that
 * each peak RSS is its own. Prints one JSON line on stdout.
 *
 *   generate FILE ROWS   writes an import workbook laid out like the template (streaming writer)
 *   parse FILE           reads it with exceljs's streaming reader, touching every row (the baseline)
 *   import FILE          BENCH_DATABASE_URL / BENCH_DATA_DIR: seeds the org tree and a policy, then runs
 *                        the real import job (`valid_rows`) through deps.jobs.enqueue + idle()
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { usccCheckChar } from '../../src/server/common/identifiers';
import {
  CAUSE_LABELS,
  MAIN_COLUMNS,
  MAIN_SHEET,
  MEMBER_COLUMNS,
  MEMBER_SHEET,
} from '../../src/server/modules/households/households.excel-format';
import { startHouseholdImport } from '../../src/server/modules/households/households.import';
import { jobs } from '../../src/server/modules/jobs/jobs.table';
import { openAndSeed, personName, residentId } from './archive-seed';
import { CpuProfiler } from './cpu-profile';
import { exceljsStreamReader } from './exceljs-reader';
import { postgresCpuMs } from './pg-cpu';

/** Grass-roots units that `openAndSeed` creates (2,000 units − root − 10 districts − 100 townships). */
const GRASSROOTS = 1889;
/** One household in this many has a spouse on the family-members sheet. */
const MEMBER_EVERY = 10;

function uscc(n: number) {
  const body = `91330100MA${String(n).padStart(7, '0')}`;
  return body + usccCheckChar(body);
}

async function generate(file: string, rows: number) {
  const started = performance.now();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: true,
    useStyles: true,
  });
  const main = workbook.addWorksheet(MAIN_SHEET);
  main.columns = MAIN_COLUMNS.map((c) => ({
    key: c.key,
    header: c.header,
    width: c.width,
    style: c.kind === 'id' ? { numFmt: '@' } : {},
  }));
  const causes = Object.values(CAUSE_LABELS);
  let members = 0;
  for (let i = 0; i < rows; i++) {
    const hasSpouse = i % MEMBER_EVERY === 0;
    main
      .addRow({
        name: personName(i),
        idNumber: residentId(i),
        phone: `138${String(10_000_000 + ((i * 7919) % 90_000_000)).slice(-8)}`,
        employer: uscc(1 + (i % GRASSROOTS)),
        job: ['挡车工', '保洁员', '焊工', '司机', '营业员'][i % 5],
        memberSince: `20${String(i % 20).padStart(2, '0')}-05-01`,
        address: `江东区望江路 ${1 + (i % 999)} 号 ${1 + (i % 30)} 室`,
        bankAccount: `622202${String(i).padStart(13, '0')}`,
        bankName: '工商银行望江支行',
        householdSize: hasSpouse ? 2 : 1,
        wages: 12_000 + (i % 40) * 1000,
        pension: 0,
        subsidy: i % 7 === 0 ? 1200 : 0,
        otherIncome: 0,
        medical: (i % 5) * 3000,
        education: i % 4 === 0 ? 3000 : 0,
        causes: `${causes[i % causes.length]}${i % 3 === 0 ? `、${causes[(i + 2) % causes.length]}` : ''}`,
        situation: i % 2 === 0 ? '妻子患病，孩子上高中' : null,
      })
      .commit();
  }
  main.commit();
  const family = workbook.addWorksheet(MEMBER_SHEET);
  family.columns = MEMBER_COLUMNS.map((c) => ({
    key: c.key,
    header: c.header,
    width: c.width,
    style: c.kind === 'id' ? { numFmt: '@' } : {},
  }));
  for (let i = 0; i < rows; i += MEMBER_EVERY) {
    family
      .addRow({
        employeeId: residentId(i),
        relation: '配偶',
        name: personName(i + 7_000_001),
        // Distinct from every employee's number: another birth-date/sequence block.
        idNumber: residentId(7_000_000 + i),
        health: i % 20 === 0 ? '慢性病' : '健康',
        healthNote: null,
        school: null,
        occupation: '务工',
      })
      .commit();
    members++;
  }
  family.commit();
  await workbook.commit();
  return { rows, members, ms: performance.now() - started };
}

/** The baseline: exceljs's streaming reader with the importer's options, every row's values touched. */
async function parse(file: string) {
  const data = readFileSync(file);
  const started = performance.now();
  const reader = exceljsStreamReader(data);
  let rows = 0;
  let cells = 0;
  for await (const worksheet of reader) {
    for await (const row of worksheet) {
      rows++;
      cells += (row.values as unknown[]).length;
    }
  }
  return { rows, cells, ms: performance.now() - started, maxRssMiB: process.resourceUsage().maxRSS / 1024 };
}

async function runImport(file: string) {
  const dataDir = process.env.BENCH_DATA_DIR;
  if (!dataDir) throw new Error('BENCH_DATA_DIR is required');
  const seeded = await openAndSeed(dataDir, process.env.BENCH_DATABASE_URL || undefined);
  const { deps, actor, runtime } = seeded;
  try {
    const data = readFileSync(file);
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 100);
    // Progress as the job stores it, to see where the time goes (read → check → write).
    const phases: { at: number; done: number; total: number }[] = [];
    // BENCH_CPUPROFILE=file: a V8 CPU profile of the job alone (not of the set-up before it).
    const profiler = process.env.BENCH_CPUPROFILE ? new CpuProfiler() : null;
    await profiler?.start();
    const started = performance.now();
    const nodeCpu0 = process.cpuUsage();
    const pgCpu0 = postgresCpuMs();
    const job = await startHouseholdImport(deps, actor, { fileName: 'bench.xlsx', data, mode: 'valid_rows' });
    const poll = setInterval(() => {
      void deps.db
        .select({ done: jobs.done, total: jobs.total })
        .from(jobs)
        .where(eq(jobs.id, job.id))
        .then(([r]) => {
          if (r) phases.push({ at: performance.now() - started, done: r.done, total: r.total });
        })
        .catch(() => {});
    }, 2000);
    await deps.jobs.idle();
    const ms = performance.now() - started;
    const nodeCpu = process.cpuUsage(nodeCpu0);
    // Only the import's own connections are busy meanwhile (PostgreSQL only; 0 on PGlite, which is in Node).
    const postgresCpuS = (postgresCpuMs() - pgCpu0) / 1000;
    await profiler?.stop();
    clearInterval(sampler);
    clearInterval(poll);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const [row] = await deps.db.select().from(jobs).where(eq(jobs.id, job.id));
    const counted = await deps.db.execute(sql`select count(*)::int as n from households`);
    const households = ((counted as unknown as { rows: { n: number }[] }).rows ?? counted)[0]!.n;
    return {
      ms,
      nodeCpuS: (nodeCpu.user + nodeCpu.system) / 1e6,
      postgresCpuS,
      status: row!.status,
      message: row!.message,
      result: row!.result,
      errors: (row!.errors as unknown[]).length,
      firstErrors: (row!.errors as unknown[]).slice(0, 3),
      households,
      rssBeforeMiB: rssBefore / 1024 / 1024,
      peakRssMiB: peakRss / 1024 / 1024,
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
      phases,
    };
  } finally {
    await runtime.close();
  }
}

async function main() {
  const [mode, file, rows] = process.argv.slice(2);
  if (!file) throw new Error('usage: archive-import.ts generate|parse|import FILE [ROWS]');
  const result =
    mode === 'generate'
      ? await generate(file, Number(rows))
      : mode === 'parse'
        ? await parse(file)
        : mode === 'import'
          ? await runImport(file)
          : undefined;
  if (!result) throw new Error(`unknown mode ${mode}`);
  // A pipe is written asynchronously: exit once the line (the import's result can be large) is out.
  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
}

main().catch((err) => {
  process.stderr.write(
    `archive-import failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
