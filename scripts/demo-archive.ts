// The dynamic management (动态管理) of 望江街道's archive: households archived in the past year whose
// annual review (年审) was recorded this year, reviews that are overdue or fall due within the month, and
// an exit (脱困) proposed by the system from monthly income records and waiting for the street's
// confirmation — in two of the street's grass-roots unions, so that the street's spot-check (抽查) has a
// population of this year's reviews to draw from.
import { eq } from 'drizzle-orm';
import type { Actor, Deps } from '../src/server/common/context';
import { addMonths, businessDate, type IsoDate } from '../src/server/common/dates';
import { recordAnnualReview } from '../src/server/modules/households/households.annual-review';
import { recordMonthlyIncome } from '../src/server/modules/households/households.exit';
import { annualReviewBody } from '../src/server/modules/households/households.review-dedup.schemas';
import { incomeRecordBody } from '../src/server/modules/households/households.schemas';
import { households } from '../src/server/modules/households/households.table';
import { policyInForce } from '../src/server/modules/policies/policies.usecases';
import { WY_CONTACT } from './demo-aid';
import {
  actorOf,
  annualIncomes,
  archiveHousehold,
  type DemoHousehold,
  type DemoUnitContact,
  type Sex,
} from './demo-people';

/** What happened to an archive since it was decided. Day counts are relative to the day of the load. */
export type Story =
  /** Archived `archivedMonthsAgo` months ago; its annual review recorded this year by its unit's officer. */
  | {
      kind: 'reviewed';
      archivedMonthsAgo: number;
      outcome: 'continue' | 'recompute';
      note: string;
      /** The incomes found at the review (recompute): replace the archived ones. */
      incomesFound?: Pick<DemoHousehold, 'wagesYuanPerMonth' | 'otherIncomes'>;
    }
  /** Its annual review fell due `daysAgo` days ago and has not been recorded. */
  | { kind: 'overdue'; daysAgo: number }
  /** Its annual review falls due in `inDays` days (within the work list's month). */
  | { kind: 'dueSoon'; inDays: number }
  /**
   * Archived `archivedMonthsAgo` months ago; one income record for each finished month since, oldest
   * first (`months[0]` is the month after the archiving), by the unit's officer.
   */
  | {
      kind: 'monthlyIncome';
      archivedMonthsAgo: number;
      months: { incomeYuan: number; rigidYuan: number; note?: string }[];
    };

export type ArchiveHousehold = DemoHousehold & { story: Story };

