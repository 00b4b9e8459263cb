// Demo assistance records for 望江街道: archived hardship households, fund sources, two programs of the
// current year and applications approved through the real review chain — so that every aid page has
// something to show and the browser test can take a household from application to payment.
import type { Deps } from '../src/server/common/context';
import { businessDate } from '../src/server/common/dates';
import { approveApplication } from '../src/server/modules/applications/applications.review';
import { createApplication } from '../src/server/modules/applications/applications.usecases';
import { createFund } from '../src/server/modules/funds/funds.usecases';
import { allocateToProgram, createProgram } from '../src/server/modules/programs/programs.usecases';
import { actorOf, archiveHousehold, type DemoHousehold, type DemoUnitContact, type Sex } from './demo-people';

/** Where the households of 临江望江物业服务有限公司 live, bank and are called. */
export const WY_CONTACT: DemoUnitContact = {
  phonePrefix: '1395710',
  address: (i) => `临江市江东区望江街道望江新村${10 + i}幢${101 + i}室`,
  bankName: '中国农业银行临江望江支行',
};

/** Ten households of 临江望江物业服务有限公司; the last two have not applied for anything yet. */
export const WY_HOUSEHOLDS: DemoHousehold[] = [
  {
    name: '陈志强',
    sex: 'male',
    birth: '19760412',
    job: '物业维修工',
    wagesYuanPerMonth: 2600,
    medicalYuanPerYear: 18000,
    causes: ['illness'],
    situation: '妻子患尿毒症，每周透析三次，医保报销后自付部分仍较大。',
    members: [
      { relation: 'spouse', name: '刘美华', sex: 'female', birth: '19780921', health: 'serious_illness' },
      { relation: 'child', name: '陈晓雨', sex: 'female', birth: '20070316', school: 'senior_high' },
    ],
  },
  {
    name: '赵德明',
    sex: 'male',
    birth: '19690203',
    job: '门岗值班员',
    wagesYuanPerMonth: 2400,
    causes: ['disability'],
    situation: '本人右腿残疾（肢体三级），只能从事门岗工作，收入低。',
    members: [
      { relation: 'spouse', name: '孙桂兰', sex: 'female', birth: '19700615' },
      { relation: 'parent', name: '赵长根', sex: 'male', birth: '19420118', health: 'chronic_illness' },
    ],
  },
  {
    name: '周丽萍',
    sex: 'female',
    birth: '19820925',
    job: '保洁员',
    wagesYuanPerMonth: 2300,
    causes: ['single_parent', 'schooling'],
    situation: '单亲母亲，独自抚养两个孩子，长子就读大学。',
    members: [
      { relation: 'child', name: '周子航', sex: 'male', birth: '20050811', school: 'university' },
      { relation: 'child', name: '周子涵', sex: 'female', birth: '20140422', school: 'primary' },
    ],
  },
  {
    name: '吴建华',
    sex: 'male',
    birth: '19730530',
    job: '物业维修工',
    wagesYuanPerMonth: 2800,
    medicalYuanPerYear: 24000,
    causes: ['illness'],
    situation: '本人患肝癌术后，长期服药复查。',
    members: [
      { relation: 'spouse', name: '郑小红', sex: 'female', birth: '19750317' },
      { relation: 'child', name: '吴佳怡', sex: 'female', birth: '20060710', school: 'vocational' },
    ],
  },
  {
    name: '钱卫东',
    sex: 'male',
    birth: '19800101',
    job: '绿化工',
    wagesYuanPerMonth: 2500,
    causes: ['accident_disaster'],
    situation: '今年7月家中遭遇火灾，房屋和家具大部分损毁。',
    members: [
      { relation: 'spouse', name: '冯秀云', sex: 'female', birth: '19820220' },
      { relation: 'child', name: '钱宇轩', sex: 'male', birth: '20120909', school: 'primary' },
    ],
  },
  {
    name: '孙红霞',
    sex: 'female',
    birth: '19850714',
    job: '保洁员',
    wagesYuanPerMonth: 2200,
    causes: ['unemployment', 'illness'],
    situation: '丈夫下岗失业，女儿患先天性心脏病。',
    members: [
      { relation: 'spouse', name: '李国庆', sex: 'male', birth: '19831001' },
      { relation: 'child', name: '李欣然', sex: 'female', birth: '20160506', health: 'serious_illness' },
    ],
  },
  {
    name: '郑海波',
    sex: 'male',
    birth: '19710822',
    job: '保安',
    wagesYuanPerMonth: 2700,
    medicalYuanPerYear: 12000,
    causes: ['illness'],
    situation: '妻子患乳腺癌，正在化疗。',
    members: [
      { relation: 'spouse', name: '王丽娟', sex: 'female', birth: '19730412', health: 'serious_illness' },
    ],
  },
  {
    name: '冯建军',
    sex: 'male',
    birth: '19780316',
    job: '保安',
    wagesYuanPerMonth: 2400,
    causes: ['disability'],
    situation: '儿子智力残疾二级，需长期照护。',
    members: [
      { relation: 'spouse', name: '何晓梅', sex: 'female', birth: '19800708' },
      { relation: 'child', name: '冯小军', sex: 'male', birth: '20090125', health: 'disability' },
    ],
  },
  {
    name: '何秀英',
    sex: 'female',
    birth: '19740609',
    job: '保洁员',
    wagesYuanPerMonth: 2300,
    causes: ['single_parent'],
    situation: '离异，独自抚养女儿并赡养老母亲。',
    members: [
      { relation: 'child', name: '何晴', sex: 'female', birth: '20100830', school: 'primary' },
      { relation: 'parent', name: '张翠兰', sex: 'female', birth: '19460312', health: 'chronic_illness' },
    ],
  },
  {
    name: '王建军',
    sex: 'male',
    birth: '19810419',
    job: '物业维修工',
    wagesYuanPerMonth: 2600,
    causes: ['illness'],
    situation: '父亲中风瘫痪在床，需专人照顾。',
    members: [
      { relation: 'spouse', name: '林芳', sex: 'female', birth: '19830915' },
      { relation: 'parent', name: '王德福', sex: 'male', birth: '19500220', health: 'disability' },
    ],
  },
];

