import type { IsoDate } from '../../common/dates';
import { formatYuan } from '../../common/money';
import type { Executor } from '../../db/client';
import { RELATION_LABELS } from '../households/households.excel-format';
import type { HouseholdForAid } from '../households/households.usecases';
import { policyInForce } from '../policies/policies.usecases';
import type { ProgramRow } from '../programs/programs.table';
import * as repo from './applications.repository';
import type { ChainStep, DocumentRef, Eligibility, EligibilityCheck } from './applications.table';

/**
 * The aid rules of one application: who may receive aid from a program, and how much at most.
 * Every rule yields a sentence in Chinese, so that the officer (at submission) and the reviewer (in
 * the decision snapshot) read why, not just whether; and the same sentence in English, built beside
 * it from the same figures, for the English interface.
 */

interface Words {
  zh: string;
  en: string;
}

const CATEGORY_LABELS: Record<string, Words> = {
  deep: { zh: '深度困难', en: 'deep hardship' },
  relative: { zh: '相对困难', en: 'relative hardship' },
  sudden: { zh: '意外致困', en: 'sudden hardship' },
  none: { zh: '不符合建档条件', en: 'not eligible for the archive' },
};
const SCHOOL_LEVEL_LABELS: Record<string, Words> = {
  preschool: { zh: '学前', en: 'preschool' },
  primary: { zh: '小学', en: 'primary school' },
  junior_high: { zh: '初中', en: 'junior high school' },
  senior_high: { zh: '高中', en: 'senior high school' },
  vocational: { zh: '中职/高职', en: 'vocational school' },
  university: { zh: '大学', en: 'university' },
};
const RELATION_EN: Record<string, string> = {
  spouse: 'spouse',
  child: 'child',
  parent: 'parent',
  parent_in_law: 'parent-in-law',
  sibling: 'sibling',
  grandparent: 'grandparent',
  grandchild: 'grandchild',
  other: 'other relation',
};
/** The household statuses as the English interface names them. */
const STATUS_EN: Record<string, string> = {
  draft: 'Draft',
  submitted: 'Awaiting grass-roots review',
  grassroots_approved: 'Awaiting upper-level review',
  archived: 'Archived',
  returned: 'Returned',
  rejected: 'Rejected',
  withdrawn: 'Discarded',
  exited: 'Exited',
};
/**
 * The levels a student may be declared at, given the level the archive records: the same, or the next
 * stage (升学 — the admission letter shows it before the archive is updated). 中职 leads to 高职/大学.
 */
const NEXT_LEVELS: Record<string, string[]> = {
  preschool: ['primary'],
  primary: ['junior_high'],
  junior_high: ['senior_high', 'vocational'],
  senior_high: ['university', 'vocational'],
  vocational: ['university'],
  university: [],
};
/** Tuition aid is for the household's children (also grandchildren raised by the employee, 隔代抚养). */
const STUDENT_RELATIONS = new Set(['child', 'grandchild']);
const CAP_KEYS = ['student', 'capPerHousehold', 'capPerYear', 'dibaoMonths'];
const yuan = (fen: number) => `${formatYuan(fen)} 元`;
const yuanEn = (fen: number) => `${formatYuan(fen)} yuan`;
const persons = (n: number) => (n === 1 ? '1 person' : `${n} persons`);
const months = (n: number) => (n === 1 ? '1 month' : `${n} months`);
/** A, B and C. */
const listEn = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/** What the rules read of a program. */
export type EligibilityProgram = Pick<
  ProgramRow,
  | 'id'
  | 'name'
  | 'type'
  | 'year'
  | 'categories'
  | 'capPerHouseholdFen'
  | 'capPerYearFen'
  | 'dibaoMonths'
  | 'tuitionCaps'
  | 'requiredDocuments'
  | 'windowStart'
  | 'windowEnd'
>;