/** 临江望江物业服务有限公司: more of its employees, archived last year. */
export const WY_ARCHIVE: ArchiveHousehold[] = [
  {
    name: '刘桂芬',
    sex: 'female',
    birth: '19720318',
    job: '保洁员',
    wagesYuanPerMonth: 2300,
    causes: ['illness', 'unemployment'],
    situation: '丈夫患严重腰椎间盘突出，去年起无法工作，家庭仅靠本人工资生活。',
    members: [
      { relation: 'spouse', name: '陈永福', sex: 'male', birth: '19700527', health: 'chronic_illness' },
    ],
    story: {
      kind: 'reviewed',
      archivedMonthsAgo: 13,
      outcome: 'continue',
      note: '入户核实：丈夫仍因腰椎病无法工作，家庭收入未变，继续帮扶。',
    },
  },
  {
    name: '黄志刚',
    sex: 'male',
    birth: '19681105',
    job: '保安',
    wagesYuanPerMonth: 2500,
    medicalYuanPerYear: 9600,
    causes: ['illness', 'schooling'],
    situation: '本人患糖尿病并发肾病，长期用药；儿子就读职业技术学院。',
    members: [
      { relation: 'spouse', name: '曹凤英', sex: 'female', birth: '19700304', occupation: '无业' },
      { relation: 'child', name: '黄思远', sex: 'male', birth: '20070919', school: 'vocational' },
    ],
    story: {
      kind: 'reviewed',
      archivedMonthsAgo: 12,
      outcome: 'continue',
      note: '入户核实：本人病情稳定但仍需长期服药，儿子在读，家庭情况未变。',
    },
  },
  {
    name: '杨春燕',
    sex: 'female',
    birth: '19830627',
    job: '保洁员',
    wagesYuanPerMonth: 2200,
    causes: ['single_parent'],
    situation: '离异，独自抚养正在读初中的儿子。',
    members: [{ relation: 'child', name: '杨博文', sex: 'male', birth: '20110802', school: 'junior_high' }],
    story: {
      kind: 'reviewed',
      archivedMonthsAgo: 11,
      outcome: 'recompute',
      note: '年审核实：本人工资调整为每月 2600 元，前夫按月支付抚养费 400 元，按核实后的收入重新认定。',
      incomesFound: {
        wagesYuanPerMonth: 2600,
        otherIncomes: [{ kind: 'other', description: '前夫支付的子女抚养费', yuanPerMonth: 400 }],
      },
    },
  },
  {
    name: '马国栋',
    sex: 'male',
    birth: '19750814',
    job: '水电维修工',
    wagesYuanPerMonth: 2900,
    otherIncomes: [{ kind: 'pension', description: '父亲退休金', yuanPerMonth: 1200 }],
    causes: ['disability'],
    situation: '妻子精神残疾二级，无劳动能力；父亲年迈多病，与本人同住。',
    members: [
      { relation: 'spouse', name: '丁淑芬', sex: 'female', birth: '19770210', health: 'disability' },
      { relation: 'parent', name: '马德顺', sex: 'male', birth: '19480706', health: 'chronic_illness' },
    ],
    story: {
      kind: 'reviewed',
      archivedMonthsAgo: 12,
      outcome: 'continue',
      note: '入户核实：妻子仍需专人照护，父亲今年两次住院，继续帮扶。',
    },
  },
  {
    name: '罗建平',
    sex: 'male',
    birth: '19700122',
    job: '绿化工',
    wagesYuanPerMonth: 2400,
    medicalYuanPerYear: 6000,
    causes: ['illness'],
    situation: '妻子患类风湿性关节炎，常年服药，不能外出工作。',
    members: [
      { relation: 'spouse', name: '宋玉梅', sex: 'female', birth: '19720409', health: 'chronic_illness' },
    ],
    story: { kind: 'overdue', daysAgo: 47 },
  },
  {
    name: '胡玉珍',
    sex: 'female',
    birth: '19760909',
    job: '保洁员',
    wagesYuanPerMonth: 2100,
    otherIncomes: [{ kind: 'subsidy', description: '丈夫伤残津贴', yuanPerMonth: 600 }],
    causes: ['disability'],
    situation: '丈夫在建筑工地受工伤致残（六级），只领取伤残津贴。',
    members: [{ relation: 'spouse', name: '钟大勇', sex: 'male', birth: '19740613', health: 'disability' }],
    story: { kind: 'overdue', daysAgo: 19 },
  },
  {
    name: '徐海涛',
    sex: 'male',
    birth: '19790430',
    job: '电梯维保工',
    wagesYuanPerMonth: 3000,
    medicalYuanPerYear: 20000,
    causes: ['illness'],
    situation: '妻子患白血病，正在化疗，医保报销后自付费用仍高。',
    members: [
      { relation: 'spouse', name: '汤丽', sex: 'female', birth: '19810117', health: 'serious_illness' },
      { relation: 'child', name: '徐一鸣', sex: 'male', birth: '20130524', school: 'primary' },
    ],
    story: { kind: 'dueSoon', inDays: 12 },
  },
  {
    name: '高秀兰',
    sex: 'female',
    birth: '19711212',
    job: '保洁领班',
    wagesYuanPerMonth: 2600,
    causes: ['illness'],
    situation: '丧偶，赡养患阿尔茨海默病的父亲。',
    members: [
      { relation: 'parent', name: '高福全', sex: 'male', birth: '19410830', health: 'chronic_illness' },
    ],
    story: { kind: 'dueSoon', inDays: 26 },
  },
  {
    name: '林国华',
    sex: 'male',
    birth: '19770216',
    job: '物业维修工',
    wagesYuanPerMonth: 2700,
    medicalYuanPerYear: 15000,
    causes: ['illness'],
    situation: '妻子患乳腺癌手术后化疗，辞去工作；女儿读高中。',
    members: [
      { relation: 'spouse', name: '韦春兰', sex: 'female', birth: '19790503', health: 'serious_illness' },
      { relation: 'child', name: '林雨桐', sex: 'female', birth: '20090311', school: 'senior_high' },
    ],
    // Three months on treatment, then the wife back at work: six months above 低保 in a row.
    story: {
      kind: 'monthlyIncome',
      archivedMonthsAgo: 10,
      months: [
        { incomeYuan: 2700, rigidYuan: 1250, note: '妻子化疗期间' },
        { incomeYuan: 2700, rigidYuan: 1250 },
        { incomeYuan: 2700, rigidYuan: 1100 },
        { incomeYuan: 5500, rigidYuan: 300, note: '妻子术后康复，重新就业（超市收银员，月工资约 2800 元）' },
        { incomeYuan: 5500, rigidYuan: 300 },
        { incomeYuan: 5600, rigidYuan: 300 },
        { incomeYuan: 5500, rigidYuan: 250 },
        { incomeYuan: 5500, rigidYuan: 250 },
        { incomeYuan: 5700, rigidYuan: 250 },
      ],
    },
  },
];

