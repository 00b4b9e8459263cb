import { eq } from 'drizzle-orm';
import type { Actor, Deps } from '../src/server/common/context';
import { usccCheckChar } from '../src/server/common/identifiers';
import { ROLES, type Role } from '../src/server/common/permissions';
import { type OrgLevel, orgs } from '../src/server/modules/orgs/orgs.table';
import { createOrg, updateOrg } from '../src/server/modules/orgs/orgs.usecases';
import { loadDemoPolicies } from '../src/server/modules/policies/policies.usecases';
import { users } from '../src/server/modules/users/users.table';
import { createUser } from '../src/server/modules/users/users.usecases';
import { loadDemoAid } from './demo-aid';
import { loadDemoArchive } from './demo-archive';
import { demoIdNumbers } from './demo-people';

/** Every demo account uses this password (listed in the README). */
export const DEMO_PASSWORD = 'Demo@2026';

interface Grassroots {
  employer: string;
  members: number;
}
interface Township {
  name: string;
  code: string;
  units: Grassroots[];
}
interface District {
  key: string;
  name: string;
  code: string;
  townships: Township[];
  /** Large employers whose unions report directly to the district federation. */
  direct: Grassroots[];
}

const CITY = { name: '临江市总工会', code: '330100' };

const DISTRICTS: District[] = [
  {
    key: 'jd',
    name: '江东区总工会',
    code: '330102',
    direct: [
      { employer: '临江市江东区人民医院', members: 1260 },
      { employer: '临江市江东区教育局', members: 2380 },
    ],
    townships: [
      {
        name: '望江街道总工会',
        code: '330102',
        units: [
          { employer: '临江望江物业服务有限公司', members: 186 },
          { employer: '临江市恒顺纺织有限公司', members: 420 },
          { employer: '临江望江社区卫生服务中心', members: 95 },
          { employer: '临江江东环卫服务有限公司', members: 312 },
        ],
      },
      {
        name: '新塘街道总工会',
        code: '330102',
        units: [
          { employer: '临江新塘机械制造有限公司', members: 538 },
          { employer: '临江市鑫达汽车配件有限公司', members: 264 },
          { employer: '临江新塘农贸市场管理有限公司', members: 48 },
        ],
      },
      {
        name: '彭家镇总工会',
        code: '330102',
        units: [
          { employer: '临江彭家食品有限公司', members: 207 },
          { employer: '临江市绿源农业开发有限公司', members: 76 },
          { employer: '临江彭家建筑工程有限公司', members: 355 },
        ],
      },
    ],
  },
  {
    key: 'jb',
    name: '江北区总工会',
    code: '330105',
    direct: [{ employer: '临江江北公共交通有限公司', members: 1840 }],
    townships: [
      {
        name: '北城街道总工会',
        code: '330105',
        units: [
          { employer: '临江北城电子科技有限公司', members: 690 },
          { employer: '临江市北城快递服务有限公司', members: 158 },
          { employer: '临江北城商业广场管理有限公司', members: 132 },
          { employer: '临江市第三中学', members: 214 },
        ],
      },
      {
        name: '长桥街道总工会',
        code: '330105',
        units: [
          { employer: '临江长桥化工有限公司', members: 470 },
          { employer: '临江市长桥家政服务有限公司', members: 88 },
          { employer: '临江长桥仓储物流有限公司', members: 243 },
        ],
      },
      {
        name: '石塘镇总工会',
        code: '330105',
        units: [
          { employer: '临江石塘水泥制品有限公司', members: 196 },
          { employer: '临江市石塘茶业专业合作社', members: 41 },
          { employer: '临江石塘五金制品有限公司', members: 167 },
        ],
      },
    ],
  },
  {
    key: 'lx',
    name: '临溪县总工会',
    code: '330127',
    direct: [{ employer: '临溪县人民医院', members: 980 }],
    townships: [
      {
        name: '溪口镇总工会',
        code: '330127',
        units: [
          { employer: '临溪溪口竹木制品有限公司', members: 233 },
          { employer: '临溪县溪口旅游开发有限公司', members: 119 },
          { employer: '临溪溪口中心小学', members: 67 },
          { employer: '临溪县溪口供销合作社', members: 54 },
        ],
      },
      {
        name: '白沙乡总工会',
        code: '330127',
        units: [
          { employer: '临溪白沙农产品专业合作社', members: 38 },
          { employer: '临溪县白沙山泉水有限公司', members: 102 },
          { employer: '临溪白沙卫生院', members: 46 },
        ],
      },
      {
        name: '城关镇总工会',
        code: '330127',
        units: [
          { employer: '临溪县城关自来水有限公司', members: 121 },
          { employer: '临溪城关纺织印染有限公司', members: 388 },
          { employer: '临溪县城关超市连锁有限公司', members: 176 },
          { employer: '临溪县交通运输局', members: 143 },
          { employer: '临溪城关电力安装有限公司', members: 92 },
          { employer: '临溪县城关中学', members: 158 },
        ],
      },
    ],
  },
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const GIVEN = [
  '建国',
  '秀英',
  '志强',
  '丽华',
  '海峰',
  '晓燕',
  '国庆',
  '春梅',
  '文杰',
  '玉兰',
  '立新',
  '雪芳',
];

function demoUscc(regionCode: string, index: number): string {
  const orgCode = `MA${String(2_000_000 + index * 7919).padStart(7, '0')}`.slice(0, 9);
  const first17 = `9${'1'}${regionCode}${orgCode}`;
  return first17 + usccCheckChar(first17);
}

function demoName(index: number): string {
  return `${SURNAMES[index % SURNAMES.length]}${GIVEN[(index * 7) % GIVEN.length]}`;
}

function unionName(employer: string): string {
  return `${employer}工会委员会`;
}

/**
 * A realistic federation: one city federation, three districts with townships/streets and about
 * forty grass-roots unions of named employers, plus one account per role per level.
 */
export async function loadDemoData(deps: Deps) {
  const [root] = await deps.db.select().from(orgs).where(eq(orgs.depth, 0)).limit(1);
  const [admin] = await deps.db.select().from(users).where(eq(users.username, 'admin')).limit(1);
  if (!root || !admin) throw new Error('请先完成首次启动（根单位与 admin 账号）');
  const actor: Actor = {
    principal: {
      userId: admin.id,
      username: admin.username,
      displayName: admin.displayName,
      orgId: root.id,
      orgPath: root.path,
      roles: ['admin'],
      sessionId: 'demo-loader',
      via: 'bearer',
      mustChangePassword: false,
    },
    ip: null,
    requestId: 'demo',
  };
  const db = deps.db;
  await updateOrg(db, actor, root.id, {
    name: CITY.name,
    regionCode: CITY.code,
    contactPerson: '周海峰',
    contactPhone: '0571-86001234',
  });

  let unitIndex = 0;
  let personIndex = 0;
  const levelUnits: Partial<Record<OrgLevel, { id: string; key: string }>> = {
    city: { id: root.id, key: 'city' },
  };
  const created: { name: string; level: OrgLevel }[] = [];
  /** 临江江东环卫服务有限公司 of 望江街道: its households are in the demo archive too. */
  let sanitation: { id: string } | undefined;
  const grassroots = async (parentId: string, unit: Grassroots, regionCode: string) => {
    unitIndex++;
    const org = await createOrg(db, actor, {
      name: unionName(unit.employer),
      level: 'grassroots',
      parentId,
      regionCode,
      employerName: unit.employer,
      uscc: demoUscc(regionCode, unitIndex),
      memberCount: unit.members,
      contactPerson: demoName(personIndex++),
      contactPhone: `1380571${String(1000 + unitIndex).slice(-4)}`,
    });
    created.push({ name: org.name, level: 'grassroots' });
    if (unit.employer === '临江江东环卫服务有限公司') sanitation = org;
    return org;
  };

  for (const district of DISTRICTS) {
    const d = await createOrg(db, actor, {
      name: district.name,
      level: 'district',
      parentId: root.id,
      regionCode: district.code,
      contactPerson: demoName(personIndex++),
      contactPhone: `0571-8${String(6100000 + unitIndex * 13).slice(-7)}`,
    });
    created.push({ name: d.name, level: 'district' });
    levelUnits.district ??= { id: d.id, key: district.key };
    for (const unit of district.direct) await grassroots(d.id, unit, district.code);
    for (const [ti, township] of district.townships.entries()) {
      const t = await createOrg(db, actor, {
        name: township.name,
        level: 'township',
        parentId: d.id,
        regionCode: township.code,
        contactPerson: demoName(personIndex++),
        contactPhone: `1390571${String(2000 + personIndex).slice(-4)}`,
      });
      created.push({ name: t.name, level: 'township' });
      if (district.key === 'jd' && ti === 0) levelUnits.township = { id: t.id, key: 'jd.wj' };
      for (const unit of township.units) {
        const g = await grassroots(t.id, unit, township.code);
        if (district.key === 'jd' && ti === 0 && !levelUnits.grassroots) {
          levelUnits.grassroots = { id: g.id, key: 'jd.wj.wy' };
        }
      }
    }
  }

  // One account per role per level; district administrators for every district too.
  const accounts: { username: string; displayName: string; orgId: string; roles: Role[] }[] = [];
  for (const unit of Object.values(levelUnits)) {
    for (const role of ROLES) {
      accounts.push({
        username: `${unit.key}.${role}`,
        displayName: `${demoName(personIndex++)}`,
        orgId: unit.id,
        roles: [role],
      });
    }
  }
  const districtRows = await db.select().from(orgs).where(eq(orgs.level, 'district'));
  for (const district of DISTRICTS.slice(1)) {
    const row = districtRows.find((r) => r.name === district.name)!;
    accounts.push({
      username: `${district.key}.admin`,
      displayName: demoName(personIndex++),
      orgId: row.id,
      roles: ['admin'],
    });
    accounts.push({
      username: `${district.key}.officer`,
      displayName: demoName(personIndex++),
      orgId: row.id,
      roles: ['officer'],
    });
  }
  // A second finance user of 望江街道: a payment batch is issued by someone other than who prepared it
  // (制单人与复核人分离), so the demo pays with jd.wj.finance preparing and jd.wj.finance2 reviewing.
  accounts.push({
    username: 'jd.wj.finance2',
    displayName: demoName(personIndex++),
    orgId: levelUnits.township!.id,
    roles: ['finance'],
  });
  // 江东环卫's own officer and reviewer: a household is entered and annually reviewed by its own unit, and
  // approved first by that unit's reviewer.
  for (const role of ['officer', 'reviewer'] as const)
    accounts.push({
      username: `jd.wj.hw.${role}`,
      displayName: demoName(personIndex++),
      orgId: sanitation!.id,
      roles: [role],
    });
  for (const account of accounts) {
    const user = await createUser(db, actor, { ...account, password: DEMO_PASSWORD });
    // Demo accounts are ready to use: no forced password change.
    await db.update(users).set({ mustChangePassword: false }).where(eq(users.id, user.id));
  }
  // 低保 standards of 临江市 (330100), so that households can be assessed right away.
  await loadDemoPolicies(deps, actor);
  // Archived households, funds, programs and approved applications of 望江街道; then the archive's
  // annual reviews (done, overdue, due), and an exit proposed from monthly incomes.
  const idNumber = demoIdNumbers();
  const aid = await loadDemoAid(deps, idNumber);
  const archive = await loadDemoArchive(deps, idNumber);
  return {
    households: aid.households + archive.households,
    units: created.length + 1,
    grassroots: created.filter((c) => c.level === 'grassroots').length,
    accounts: accounts.length,
  };
}
