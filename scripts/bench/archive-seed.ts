/**
 * Shared set-up of the `bench:archive` children (not for production use): the runtime on a throw-away
 * database, the admin's principal, a 2,000-unit org tree like bench:api's, a 低保 policy, and valid
 * resident ID numbers.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { ensureInitialData } from '../../src/server/bootstrap';
import type { Actor, Deps, Principal } from '../../src/server/common/context';
import { residentIdCheckChar, usccCheckChar } from '../../src/server/common/identifiers';
import { type Config, packageVersion } from '../../src/server/config';
import { createRuntime } from '../../src/server/deps';
import { type OrgLevel, orgs } from '../../src/server/modules/orgs/orgs.table';
import { createPolicyVersion } from '../../src/server/modules/policies/policies.usecases';
import { users } from '../../src/server/modules/users/users.table';
import { principalOfUser } from '../../src/server/modules/users/users.usecases';

export const BENCH_ADMIN_PASSWORD = 'Bench@12345';
export const REGION_CODE = '330102';

export function benchConfig(dataDir: string, databaseUrl: string | undefined): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl,
    dataDir,
    secret: undefined,
    adminPassword: BENCH_ADMIN_PASSWORD,
    logLevel: 'silent',
    sessionTtlHours: 12,
    loginMaxFailures: 5,
    loginLockMinutes: 15,
    maxUploadBytes: 64 * 1024 * 1024,
    importMaxRows: 200_000,
    webDir: `${dataDir}/no-web`,
    version: packageVersion(),
    demo: false,
  };
}

export interface Grassroots {
  id: string;
  uscc: string;
}

export interface Seeded {
  runtime: Awaited<ReturnType<typeof createRuntime>>;
  deps: Deps;
  principal: Principal;
  actor: Actor;
  rootPath: string;
  grassroots: Grassroots[];
  /** A district and a township (with their paths): the org-subtree filters. */
  district: { id: string; path: string };
  township: { id: string; path: string };
}

/** Opens a new database, bootstraps it, seeds `units` org units and a policy in force since 2020. */
export async function openAndSeed(dataDir: string, databaseUrl: string | undefined, units = 2000) {
  const silentLog = { info: () => {}, error: () => {} };
  const runtime = await createRuntime(benchConfig(dataDir, databaseUrl), silentLog);
  const { deps } = runtime;
  await ensureInitialData(deps);
  const [root] = await deps.db.select().from(orgs).limit(2);
  if (!root || root.parentId !== null) throw new Error('bench database must be new');
  const [admin] = await deps.db.select().from(users).where(eq(users.username, 'admin')).limit(1);
  const principal = await principalOfUser(deps.db, admin!.id);
  if (!principal) throw new Error('no admin principal');
  const actor: Actor = { principal, ip: null, requestId: 'bench:archive' };
  await createPolicyVersion(deps.db, actor, {
    regionCode: root.regionCode,
    effectiveFrom: '2020-01-01',
    dibaoFen: 100_000,
    relativeMultiplier: 2,
    suddenExpenditureRatio: 0.8,
    reviewIntervalMonths: 12,
    exitMonths: 6,
  });
  type OrgInsert = typeof orgs.$inferInsert & { id: string; path: string; depth: number };
  const rows: OrgInsert[] = [];
  const grassroots: Grassroots[] = [];
  const child = (parent: { id: string; path: string; depth: number }, level: OrgLevel, name: string) => {
    const id = randomUUID();
    const row: OrgInsert = {
      id,
      name,
      level,
      parentId: parent.id,
      path: `${parent.path}${id}/`,
      depth: parent.depth + 1,
      regionCode: REGION_CODE,
    };
    if (level === 'grassroots') {
      const n = grassroots.length + 1;
      const body = `91330100MA${String(n).padStart(7, '0')}`;
      row.employerName = `基准测试用人单位${n}有限公司`;
      row.uscc = body + usccCheckChar(body);
      row.memberCount = 50 + (n % 400);
      grassroots.push({ id, uscc: row.uscc });
    }
    rows.push(row);
    return row;
  };
  const rootNode = { id: root.id, path: root.path, depth: root.depth };
  const townships: OrgInsert[] = [];
  const districts: OrgInsert[] = [];
  for (let d = 1; d <= 10; d++) {
    const district = child(rootNode, 'district', `第${d}区总工会`);
    districts.push(district);
    for (let t = 1; t <= 10; t++) townships.push(child(district, 'township', `第${d}区第${t}街道总工会`));
  }
  const count = units - 1 - rows.length;
  for (let g = 0; g < count; g++)
    child(townships[g % townships.length]!, 'grassroots', `基准测试基层工会${g + 1}`);
  for (let i = 0; i < rows.length; i += 500) await deps.db.insert(orgs).values(rows.slice(i, i + 500));
  await deps.db.execute(sql`analyze orgs`);
  const seeded: Seeded = {
    runtime,
    deps,
    principal,
    actor,
    rootPath: root.path,
    grassroots,
    district: { id: districts[0]!.id, path: districts[0]!.path },
    township: { id: townships[0]!.id, path: townships[0]!.path },
  };
  return seeded;
}

const BIRTH_START = Date.UTC(1960, 0, 1);
/** The i-th valid 18-digit resident ID number (distinct for i < 14,000 × 1,000). */
export function residentId(i: number): string {
  const day = new Date(BIRTH_START + (i % 14_000) * 86_400_000)
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '');
  const body = `${REGION_CODE}${day}${String(Math.floor(i / 14_000) % 1000).padStart(3, '0')}`;
  return body + residentIdCheckChar(body);
}

export const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
export const GIVEN = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鑫斌宇浩凯健俊帆帅旭宁飞婷雪琳晶瑶怡佳欣悦蕾颖倩慧莉梅琴云莲真环建国志文利德辉海波荣新春香清东林峰',
];

/** A plausible name: surnames skewed towards the common ones, one or two given characters. */
export function personName(i: number): string {
  const r = ((i * 2654435761) >>> 0) / 4294967296;
  const surname = SURNAMES[Math.floor(SURNAMES.length * r * r)]!;
  const a = GIVEN[(i * 7919) % GIVEN.length]!;
  const b = GIVEN[Math.floor((i * 104729 + 13) / 97) % GIVEN.length]!;
  return i % 3 === 0 ? surname + a : surname + a + b;
}
