/**
 * In-process CPU profiling for the bench server: V8's sampling profiler through `node:inspector`,
 * started and stopped around one load phase, summarised as CPU time per category.
 * Each sample goes to the category of its innermost frame that matches one (else "other").
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const CATEGORIES: [string, (fn: string, url: string) => boolean][] = [
  ['garbage collection', (fn) => fn === '(garbage collector)'],
  ['idle (waiting for I/O)', (fn) => fn === '(idle)'],
  ['tree building (buildTree, toOrgDto)', (fn) => fn === 'buildTree' || fn === 'toOrgDto'],
  [
    'session lookup (auth hook, resolveSession)',
    (_fn, url) => /auth-hooks|auth\.usecases|auth\.repository/.test(url),
  ],
  ['JSON serialisation (app serializer)', (_fn, url) => url.endsWith('src/server/app.ts')],
  [
    'pg driver (protocol, row parsing)',
    (_fn, url) => /node_modules\/(pg|pg-protocol|pg-types|pg-pool|postgres-[a-z]+)\//.test(url),
  ],
  ['PGlite (WASM engine + protocol)', (_fn, url) => url.includes('@electric-sql/pglite')],
  ['Drizzle (query building, result mapping)', (_fn, url) => url.includes('node_modules/drizzle-orm/')],
  [
    'response write (utf-8 length/encode, socket)',
    (fn, url) =>
      fn === 'byteLength' ||
      fn === 'writev' ||
      fn === 'writeUtf8String' ||
      /_http_outgoing|node:net|stream_base/.test(url),
  ],
  [
    'Fastify (routing, hooks, reply)',
    (_fn, url) => /node_modules\/(fastify|find-my-way|avvio|@fastify)\//.test(url),
  ],
];

export type CpuSummary = Record<string, number>;

/** Milliseconds of CPU (sampled) per category. */
export function summarise(profile: CpuProfile): CpuSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const categoryOf = new Map<number, string>();
  const resolve = (id: number): string => {
    const known = categoryOf.get(id);
    if (known) return known;
    const node = byId.get(id)!;
    const match = CATEGORIES.find(([, test]) => test(node.callFrame.functionName, node.callFrame.url));
    const up = parent.get(id);
    const category = match ? match[0] : up === undefined ? 'other' : resolve(up);
    categoryOf.set(id, category);
    return category;
  };
  const totals: CpuSummary = {};
  for (let i = 0; i < profile.samples.length; i++) {
    const category = resolve(profile.samples[i]!);
    totals[category] = (totals[category] ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000;
  }
  return totals;
}

export class CpuProfiler {
  private readonly session = new Session();

  constructor() {
    this.session.connect();
  }

  async start() {
    await this.session.post('Profiler.enable');
    await this.session.post('Profiler.setSamplingInterval', { interval: 1000 });
    await this.session.post('Profiler.start');
  }

  async stop(): Promise<CpuSummary> {
    const { profile } = await this.session.post('Profiler.stop');
    await this.session.post('Profiler.disable');
    if (process.env.BENCH_CPUPROFILE) writeFileSync(process.env.BENCH_CPUPROFILE, JSON.stringify(profile));
    return summarise(profile as unknown as CpuProfile);
  }
}