export interface AssessInput {
  program: EligibilityProgram;
  programOrgPath: string;
  household: HouseholdForAid;
  amountFen: number;
  documents: DocumentRef[];
  studentMemberId: string | null;
  school: string | null;
  schoolLevel: string | null;
  today: IsoDate;
  /** The application itself, when re-assessing it (its own amount does not count against it). */
  exceptId: string | null;
  /**
   * `submission`: every rule. `resubmission` (a returned application, corrected): not the window — the
   * application was received within it, and review and publicity often end after it — but the
   * documents again. `review`: the window and documents were checked at submission; the rest again.
   */
  stage: 'submission' | 'resubmission' | 'review';
}

/**
 * The figures the caps need besides the program and the household, read from the database: what the
 * household holds already (the application itself excluded) and the 低保 standard in force. Only the
 * figures of the caps the program has are read.
 */
export interface EligibilityFigures {
  usedInProgramFen: number | null;
  approvedInYearFen: number | null;
  policy: { id: string; dibaoFen: number } | null;
}

/** An assessment made now: its English sentence is always there (stored ones may predate it). */
export type Assessment = Eligibility & { explanationEn: string };

export async function assessEligibility(tx: Executor, input: AssessInput): Promise<Assessment> {
  const { program: p, household: h, today } = input;
  // One query after another: a transaction's connection runs one query at a time.
  const figures: EligibilityFigures = {
    usedInProgramFen:
      p.capPerHouseholdFen === null
        ? null
        : await repo.householdUsedInProgram(tx, h.id, p.id, input.exceptId),
    approvedInYearFen:
      p.capPerYearFen === null ? null : await repo.householdApprovedInYear(tx, h.id, p.year, input.exceptId),
    policy: p.dibaoMonths === null ? null : ((await policyInForce(tx, h.employerRegionCode, today)) ?? null),
  };
  return judgeEligibility(input, figures);
}