/** Where the households of 临江江东环卫服务有限公司 live, bank and are called. */
const HW_CONTACT: DemoUnitContact = {
  phonePrefix: '1395711',
  address: (i) => `临江市江东区望江街道清波里${1 + (i % 7)}幢${201 + i}室`,
  bankName: '临江农商银行望江支行',
};

/** 临江江东环卫服务有限公司: sanitation workers archived last year. */
export const HW_ARCHIVE: ArchiveHousehold[] = [
  {
    name: '蒋秀珍',
    sex: 'female',
    birth: '19690503',
    job: '道路清扫工',
    wagesYuanPerMonth: 2300,
    medicalYuanPerYear: 4800,
    causes: ['illness', 'disability'],
    situation: '丈夫脑梗后遗症，半身不遂，需要长期康复治疗。',
    members: [{ relation: 'spouse', name: '蔡有才', sex: 'male', birth: '19660211', health: 'disability' }],
    story: {
      kind: 'reviewed',
      archivedMonthsAgo: 14,
      outcome: 'continue',
      note: '入户核实：丈夫仍卧床康复，家庭收入未变，继续帮扶。',
    },
  },
  {
    name: '唐建新',
    sex: 'male',
    birth: '19721019',
    job: '垃圾清运车驾驶员',
    wagesYuanPerMonth: 3200,
    educationYuanPerYear: 12000,
    causes: ['schooling', 'unemployment'],
    situation: '妻子所在工厂倒闭后失业，儿子就读大学，学费和生活费负担重。',
    members: [
      { relation: 'spouse', name: '潘秀梅', sex: 'female', birth: '19740721', occupation: '失业' },
      { relation: 'child', name: '唐子豪', sex: 'male', birth: '20060105', school: 'university' },
    ],
    story: {
      kind: 'reviewed',
      archivedMonthsAgo: 13,
      outcome: 'continue',
      note: '入户核实：妻子仍未找到稳定工作，儿子读大二，继续帮扶。',
    },
  },
  {
    name: '韩桂英',
    sex: 'female',
    birth: '19730707',
    job: '公厕保洁员',
    wagesYuanPerMonth: 2200,
    causes: ['single_parent'],
    situation: '丈夫三年前因病去世，独自抚养女儿。',
    members: [{ relation: 'child', name: '邓雅琴', sex: 'female', birth: '20100918', school: 'junior_high' }],
    story: {
      kind: 'reviewed',
      archivedMonthsAgo: 12,
      outcome: 'continue',
      note: '入户核实：母女二人生活，收入未变，女儿成绩良好，继续帮扶。',
    },
  },
  {
    name: '曹永强',
    sex: 'male',
    birth: '19650328',
    job: '道路清扫工',
    wagesYuanPerMonth: 2400,
    otherIncomes: [{ kind: 'pension', description: '妻子退休金', yuanPerMonth: 1100 }],
    medicalYuanPerYear: 6000,
    causes: ['illness'],
    situation: '妻子患慢性阻塞性肺病，每年冬季住院。',
    members: [
      { relation: 'spouse', name: '许桂珍', sex: 'female', birth: '19670814', health: 'chronic_illness' },
    ],
    story: {
      kind: 'reviewed',
      archivedMonthsAgo: 11,
      outcome: 'continue',
      note: '入户核实：妻子今年住院两次，医疗支出与去年相当，继续帮扶。',
    },
  },
  {
    name: '田丽华',
    sex: 'female',
    birth: '19781201',
    job: '垃圾分类督导员',
    wagesYuanPerMonth: 2500,
    medicalYuanPerYear: 14000,
    causes: ['illness'],
    situation: '丈夫患尿毒症，每周透析两次；女儿读初中。',
    members: [
      { relation: 'spouse', name: '彭国强', sex: 'male', birth: '19760620', health: 'serious_illness' },
      { relation: 'child', name: '彭嘉怡', sex: 'female', birth: '20120407', school: 'junior_high' },
    ],
    story: {
      kind: 'reviewed',
      archivedMonthsAgo: 12,
      outcome: 'continue',
      note: '入户核实：丈夫透析治疗未变，自付医疗费用仍高，继续帮扶。',
    },
  },
  {
    name: '雷志明',
    sex: 'male',
    birth: '19670616',
    job: '环卫车辆修理工',
    wagesYuanPerMonth: 2800,
    causes: ['disability', 'illness'],
    situation: '妻子听力残疾，无固定收入；父亲高血压、心脏病，与本人同住。',
    members: [
      { relation: 'spouse', name: '贺翠英', sex: 'female', birth: '19690224', health: 'disability' },
      { relation: 'parent', name: '雷金福', sex: 'male', birth: '19401105', health: 'chronic_illness' },
    ],
    story: { kind: 'overdue', daysAgo: 72 },
  },
  {
    name: '邱美玲',
    sex: 'female',
    birth: '19800225',
    job: '道路清扫工',
    wagesYuanPerMonth: 2300,
    causes: ['unemployment'],
    situation: '丈夫所在企业裁员后失业，女儿读小学。',
    members: [
      { relation: 'spouse', name: '段志勇', sex: 'male', birth: '19780930', occupation: '失业' },
      { relation: 'child', name: '段可欣', sex: 'female', birth: '20150612', school: 'primary' },
    ],
    story: { kind: 'dueSoon', inDays: 8 },
  },
];

