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
 * the decision snapshot) read why, not just whether.
 */

const CATEGORY_LABELS: Record<string, string> = {
  deep: '深度困难',
  relative: '相对困难',
  sudden: '意外致困',
  none: '不符合建档条件',
};
const SCHOOL_LEVEL_LABELS: Record<string, string> = {
  preschool: '学前',
  primary: '小学',
  junior_high: '初中',
  senior_high: '高中',
  vocational: '中职/高职',
  university: '大学',
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

export async function assessEligibility(tx: Executor, input: AssessInput): Promise<Eligibility> {
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
export function judgeEligibility(input: AssessInput, figures: EligibilityFigures): Eligibility {
  const { program: p, household: h, today } = input;
  const checks: EligibilityCheck[] = [];
  const add = (key: string, ok: boolean, message: string) => checks.push({ key, ok, message });
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
    h.archived ? '该户已建档' : `该户档案当前为“${h.statusLabel}”，须先建档、后帮扶`,
  );
  const covered = h.employerPath.startsWith(input.programOrgPath);
  add(
    'coverage',
    covered,
    covered
      ? `所在单位“${h.employerName}”在项目实施范围内`
      : `所在单位“${h.employerName}”不在项目“${p.name}”的实施范围内`,
  );
  const category = h.category ?? 'none';
  const categoryOk = (p.categories as string[]).includes(category);
  add(
    'category',
    categoryOk,
    categoryOk
      ? `困难类别为${CATEGORY_LABELS[category]}，属于本项目帮扶对象`
      : `困难类别为${h.category ? CATEGORY_LABELS[category] : '未认定'}，本项目只帮扶${p.categories.map((c) => CATEGORY_LABELS[c]).join('、')}职工家庭`,
  );

  if (input.stage === 'submission') {
    const open = p.windowStart <= today && today <= p.windowEnd;
    add(
      'window',
      open,
      `申报期为 ${p.windowStart} 至 ${p.windowEnd}，今天（${today}）${open ? '在' : '不在'}申报期内`,
    );
  }
  if (input.stage !== 'review') {
    const given = new Set(input.documents.map((d) => d.name));
    const missing = p.requiredDocuments.filter((name) => !given.has(name));
    if (p.requiredDocuments.length)
      add(
        'documents',
        missing.length === 0,
        missing.length ? `缺少所需材料：${missing.join('、')}` : '所需材料齐全',
      );
  }

  const limits: number[] = [];
  if (p.type === 'tuition') {
    const student = h.members.find((m) => m.id === input.studentMemberId);
    const recorded = student?.schoolLevel ?? null;
    const level = input.schoolLevel ?? recorded;
    const cap = level ? p.tuitionCaps?.[level] : undefined;
    const levelLabel = (l: string) => SCHOOL_LEVEL_LABELS[l] ?? l;
    inputs.schoolLevel = level;
    inputs.recordedSchoolLevel = recorded;
    if (!student) add('student', false, '金秋助学须选择本户家庭成员中的在读学生');
    else if (!STUDENT_RELATIONS.has(student.relation) && !recorded)
      add(
        'student',
        false,
        `“${student.name}”（${RELATION_LABELS[student.relation as keyof typeof RELATION_LABELS] ?? student.relation}）不是本户在读子女，档案中也未登记其在读学段：金秋助学资助困难职工家庭的在读子女`,
      );
    else if (recorded && level && level !== recorded && !NEXT_LEVELS[recorded]?.includes(level))
      add(
        'student',
        false,
        `学生“${student.name}”档案登记为${levelLabel(recorded)}，申报${levelLabel(level)}与之不符（升学只能申报下一学段）；学段有变的，请先更新档案中的家庭成员信息`,
      );
    else if (!level || cap === undefined)
      add(
        'student',
        false,
        `学生“${student.name}”的学段${level ? `（${levelLabel(level)}）` : ''}不在本项目资助范围内`,
      );
    else {
      limits.push(cap);
      const promoted =
        recorded && level !== recorded ? `（档案登记为${levelLabel(recorded)}，按升学申报）` : '';
      add('student', true, `学生“${student.name}”就读${levelLabel(level)}${promoted}，资助标准 ${yuan(cap)}`);
    }
    const school = input.school?.trim();
    add('school', Boolean(school), school ? `就读学校：${school}` : '金秋助学须填写就读（录取）学校');
  }
  if (p.capPerHouseholdFen !== null) {
    const used = figures.usedInProgramFen ?? 0;
    const left = Math.max(p.capPerHouseholdFen - used, 0);
    inputs.usedInProgramFen = used;
    limits.push(left);
    add(
      'capPerHousehold',
      true,
      `本项目每户最高 ${yuan(p.capPerHouseholdFen)}，该户在本项目已占用 ${yuan(used)}，尚可 ${yuan(left)}`,
    );
  }
  if (p.capPerYearFen !== null) {
    const approved = figures.approvedInYearFen ?? 0;
    const left = Math.max(p.capPerYearFen - approved, 0);
    inputs.approvedInYearFen = approved;
    limits.push(left);
    add(
      'capPerYear',
      true,
      `每户每年各项目合计最高 ${yuan(p.capPerYearFen)}，该户 ${p.year} 年已获批 ${yuan(approved)}，尚可 ${yuan(left)}`,
    );
  }
  if (p.dibaoMonths !== null) {
    const policy = figures.policy;
    if (!policy) {
      add(
        'dibaoMonths',
        false,
        `所在地区 ${h.employerRegionCode} 今天没有生效的低保标准，无法计算“${p.dibaoMonths} 个月低保”上限`,
      );
    } else {
      const cap = policy.dibaoFen * p.dibaoMonths * h.householdSize;
      inputs.policyId = policy.id;
      inputs.dibaoFen = policy.dibaoFen;
      limits.push(cap);
      add(
        'dibaoMonths',
        true,
        `不超过 ${p.dibaoMonths} 个月低保：${yuan(policy.dibaoFen)} × ${p.dibaoMonths} 个月 × ${h.householdSize} 人 = ${yuan(cap)}`,
      );
    }
  }
  const limitFen = limits.length ? Math.min(...limits) : null;
  if (limitFen !== null) {
    const within = input.amountFen <= limitFen;
    add(
      'amount',
      within,
      within
        ? `申请金额 ${yuan(input.amountFen)}，未超过上限 ${yuan(limitFen)}`
        : `申请金额 ${yuan(input.amountFen)}，超过上限 ${yuan(limitFen)}`,
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