/** The rules themselves, on figures already read (the approval reads them with everything else at once). */
export function judgeEligibility(input: AssessInput, figures: EligibilityFigures): Assessment {
  const { program: p, household: h, today } = input;
  const checks: EligibilityCheck[] = [];
  const add = (key: string, ok: boolean, message: Words) =>
    checks.push({ key, ok, message: message.zh, messageEn: message.en });
  const inputs: Record<string, unknown> = {
    category: h.category,
    householdSize: h.householdSize,
    decisionId: h.decisionId,
    amountFen: input.amountFen,
    today,
  };

  add(
    'archived',
    h.archived,
    h.archived
      ? { zh: '该户已建档', en: 'The household is archived' }
      : {
          zh: `该户档案当前为“${h.statusLabel}”，须先建档、后帮扶`,
          en: `The household’s archive is “${STATUS_EN[h.status] ?? h.status}”: aid is given only to archived households`,
        },
  );
  const covered = h.employerPath.startsWith(input.programOrgPath);
  add(
    'coverage',
    covered,
    covered
      ? {
          zh: `所在单位“${h.employerName}”在项目实施范围内`,
          en: `The employer “${h.employerName}” is within the program’s coverage`,
        }
      : {
          zh: `所在单位“${h.employerName}”不在项目“${p.name}”的实施范围内`,
          en: `The employer “${h.employerName}” is outside the coverage of the program “${p.name}”`,
        },
  );
  const category = h.category ?? 'none';
  const categoryOk = (p.categories as string[]).includes(category);
  const served = p.categories.map((c) => CATEGORY_LABELS[c]!);
  add(
    'category',
    categoryOk,
    categoryOk
      ? {
          zh: `困难类别为${CATEGORY_LABELS[category]!.zh}，属于本项目帮扶对象`,
          en: `The category is ${CATEGORY_LABELS[category]!.en}, which this program aids`,
        }
      : {
          zh: `困难类别为${h.category ? CATEGORY_LABELS[category]!.zh : '未认定'}，本项目只帮扶${served.map((c) => c.zh).join('、')}职工家庭`,
          en: `The category is ${h.category ? CATEGORY_LABELS[category]!.en : 'not assessed'}; this program aids only households in ${listEn(served.map((c) => c.en))}`,
        },
  );

  if (input.stage === 'submission') {
    const open = p.windowStart <= today && today <= p.windowEnd;
    add('window', open, {
      zh: `申报期为 ${p.windowStart} 至 ${p.windowEnd}，今天（${today}）${open ? '在' : '不在'}申报期内`,
      en: `Applications are taken from ${p.windowStart} to ${p.windowEnd}; today (${today}) is ${open ? 'within' : 'outside'} that period`,
    });
  }
  if (input.stage !== 'review') {
    const given = new Set(input.documents.map((d) => d.name));
    const missing = p.requiredDocuments.filter((name) => !given.has(name));
    if (p.requiredDocuments.length)
      add(
        'documents',
        missing.length === 0,
        missing.length
          ? {
              zh: `缺少所需材料：${missing.join('、')}`,
              en: `Required documents missing: ${missing.join(', ')}`,
            }
          : { zh: '所需材料齐全', en: 'All required documents are attached' },
      );
  }

  const limits: number[] = [];
  if (p.type === 'tuition') {
    const student = h.members.find((m) => m.id === input.studentMemberId);
    const recorded = student?.schoolLevel ?? null;
    const level = input.schoolLevel ?? recorded;
    const cap = level ? p.tuitionCaps?.[level] : undefined;
    const levelLabel = (l: string): Words => SCHOOL_LEVEL_LABELS[l] ?? { zh: l, en: l };
    inputs.schoolLevel = level;
    inputs.recordedSchoolLevel = recorded;
    if (!student)
      add('student', false, {
        zh: '金秋助学须选择本户家庭成员中的在读学生',
        en: 'Autumn tuition aid needs a student chosen from the household’s family members',
      });
    else if (!STUDENT_RELATIONS.has(student.relation) && !recorded)
      add('student', false, {
        zh: `“${student.name}”（${RELATION_LABELS[student.relation as keyof typeof RELATION_LABELS] ?? student.relation}）不是本户在读子女，档案中也未登记其在读学段：金秋助学资助困难职工家庭的在读子女`,
        en: `“${student.name}” (${RELATION_EN[student.relation] ?? student.relation}) is not a child of the household at school, and the archive records no school level for them: autumn tuition aid is for the children at school of households in hardship`,
      });
    else if (recorded && level && level !== recorded && !NEXT_LEVELS[recorded]?.includes(level))
      add('student', false, {
        zh: `学生“${student.name}”档案登记为${levelLabel(recorded).zh}，申报${levelLabel(level).zh}与之不符（升学只能申报下一学段）；学段有变的，请先更新档案中的家庭成员信息`,
        en: `The archive records the student “${student.name}” at ${levelLabel(recorded).en}; applying for ${levelLabel(level).en} does not match it (a student moving up may apply only for the next stage). If the school level has changed, first update the family member in the archive`,
      });
    else if (!level || cap === undefined)
      add('student', false, {
        zh: `学生“${student.name}”的学段${level ? `（${levelLabel(level).zh}）` : ''}不在本项目资助范围内`,
        en: `The school level of the student “${student.name}”${level ? ` (${levelLabel(level).en})` : ''} is not covered by this program`,
      });
    else {
      limits.push(cap);
      const promoted = recorded && level !== recorded;
      add('student', true, {
        zh: `学生“${student.name}”就读${levelLabel(level).zh}${promoted ? `（档案登记为${levelLabel(recorded).zh}，按升学申报）` : ''}，资助标准 ${yuan(cap)}`,
        en: `The student “${student.name}” attends ${levelLabel(level).en}${promoted ? ` (recorded in the archive at ${levelLabel(recorded).en}, applying after moving up)` : ''}; the aid for this level is ${yuanEn(cap)}`,
      });
    }
    const school = input.school?.trim();
    add(
      'school',
      Boolean(school),
      school
        ? { zh: `就读学校：${school}`, en: `School: ${school}` }
        : {
            zh: '金秋助学须填写就读（录取）学校',
            en: 'Autumn tuition aid needs the school attended (or admitted to)',
          },
    );
  }
  if (p.capPerHouseholdFen !== null) {
    const used = figures.usedInProgramFen ?? 0;
    const left = Math.max(p.capPerHouseholdFen - used, 0);
    inputs.usedInProgramFen = used;
    limits.push(left);
    add('capPerHousehold', true, {
      zh: `本项目每户最高 ${yuan(p.capPerHouseholdFen)}，该户在本项目已占用 ${yuan(used)}，尚可 ${yuan(left)}`,
      en: `This program gives at most ${yuanEn(p.capPerHouseholdFen)} per household; the household has used ${yuanEn(used)} of it, ${yuanEn(left)} remains`,
    });
  }
  if (p.capPerYearFen !== null) {
    const approved = figures.approvedInYearFen ?? 0;
    const left = Math.max(p.capPerYearFen - approved, 0);
    inputs.approvedInYearFen = approved;
    limits.push(left);
    add('capPerYear', true, {
      zh: `每户每年各项目合计最高 ${yuan(p.capPerYearFen)}，该户 ${p.year} 年已获批 ${yuan(approved)}，尚可 ${yuan(left)}`,
      en: `All programs together give at most ${yuanEn(p.capPerYearFen)} per household a year; the household was approved ${yuanEn(approved)} in ${p.year}, ${yuanEn(left)} remains`,
    });
  }
  if (p.dibaoMonths !== null) {
    const policy = figures.policy;
    if (!policy) {
      add('dibaoMonths', false, {
        zh: `所在地区 ${h.employerRegionCode} 今天没有生效的低保标准，无法计算“${p.dibaoMonths} 个月低保”上限`,
        en: `Region ${h.employerRegionCode} has no dibao standard in force today, so the limit of ${months(p.dibaoMonths)} of dibao cannot be computed`,
      });
    } else {
      const cap = policy.dibaoFen * p.dibaoMonths * h.householdSize;
      inputs.policyId = policy.id;
      inputs.dibaoFen = policy.dibaoFen;
      limits.push(cap);
      add('dibaoMonths', true, {
        zh: `不超过 ${p.dibaoMonths} 个月低保：${yuan(policy.dibaoFen)} × ${p.dibaoMonths} 个月 × ${h.householdSize} 人 = ${yuan(cap)}`,
        en: `At most ${months(p.dibaoMonths)} of dibao: ${yuanEn(policy.dibaoFen)} × ${months(p.dibaoMonths)} × ${persons(h.householdSize)} = ${yuanEn(cap)}`,
      });
    }
  }
  const limitFen = limits.length ? Math.min(...limits) : null;
  if (limitFen !== null) {
    const within = input.amountFen <= limitFen;
    add(
      'amount',
      within,
      within
        ? {
            zh: `申请金额 ${yuan(input.amountFen)}，未超过上限 ${yuan(limitFen)}`,
            en: `The amount requested, ${yuanEn(input.amountFen)}, is within the limit of ${yuanEn(limitFen)}`,
          }
        : {
            zh: `申请金额 ${yuan(input.amountFen)}，超过上限 ${yuan(limitFen)}`,
            en: `The amount requested, ${yuanEn(input.amountFen)}, is over the limit of ${yuanEn(limitFen)}`,
          },
    );
  }

  const eligible = checks.every((c) => c.ok);
  // A refusal names what failed; an amount over the limit also names the caps that set the limit.
  const amountFailed = checks.some((c) => c.key === 'amount' && !c.ok);
  const shown = eligible ? checks : checks.filter((c) => !c.ok || (amountFailed && CAP_KEYS.includes(c.key)));
  return {
    eligible,
    limitFen,
    checks,
    explanation: `${shown.map((c) => c.message).join('；')}。`,
    explanationEn: `${shown.map((c) => c.messageEn).join('. ')}.`,
    inputs,
  };
}

/**
 * The units that decide, for this household: for each level of the program's chain, the unit of that
 * level on the path from the root to the household's employer. A level the path lacks (a union that
 * reports straight to the district has no township) is skipped.
 */
export async function resolveChain(
  tx: Executor,
  program: Pick<ProgramRow, 'reviewChain'>,
  employerPath: string,
): Promise<ChainStep[]> {
  const units = await repo.orgsByIds(tx, employerPath.split('/').filter(Boolean));
  return program.reviewChain.flatMap((level) => {
    const unit = units.find((u) => u.level === level);
    return unit ? [{ level, orgId: unit.id, orgName: unit.name }] : [];
  });
}
