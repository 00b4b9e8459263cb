/**
 * Shared test fixtures for aid programs (issue #6): a small federation with staff at each level, archived
 * households, funded programs and applications taken through the review chain — all through the HTTP API,
 * as a user would. Other modules' tests (publicity, disbursements, statistics) build on these; add to this
 * file, do not change what existing helpers do.
 */
import { randomBytes } from 'node:crypto';
import { businessDate } from '../common/dates';
import { CITY_DIBAO_FEN, createCityPolicy, makeJiangdongOrgs, residentIds } from './archive-fixtures';
import type { Session, TestContext } from './harness';

export const AID_YEAR = Number(businessDate().slice(0, 4));
/** 低保 1,000 元 a month: the fixture household (3 people, 900 元 per person) is in deep hardship. */
export const AID_DIBAO_FEN = CITY_DIBAO_FEN;

export interface AidWorld {
  t: TestContext;
  admin: Session;
  /** 江东区总工会 → 望江街道总工会 → 恒顺纺织有限公司工会; 江北区总工会 is another district. */
  district: { id: string; name: string };
  town: { id: string; name: string };
  unit: { id: string; name: string };
  west: { id: string; name: string };
  officer: Session;
  unitReviewer: Session;
  townReviewer: Session;
  districtReviewer: Session;
  districtOfficer: Session;
  westReviewer: Session;
  westOfficer: Session;
  finance: Session;
}

function check(res: { statusCode: number; body: string }, expected: number, what: string) {
  if (res.statusCode !== expected) throw new Error(`${what}: HTTP ${res.statusCode} ${res.body}`);
}

/** A valid resident ID number, unique in the test run (region 330104 so it does not meet other tests' ids). */
export const fixtureResidentId = residentIds({ region: '330104' });

/** Submits the household and approves it at grass-roots and township level: it is archived. */
async function archive(
  staff: { officer: Session; unitReviewer: Session; townReviewer: Session },
  householdId: string,
) {
  for (const [s, action] of [
    [staff.officer, 'submit'],
    [staff.unitReviewer, 'approve'],
    [staff.townReviewer, 'approve'],
  ] as const) {
    check(
      await s.request({ method: 'POST', url: `/api/households/${householdId}/${action}`, payload: {} }),
      200,
      `household ${action}`,
    );
  }
}

/** The 低保 policy of 330100 and the org units and staff of the aid tests. */
export async function createAidWorld(t: TestContext): Promise<AidWorld> {
  await createCityPolicy(t, { dibaoFen: AID_DIBAO_FEN });
  const { district, town, unit, west } = await makeJiangdongOrgs(t, randomBytes(2).toString('hex'));
  return {
    t,
    admin: await t.login('admin', 'Admin@12345'),
    district,
    town,
    unit,
    west,
    officer: await t.loginNewUser(unit.id, ['officer']),
    unitReviewer: await t.loginNewUser(unit.id, ['reviewer']),
    townReviewer: await t.loginNewUser(town.id, ['reviewer']),
    districtReviewer: await t.loginNewUser(district.id, ['reviewer']),
    districtOfficer: await t.loginNewUser(district.id, ['officer']),
    westReviewer: await t.loginNewUser(west.id, ['reviewer']),
    westOfficer: await t.loginNewUser(west.id, ['officer']),
    finance: await t.loginNewUser(district.id, ['finance']),
  };
}

/**
 * An archived household of 3 (per-capita 900 元 a month: deep hardship) employed by `w.unit`, taken
 * through submission and both review levels.
 */
/** A draft household of 3 in deep hardship (spouse seriously ill, a child at senior high), entered by `officer`. */
export async function makeDraftHousehold(officer: Session, employerOrgId: string, name = '张建国') {
  const res = await officer.request({
    method: 'POST',
    url: '/api/households',
    payload: {
      employerOrgId,
      name,
      idNumber: fixtureResidentId(),
      causes: ['illness'],
      members: [
        {
          relation: 'spouse',
          name: '李秀英',
          idNumber: fixtureResidentId('19820305'),
          healthStatus: 'serious_illness',
        },
        {
          relation: 'child',
          name: '张小明',
          idNumber: fixtureResidentId('20080910'),
          healthStatus: 'healthy',
          schoolLevel: 'senior_high',
        },
      ],
      incomes: [{ kind: 'wages', annualFen: 3 * 12 * 90_000 }],
      expenditures: [],
    },
  });
  check(res, 201, 'create household');
  return res.json() as { id: string; name: string; members: { id: string; name: string }[] };
}

