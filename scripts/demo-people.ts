// The people of the demo archive and how a household of them enters it: the demo's resident ID numbers
// (valid check digit, sex digit agreeing with the name), the accounts that act, and the real use cases
// a household goes through from entry to archive.
import { eq } from 'drizzle-orm';
import type { Actor, Deps } from '../src/server/common/context';
import { residentIdCheckChar } from '../src/server/common/identifiers';
import type { Role } from '../src/server/common/permissions';
import { approveHousehold, submitHousehold } from '../src/server/modules/households/households.review';
import {
  type CreateHouseholdInput,
  createHouseholdBody,
} from '../src/server/modules/households/households.schemas';
import { createHousehold } from '../src/server/modules/households/households.usecases';
import { orgs } from '../src/server/modules/orgs/orgs.table';
import { users } from '../src/server/modules/users/users.table';

export type Sex = 'male' | 'female';

export async function actorOf(deps: Deps, username: string): Promise<Actor> {
  const [row] = await deps.db
    .select({ user: users, org: orgs })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(eq(users.username, username));
  if (!row) throw new Error(`演示账号 ${username} 不存在`);
  return {
    principal: {
      userId: row.user.id,
      username: row.user.username,
      displayName: row.user.displayName,
      orgId: row.org.id,
      orgPath: row.org.path,
      roles: row.user.roles as Role[],
      sessionId: 'demo-loader',
      via: 'bearer',
      mustChangePassword: false,
    },
    ip: null,
    requestId: 'demo',
  };
}

const ODD = [1, 3, 5, 7, 9];
const EVEN = [0, 2, 4, 6, 8];

/**
 * A valid resident ID for the demo: 330102 (江东区) + birth date (YYYYMMDD) + a three-digit sequence
 * whose last digit — the 17th of the number — is odd for a man and even for a woman (GB 11643), + the
 * check character. The n-th number of a load has sequence digits 10+n, so no two people share one.
 */
export function demoIdNumbers() {
  let n = 0;
  return (birth: string, sex: Sex): string => {
    if (!/^(19|20)\d{6}$/.test(birth)) throw new Error(`演示出生日期格式应为 YYYYMMDD：${birth}`);
    const sexDigit = (sex === 'male' ? ODD : EVEN)[n % 5]!;
    const body = `330102${birth}${String(10 + n).padStart(2, '0')}${sexDigit}`;
    n++;
    if (n > 89) throw new Error('演示身份证号码的顺序码已用完');
    return body + residentIdCheckChar(body);
  };
}

export interface DemoPerson {
  name: string;
  sex: Sex;
  /** YYYYMMDD */
  birth: string;
}

export interface DemoHousehold extends DemoPerson {
  job: string;
  wagesYuanPerMonth: number;
  /** Pensions, allowances, support payments: yuan a month. */
  otherIncomes?: { kind: 'pension' | 'subsidy' | 'other'; description: string; yuanPerMonth: number }[];
  medicalYuanPerYear?: number;
  educationYuanPerYear?: number;
  causes: CreateHouseholdInput['causes'];
  situation: string;
  members: (DemoPerson & {
    relation: 'spouse' | 'child' | 'parent';
    school?: 'primary' | 'junior_high' | 'senior_high' | 'vocational' | 'university';
    health?: 'serious_illness' | 'chronic_illness' | 'disability';
    occupation?: string;
  })[];
}

/** The annual incomes of a household as the form enters them (fen). */
export function annualIncomes(h: Pick<DemoHousehold, 'wagesYuanPerMonth' | 'otherIncomes'>) {
  return [
    { kind: 'wages' as const, annualFen: h.wagesYuanPerMonth * 12 * 100 },
    ...(h.otherIncomes ?? []).map((i) => ({
      kind: i.kind,
      description: i.description,
      annualFen: i.yuanPerMonth * 12 * 100,
    })),
  ];
}

/** Where the households of a unit live and bank, and the prefix of their phone numbers. */
export interface DemoUnitContact {
  phonePrefix: string;
  address: (i: number) => string;
  bankName: string;
}

/**
 * Enters a household through the real use cases: created by the unit's officer (validated by the same
 * schema as the API), submitted, approved by the unit's reviewer and then by the street's: archived.
 * `index` makes the phone and bank account of the household unique.
 */
export async function archiveHousehold(
  deps: Deps,
  people: { officer: Actor; unitReviewer: Actor; streetReviewer: Actor },
  idNumber: (birth: string, sex: Sex) => string,
  contact: DemoUnitContact,
  index: number,
  h: DemoHousehold,
) {
  const input = createHouseholdBody.parse({
    employerOrgId: people.officer.principal.orgId,
    name: h.name,
    idNumber: idNumber(h.birth, h.sex),
    phone: `${contact.phonePrefix}${String(2000 + index).slice(-4)}`,
    bankAccount: `6228480318${String(1_000_000 + index * 7919).slice(-7)}${index % 10}`,
    bankName: contact.bankName,
    job: h.job,
    address: contact.address(index),
    situation: h.situation,
    causes: h.causes,
    members: h.members.map((m) => ({
      relation: m.relation,
      name: m.name,
      idNumber: idNumber(m.birth, m.sex),
      healthStatus: m.health ?? 'healthy',
      schoolLevel: m.school ?? null,
      occupation: m.occupation ?? null,
    })),
    incomes: annualIncomes(h),
    expenditures: [
      ...(h.medicalYuanPerYear ? [{ kind: 'medical', annualFen: h.medicalYuanPerYear * 100 }] : []),
      ...(h.educationYuanPerYear ? [{ kind: 'education', annualFen: h.educationYuanPerYear * 100 }] : []),
    ],
  });
  const created = await createHousehold(deps, people.officer, input);
  await submitHousehold(deps.db, people.officer, created.id);
  await approveHousehold(deps.db, people.unitReviewer, created.id, '经入户核实，情况属实');
  const archived = await approveHousehold(deps.db, people.streetReviewer, created.id, '同意建档');
  if (archived.status !== 'archived') throw new Error(`演示档案 ${h.name} 未能建档：${archived.status}`);
  return created;
}
