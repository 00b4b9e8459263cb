/**
 * `npm run bench:xlsx [-- FILE] [--runs N]` — parse time of the household import's .xlsx reading:
 * exceljs's streaming reader (what the import used, with its options) against common/xlsx-reader
 * (ADR 0011). Each run is its own process (a cold start, its own peak RSS), the readers alternating;
 * every row's values are touched. Without FILE a 100,000-row template-shaped workbook is generated
 * first (`archive-import.ts generate`) into a temp dir, removed at the end.
 *
 *   child exceljs|ours FILE   one measurement, one JSON line on stdout
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openXlsx } from '../../src/server/common/xlsx-reader';
import { exceljsStreamReader } from './exceljs-reader';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ROWS = 100_000;

interface Measurement {
  reader: string;
  ms: number;
  rows: number;
  filled: number;
  maxRssMiB: number;
}

async function parseExceljs(data: Buffer) {
  const reader = exceljsStreamReader(data);
  let rows = 0;
  let filled = 0;
  for await (const worksheet of reader) {
    for await (const row of worksheet) {
      rows++;
      for (const v of row.values as unknown[]) if (v !== null && v !== undefined) filled++;
    }
  }
  return { rows, filled };
}

async function parseOurs(data: Buffer) {
  let rows = 0;
  let filled = 0;
  for (const sheet of (await openXlsx(data)).sheets) {
    for await (const row of sheet.rows()) {
      rows++;
      for (const v of row.values) if (v !== null) filled++;
    }
  }
  return { rows, filled };
}

async function child(reader: string, file: string): Promise<Measurement> {
  const data = readFileSync(file);
  const started = performance.now();
  const counted = reader === 'exceljs' ? await parseExceljs(data) : await parseOurs(data);
  const ms = performance.now() - started;
  return { reader, ms, ...counted, maxRssMiB: process.resourceUsage().maxRSS / 1024 };
}

function spawnTsx(args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed:\n${run.stderr}`);
  return run.stdout;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function main() {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
  const given = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs');
  let dir: string | undefined;
  let file = given;
  try {
    if (!file) {
      dir = mkdtempSync(path.join(os.tmpdir(), 'bangfu-bench-xlsx-'));
      file = path.join(dir, 'households.xlsx');
      process.stdout.write(`generating ${ROWS} rows into ${file}…\n`);
      spawnTsx(['scripts/bench/archive-import.ts', 'generate', file, String(ROWS)]);
    }
    process.stdout.write(
      `${file}: ${(statSync(file).size / 1024 / 1024).toFixed(1)} MiB, ${runs} runs each\n`,
    );
    const results: Measurement[] = [];
    for (let i = 0; i < runs; i++) {
      for (const reader of ['exceljs', 'ours']) {
        const m = JSON.parse(spawnTsx(['scripts/bench/xlsx-read.ts', 'child', reader, file])) as Measurement;
        results.push(m);
        process.stdout.write(
          `  ${m.reader.padEnd(8)} ${m.ms.toFixed(0).padStart(6)} ms  ${m.rows} rows, ${m.filled} values, max RSS ${m.maxRssMiB.toFixed(0)} MiB\n`,
        );
      }
    }
    const of = (reader: string) => results.filter((m) => m.reader === reader);
    const [a, b] = [of('exceljs'), of('ours')];
    if (a[0]!.rows !== b[0]!.rows || a[0]!.filled !== b[0]!.filled)
      throw new Error('the two readers disagree on the rows or values read');
    const exceljsMs = median(a.map((m) => m.ms));
    const oursMs = median(b.map((m) => m.ms));
    process.stdout.write(
      `median: exceljs ${exceljsMs.toFixed(0)} ms, ours ${oursMs.toFixed(0)} ms — ${(exceljsMs / oursMs).toFixed(1)}× faster\n`,
    );
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'child') {
  child(process.argv[3]!, process.argv[4]!).then(
    (m) => process.stdout.write(`${JSON.stringify(m)}\n`, () => process.exit(0)),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
} else main();