export async function makeArchivedHousehold(w: AidWorld, name = '张建国') {
  const h = await makeDraftHousehold(w.officer, w.unit.id, name);
  await archive(w, h.id);
  return h;
}

/** A program of the district (送温暖 by default), reviewed by grass-roots then township. */
export async function makeProgram(w: AidWorld, over: Record<string, unknown> = {}) {
  const res = await w.admin.request({
    method: 'POST',
    url: '/api/programs',
    payload: {
      orgId: w.district.id,
      type: 'warmth',
      name: `${AID_YEAR} 年春节送温暖`,
      year: AID_YEAR,
      categories: ['deep', 'relative', 'sudden'],
      capPerHouseholdFen: 50_000,
      windowStart: `${AID_YEAR}-01-01`,
      windowEnd: `${AID_YEAR}-12-31`,
      reviewChain: ['grassroots', 'township'],
      publicityDays: 5,
      ...over,
    },
  });
  check(res, 201, 'create program');
  return res.json() as { id: string; name: string; publicityDays: number };
}

/** A fund source of the district, received and earmarked in full to the program. Returns the source id. */
export async function fundProgram(w: AidWorld, programId: string, amountFen: number, name = '区政府拨款') {
  const source = await w.finance.request({
    method: 'POST',
    url: '/api/funds',
    payload: { orgId: w.district.id, name, kind: 'government', year: AID_YEAR, receivedFen: amountFen },
  });
  check(source, 201, 'create fund source');
  const res = await w.finance.request({
    method: 'POST',
    url: `/api/programs/${programId}/allocations`,
    payload: { sourceId: source.json().id, amountFen },
  });
  check(res, 200, 'allocate');
  return source.json().id as string;
}

/** Submits an application of the household to the program (as the unit officer). Returns its id. */
export async function submitApplication(
  w: AidWorld,
  input: { programId: string; householdId: string; requestedFen: number; reason?: string },
) {
  const res = await w.officer.request({
    method: 'POST',
    url: '/api/applications',
    payload: { reason: '妻子患尿毒症，长期透析', ...input },
  });
  check(res, 201, 'submit application');
  return res.json().id as string;
}

/** Approves at both levels of the default chain (grass-roots, then township): the budget is taken. */
export async function approveApplication(w: AidWorld, id: string, amountFen?: number) {
  for (const s of [w.unitReviewer, w.townReviewer]) {
    check(
      await s.request({
        method: 'POST',
        url: `/api/applications/${id}/approve`,
        payload: amountFen === undefined ? {} : { amountFen },
      }),
      200,
      'approve application',
    );
  }
}

/** A new archived household with an approved application to the program. */
export async function makeApprovedApplication(
  w: AidWorld,
  programId: string,
  options: { name?: string; requestedFen?: number } = {},
) {
  const h = await makeArchivedHousehold(w, options.name);
  const id = await submitApplication(w, {
    programId,
    householdId: h.id,
    requestedFen: options.requestedFen ?? 20_000,
  });
  await approveApplication(w, id);
  return { applicationId: id, householdId: h.id, householdName: h.name };
}

// ——— payment batches and statistics (disbursements helper) ———

let bankSeq = 0;
/** A 19-digit bank card number, unique in the test run. */
export function fixtureBankAccount(): string {
  bankSeq++;
  return `622202${String(Date.now() % 1e7).padStart(7, '0')}${String(bankSeq).padStart(6, '0')}`;
}

/**
 * An archived household employed by `employerOrgId` (default `w.unit`), with a bank account and
 * `members` family members, taken through submission and both review levels. `reviewers` are the
 * officer / grass-roots reviewer / township reviewer of that employer (default: those of `w.unit`).
 */