export const DEMO_AID = {
  warmthProgram: '春节送温暖',
  reliefProgram: '临时救助',
  tuitionProgram: '金秋助学',
  /** Households without any application: the browser test applies for the first one. */
  unappliedHouseholds: WY_HOUSEHOLDS.slice(8).map((h) => h.name),
};

/** `idNumber`: the load's resident-ID numbers (demoIdNumbers), shared by every household of the demo. */
export async function loadDemoAid(deps: Deps, idNumber: (birth: string, sex: Sex) => string) {
  const officer = await actorOf(deps, 'jd.wj.wy.officer');
  const unitReviewer = await actorOf(deps, 'jd.wj.wy.reviewer');
  const streetReviewer = await actorOf(deps, 'jd.wj.reviewer');
  const streetFinance = await actorOf(deps, 'jd.wj.finance');
  const streetAdmin = await actorOf(deps, 'jd.wj.admin');
  const today = businessDate();
  const year = Number(today.slice(0, 4));
  const db = deps.db;

  const householdIds: string[] = [];
  /** Children in school of the first eight households (the others stay without any application). */
  const students: { householdId: string; memberId: string; schoolLevel: string }[] = [];
  for (const [i, h] of WY_HOUSEHOLDS.entries()) {
    const created = await archiveHousehold(
      deps,
      { officer, unitReviewer, streetReviewer },
      idNumber,
      WY_CONTACT,
      i,
      h,
    );
    householdIds.push(created.id);
    if (i < 8)
      for (const m of created.members)
        if (m.schoolLevel)
          students.push({ householdId: created.id, memberId: m.id, schoolLevel: m.schoolLevel });
  }

  // Money of 望江街道 for the year: the street office's grant and the union's own funds (专款专用).
  const street = streetFinance.principal.orgId;
  const grant = await createFund(db, streetFinance, {
    orgId: street,
    name: `${year}年望江街道办事处困难职工帮扶拨款`,
    kind: 'government',
    year,
    receivedFen: 3_000_000,
    receivedOn: `${year}-01-15`,
  });
  const unionFunds = await createFund(db, streetFinance, {
    orgId: street,
    name: `${year}年望江街道总工会帮扶经费`,
    kind: 'union_funds',
    year,
    receivedFen: 2_000_000,
    receivedOn: `${year}-02-20`,
  });

  const window = { windowStart: `${year}-01-01`, windowEnd: `${year}-12-31` };
  const warmth = await createProgram(db, streetAdmin, {
    orgId: street,
    type: 'warmth',
    name: `${year}年${DEMO_AID.warmthProgram}`,
    year,
    categories: ['deep', 'relative', 'sudden'],
    capPerHouseholdFen: 100_000,
    capPerYearFen: 500_000,
    requiredDocuments: [],
    ...window,
    reviewChain: ['grassroots', 'township'],
    publicityDays: 5,
  });
  const relief = await createProgram(db, streetAdmin, {
    orgId: street,
    type: 'relief',
    name: `${year}年${DEMO_AID.reliefProgram}`,
    year,
    categories: ['deep', 'relative', 'sudden'],
    capPerHouseholdFen: 300_000,
    capPerYearFen: 500_000,
    requiredDocuments: [],
    ...window,
    reviewChain: ['grassroots', 'township'],
    // One-time relief is paid at once: no publicity period.
    publicityDays: 0,
  });
  // 金秋助学: a grant per student by school level, from the union's own funds.
  const tuitionCaps = { university: 300_000, vocational: 200_000, senior_high: 150_000, primary: 80_000 };
  const tuition = await createProgram(db, streetAdmin, {
    orgId: street,
    type: 'tuition',
    name: `${year}年${DEMO_AID.tuitionProgram}`,
    year,
    categories: ['deep', 'relative', 'sudden'],
    capPerHouseholdFen: null,
    capPerYearFen: null,
    tuitionCaps,
    requiredDocuments: [],
    ...window,
    reviewChain: ['grassroots', 'township'],
    publicityDays: 5,
  });
  await allocateToProgram(db, streetFinance, tuition.id, { sourceId: unionFunds.id, amountFen: 1_000_000 });
  await allocateToProgram(db, streetFinance, warmth.id, { sourceId: grant.id, amountFen: 500_000 });
  await allocateToProgram(db, streetFinance, warmth.id, { sourceId: unionFunds.id, amountFen: 300_000 });
  await allocateToProgram(db, streetFinance, relief.id, { sourceId: grant.id, amountFen: 1_000_000 });
  await allocateToProgram(db, streetFinance, relief.id, { sourceId: unionFunds.id, amountFen: 500_000 });

  // 送温暖 for the first six households (approved at both levels); one relief application already approved
  // and one still waiting at the street.
  const approve = async (id: string) => {
    await approveApplication(db, unitReviewer, id, { comment: '情况属实，同意' });
    await approveApplication(db, streetReviewer, id, { comment: '同意' });
  };
  const warmthApplications: string[] = [];
  for (const [i, householdId] of householdIds.slice(0, 6).entries()) {
    const a = await createApplication(db, officer, {
      programId: warmth.id,
      householdId,
      requestedFen: i % 3 === 0 ? 100_000 : 80_000,
      reason: '春节前走访慰问，家庭生活困难',
      documents: [],
    });
    await approve(a.id);
    warmthApplications.push(a.id);
  }
  const fire = await createApplication(db, officer, {
    programId: relief.id,
    householdId: householdIds[4]!,
    requestedFen: 300_000,
    reason: '7月家中遭遇火灾，房屋和家具大部分损毁，申请临时救助',
    documents: [],
  });
  await approve(fire.id);
  const pending = await createApplication(db, officer, {
    programId: relief.id,
    householdId: householdIds[5]!,
    requestedFen: 200_000,
    reason: '女儿心脏手术自付费用较高，申请临时救助',
    documents: [],
  });
  await approveApplication(db, unitReviewer, pending.id, { comment: '情况属实，同意上报' });
  for (const student of students) {
    const level = student.schoolLevel as keyof typeof tuitionCaps;
    const a = await createApplication(db, officer, {
      programId: tuition.id,
      householdId: student.householdId,
      requestedFen: tuitionCaps[level],
      reason: '子女就学，家庭负担较重，申请金秋助学',
      studentMemberId: student.memberId,
      school: {
        university: '临江大学',
        vocational: '临江职业技术学院',
        senior_high: '临江市第二中学',
        primary: '望江小学',
      }[level],
      schoolLevel: level,
      documents: [],
    });
    await approve(a.id);
  }

  return {
    households: householdIds.length,
    programs: [warmth.id, relief.id, tuition.id],
    students: students.length,
    warmthApplications,
    approvedRelief: fire.id,
  };
}
