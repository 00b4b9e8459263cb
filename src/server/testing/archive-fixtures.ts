/**
 * Set-up shared by the household-archive tests and the aid tests built on them: resident ID numbers,
 * the city's 低保 policy and the 江东 / 江北 federation. What a single test file needs beyond this
 * (extra units, its staff) stays in that file.
 */
import { residentIdCheckChar } from '../common/identifiers';
import type { OrgLevel } from '../modules/orgs/orgs.table';
import { createPolicyVersion } from '../modules/policies/policies.usecases';
import type { TestContext } from './harness';

/** 低保 1,000 元 per person per month: the figure the fixture households' incomes are measured against. */
export const CITY_DIBAO_FEN = 100_000;

/**
 * A generator of valid resident ID numbers, different on every call: `region`, the birth date (the
 * call's, else `birth`), then a running 3-digit sequence number (the first is odd: male). Each test
 * file makes its own; a generator wraps after 1,000 numbers.
 */
export function residentIds({ region = '330102', birth = '19800101' } = {}) {
  let seq = 0;
  return (birthDate = birth): string => {
    seq++;
    const body = `${region}${birthDate}${String(seq % 1000).padStart(3, '0')}`;
    return body + residentIdCheckChar(body);
  };
}

/**
 * The 低保 policy of the whole city (330100), in force since 2020-01-01: relative hardship below twice
 * 低保, sudden hardship when rigid spending exceeds 80 % of income, a review every 12 months, exit after
 * 6 months above the line.
 */
export function createCityPolicy(t: TestContext, { dibaoFen = CITY_DIBAO_FEN } = {}) {
  return createPolicyVersion(t.deps.db, t.rootActor, {
    regionCode: '330100',
    effectiveFrom: '2020-01-01',
    dibaoFen,
    relativeMultiplier: 2,
    suddenExpenditureRatio: 0.8,
    reviewIntervalMonths: 12,
    exitMonths: 6,
  });
}

type Org = Awaited<ReturnType<TestContext['makeOrg']>>;

export interface JiangdongOrgs {
  district: Org;
  town: Org;
  /** The grass-roots union of an employer (恒顺纺织有限公司), under the township. */
  unit: Org;
  /** Another district, outside the scope of 江东's staff. */
  west: Org;
}

/**
 * 江东区总工会 → 望江街道总工会 → 恒顺纺织有限公司工会, and 江北区总工会 beside 江东. `suffix` is
 * appended to every name (for fixtures that may be built more than once in one database).
 */
export async function makeJiangdongOrgs(t: TestContext, suffix = ''): Promise<JiangdongOrgs> {
  const make = (parentId: string, level: OrgLevel, name: string) => t.makeOrg(parentId, level, name + suffix);
  const district = await make(t.rootOrgId, 'district', '江东区总工会');
  const town = await make(district.id, 'township', '望江街道总工会');
  const unit = await make(town.id, 'grassroots', '恒顺纺织有限公司工会');
  const west = await make(t.rootOrgId, 'district', '江北区总工会');
  return { district, town, unit, west };
}