export async function makePayeeHousehold(
  w: AidWorld,
  options: {
    name?: string;
    members?: number;
    bankAccount?: string | null;
    employerOrgId?: string;
    staff?: { officer: Session; unitReviewer: Session; townReviewer: Session };
  } = {},
) {
  const staff = options.staff ?? w;
  const members = Array.from({ length: options.members ?? 2 }, (_, i) => ({
    relation: i === 0 ? 'spouse' : 'child',
    name: i === 0 ? '李秀英' : `张小${'一二三四五六七八'[i % 8]}`,
    idNumber: fixtureResidentId(i === 0 ? '19820305' : '20080910'),
    healthStatus: 'healthy',
  }));
  const size = 1 + members.length;
  const res = await staff.officer.request({
    method: 'POST',
    url: '/api/households',
    payload: {
      employerOrgId: options.employerOrgId ?? w.unit.id,
      name: options.name ?? '张建国',
      idNumber: fixtureResidentId(),
      causes: ['illness'],
      ...(options.bankAccount === null
        ? {}
        : { bankAccount: options.bankAccount ?? fixtureBankAccount(), bankName: '中国工商银行临江支行' }),
      members,
      // 900 元 per person a month: deep hardship whatever the size.
      incomes: [{ kind: 'wages', annualFen: size * 12 * 90_000 }],
      expenditures: [],
    },
  });
  check(res, 201, 'create household');
  const h = res.json() as { id: string; name: string };
  await archive(staff, h.id);
  return h;
}

/**
 * Submits and approves along a grass-roots-only chain (`reviewChain: ['grassroots']`): one decision.
 * Returns the application id.
 */
export async function approveAtGrassroots(
  w: AidWorld,
  input: { programId: string; householdId: string; requestedFen: number },
  staff: { officer: Session; unitReviewer: Session } = w,
) {
  const res = await staff.officer.request({
    method: 'POST',
    url: '/api/applications',
    payload: { reason: '家庭困难，申请帮扶', ...input },
  });
  check(res, 201, 'submit application');
  const id = res.json().id as string;
  check(
    await staff.unitReviewer.request({ method: 'POST', url: `/api/applications/${id}/approve`, payload: {} }),
    200,
    'approve application',
  );
  return id;
}

/** A fund source of the district of the given kind, earmarked in full to the program. */
export async function fundProgramWith(
  w: AidWorld,
  programId: string,
  input: { amountFen: number; name: string; kind: string },
) {
  const source = await w.finance.request({
    method: 'POST',
    url: '/api/funds',
    payload: {
      orgId: w.district.id,
      name: input.name,
      kind: input.kind,
      year: AID_YEAR,
      receivedFen: input.amountFen,
    },
  });
  check(source, 201, 'create fund source');
  check(
    await w.finance.request({
      method: 'POST',
      url: `/api/programs/${programId}/allocations`,
      payload: { sourceId: source.json().id, amountFen: input.amountFen },
    }),
    200,
    'allocate',
  );
  return source.json().id as string;
}

const secondFinance = new WeakMap<AidWorld, Promise<Session>>();
/**
 * A second finance user of the district (one per world): batches `w.finance` prepares are issued by
 * someone else (制单人与复核人分离), and this is that person.
 */
export function financeReviewer(w: AidWorld): Promise<Session> {
  let session = secondFinance.get(w);
  if (!session) {
    session = w.t.loginNewUser(w.district.id, ['finance']);
    secondFinance.set(w, session);
  }
  return session;
}

/** Issues a batch as the district's second finance user (the reviewer of what `w.finance` prepared). */
export async function issueBatchAsReviewer(w: AidWorld, batchId: string) {
  const reviewer = await financeReviewer(w);
  const res = await reviewer.request({
    method: 'POST',
    url: `/api/disbursements/${batchId}/issue`,
    payload: {},
  });
  check(res, 200, 'issue batch');
  return res.json() as { id: string; status: string; issuedByName: string | null };
}