function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The use cases date every step today and take no clock. As the tests do (households.exit.test.ts,
 * households.annual-review.test.ts), an archive decided in the past gets the two dates the review
 * lifecycle reads moved back: its archive date and its review due date (by default one review interval
 * later, as the archiving sets it). Its timeline and audit log keep the moment the demo was loaded.
 */
async function asIfArchivedOn(deps: Deps, id: string, archivedOn: IsoDate, reviewDueOn: IsoDate) {
  await deps.db.update(households).set({ archivedOn, reviewDueOn }).where(eq(households.id, id));
}

async function tell(deps: Deps, officer: Actor, id: string, story: Story, intervalMonths: number) {
  const today = businessDate();
  switch (story.kind) {
    case 'reviewed': {
      const archivedOn = addMonths(today, -story.archivedMonthsAgo);
      await asIfArchivedOn(deps, id, archivedOn, addMonths(archivedOn, intervalMonths));
      await recordAnnualReview(
        deps.db,
        officer,
        id,
        annualReviewBody.parse({
          outcome: story.outcome,
          note: story.note,
          ...(story.incomesFound ? { incomes: annualIncomes(story.incomesFound) } : {}),
        }),
      );
      return;
    }
    case 'overdue':
    case 'dueSoon': {
      const due = addDays(today, story.kind === 'overdue' ? -story.daysAgo : story.inDays);
      await asIfArchivedOn(deps, id, addMonths(due, -intervalMonths), due);
      return;
    }
    case 'monthlyIncome': {
      const archivedOn = addMonths(today, -story.archivedMonthsAgo);
      await asIfArchivedOn(deps, id, archivedOn, addMonths(archivedOn, intervalMonths));
      for (const [k, m] of story.months.entries()) {
        const month = addMonths(`${archivedOn.slice(0, 7)}-01`, k + 1).slice(0, 7);
        await recordMonthlyIncome(
          deps.db,
          officer,
          id,
          incomeRecordBody.parse({
            month,
            incomeFen: m.incomeYuan * 100,
            rigidExpenditureFen: m.rigidYuan * 100,
            note: m.note ?? null,
          }),
        );
      }
      return;
    }
  }
}

/**
 * Loads the archive stories of 望江物业 (accounts jd.wj.wy.*) and 江东环卫 (jd.wj.hw.officer and
 * jd.wj.hw.reviewer), both decided by the street's reviewer jd.wj.reviewer.
 */
export async function loadDemoArchive(deps: Deps, idNumber: (birth: string, sex: Sex) => string) {
  const streetReviewer = await actorOf(deps, 'jd.wj.reviewer');
  const { reviewIntervalMonths } = (await policyInForce(deps.db, '330100', businessDate())) ?? {};
  if (!reviewIntervalMonths) throw new Error('演示数据：临江市（330100）今天没有生效的低保标准');
  const units = [
    { key: 'jd.wj.wy', contact: WY_CONTACT, firstIndex: 10, list: WY_ARCHIVE },
    { key: 'jd.wj.hw', contact: HW_CONTACT, firstIndex: 30, list: HW_ARCHIVE },
  ];
  let count = 0;
  for (const unit of units) {
    const officer = await actorOf(deps, `${unit.key}.officer`);
    const unitReviewer = await actorOf(deps, `${unit.key}.reviewer`);
    for (const [i, h] of unit.list.entries()) {
      const created = await archiveHousehold(
        deps,
        { officer, unitReviewer, streetReviewer },
        idNumber,
        unit.contact,
        unit.firstIndex + i,
        h,
      );
      await tell(deps, officer, created.id, h.story, reviewIntervalMonths);
      count++;
    }
  }
  return { households: count };
}
