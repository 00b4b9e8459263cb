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
}

export interface LoadPlan {
  port: number;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  phases: LoadPhase[];
}

export interface LoadResult {
  label: string;
  requests: number;
  errors: number;
  statusCounts: Record<string, number>;
  rps: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
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
        { agent, host: '127.0.0.1', port: plan.port, path: phase.path, method: 'GET', headers: phase.headers },
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
  const workers = Array.from({ length: plan.concurrency }, worker);
  await new Promise((r) => setTimeout(r, plan.warmupMs));
  measuring = true;
  const start = performance.now();
  await new Promise((r) => setTimeout(r, plan.durationMs));
  measuring = false;
  const elapsed = performance.now() - start;
  stopped = true;
  await Promise.all(workers);

  const sorted = Float64Array.from(latencies).sort();
  const sum = latencies.reduce((a, b) => a + b, 0);
  return {
    label: phase.label,
    requests: latencies.length,
    errors,
    statusCounts,
    rps: (latencies.length / elapsed) * 1000,
    meanMs: latencies.length ? sum / latencies.length : Number.NaN,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    bytes,
  };
}

async function main() {
  const plan = JSON.parse(process.argv[2] ?? '') as LoadPlan;
  if (!Number.isInteger(plan.port) || plan.port <= 0) throw new Error('plan.port is required');
  if (plan.concurrency < 1 || plan.concurrency > MAX_CONCURRENCY) throw new Error('concurrency out of range');
  if (plan.warmupMs + plan.durationMs > MAX_DURATION_MS) throw new Error('phase too long');
  const agent = new http.Agent({ keepAlive: true, maxSockets: plan.concurrency });
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
