/**
 * Closed-loop HTTP load generator (child of `scripts/bench/api.ts`), run in its own process so it
 * does not share an event loop with the server. Argument: a JSON plan
 * `{ port, concurrency, warmupMs, durationMs, phases: [{ label, path, headers? }] }`.
 * Runs the phases in order; prints one JSON line per phase:
 * `{ label, requests, errors, statusCounts, rps, meanMs, p50Ms, p95Ms, p99Ms, bytes }`.
 * Traffic goes to 127.0.0.1 only.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface LoadPhase {
  label: string;
  path: string;
  headers?: Record<string, string>;
  /** Overrides the plan's concurrency for this phase. */
  concurrency?: number;
  /** CPU-profile the server during the measurement (`/bench/profile/start` and `/stop`). */
  profile?: boolean;
}

export interface LoadPlan {
  port: number;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** Optional server route answering `{ cpuMicros }` (its own process CPU time): gives CPU per request. */
  cpuPath?: string;
  phases: LoadPhase[];
}

export interface LoadResult {
  label: string;
  concurrency: number;
  requests: number;
  errors: number;
  statusCounts: Record<string, number>;
  rps: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Server process CPU time per completed request (user + system), when `cpuPath` is given. */
  cpuMsPerRequest: number;
  /** With `profile`: the server's sampled CPU milliseconds by category over the measurement. */
  cpuMsByCategory?: Record<string, number>;
  /** Body size of the last response (to check that bare and real routes send the same bytes). */
  bytes: number;
}

const MAX_DURATION_MS = 30_000;
const MAX_CONCURRENCY = 256;

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** A control request to the server over a connection of its own (outside the load agent). */
function control<T>(port: number, path: string): Promise<T> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(JSON.parse(body) as T)
            : reject(new Error(`${path}: ${res.statusCode}`)),
        );
      })
      .on('error', reject);
  });
}

/** The server's CPU counter (its own process), in microseconds. */
async function readCpu(plan: LoadPlan): Promise<number> {
  if (!plan.cpuPath) return Number.NaN;
  return (await control<{ cpuMicros: number }>(plan.port, plan.cpuPath)).cpuMicros;
}

async function runPhase(plan: LoadPlan, phase: LoadPhase, agent: http.Agent): Promise<LoadResult> {
  let measuring = false;
  let stopped = false;
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  let errors = 0;
  let bytes = 0;

  const once = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const req = http.request(
        {
          agent,
          host: '127.0.0.1',
          port: plan.port,
          path: phase.path,
          method: 'GET',
          headers: phase.headers,
        },
        (res) => {
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
          });
          res.on('end', () => {
            if (measuring) {
              const status = String(res.statusCode);
              statusCounts[status] = (statusCounts[status] ?? 0) + 1;
              if (res.statusCode === 200) latencies.push(performance.now() - started);
              else errors++;
              bytes = size;
            }
            resolve();
          });
          res.on('error', () => {
            if (measuring) errors++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        if (measuring) errors++;
        resolve();
      });
      req.end();
    });

  const worker = async () => {
    while (!stopped) await once();
  };
  const workers = Array.from({ length: phase.concurrency ?? plan.concurrency }, worker);
  await new Promise((r) => setTimeout(r, plan.warmupMs));
  if (phase.profile) await control(plan.port, '/bench/profile/start');
  const cpuBefore = await readCpu(plan);
  measuring = true;
  const start = performance.now();
  await new Promise((r) => setTimeout(r, plan.durationMs));
  measuring = false;
  const elapsed = performance.now() - start;
  const cpuAfter = await readCpu(plan);
  const profiled = phase.profile
    ? await control<{ cpuMsByCategory: Record<string, number> }>(plan.port, '/bench/profile/stop')
    : undefined;
  stopped = true;
  await Promise.all(workers);

  const sorted = Float64Array.from(latencies).sort();
  const sum = latencies.reduce((a, b) => a + b, 0);
  return {
    label: phase.label,
    concurrency: phase.concurrency ?? plan.concurrency,
    requests: latencies.length,
    errors,
    statusCounts,
    rps: (latencies.length / elapsed) * 1000,
    meanMs: latencies.length ? sum / latencies.length : Number.NaN,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    cpuMsPerRequest: (cpuAfter - cpuBefore) / 1000 / Math.max(1, latencies.length),
    cpuMsByCategory: profiled?.cpuMsByCategory,
    bytes,
  };
}

async function main() {
  const plan = JSON.parse(process.argv[2] ?? '') as LoadPlan;
  if (!Number.isInteger(plan.port) || plan.port <= 0) throw new Error('plan.port is required');
  for (const c of [plan.concurrency, ...plan.phases.map((p) => p.concurrency ?? plan.concurrency)]) {
    if (!Number.isInteger(c) || c < 1 || c > MAX_CONCURRENCY) throw new Error('concurrency out of range');
  }
  if (plan.warmupMs + plan.durationMs > MAX_DURATION_MS) throw new Error('phase too long');
  const maxSockets = Math.max(plan.concurrency, ...plan.phases.map((p) => p.concurrency ?? 0));
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  for (const phase of plan.phases) {
    const result = await runPhase(plan, phase, agent);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
  agent.destroy();
}

main().catch((err) => {
  process.stderr.write(`load generator failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
