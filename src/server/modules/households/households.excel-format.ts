import type { CAUSES, HEALTH_STATUSES, RELATIONS, SCHOOL_LEVELS } from './households.table';

/**
 * The Excel layout shared by the import template, the import parser and the export: Chinese labels
 * of the coded values and the columns of the two data sheets. Labels match the web app's.
 */
export const CAUSE_LABELS: Record<(typeof CAUSES)[number], string> = {
  illness: '患病',
  disability: '残疾',
  schooling: '子女就学',
  unemployment: '下岗失业',
  single_parent: '单亲',
  accident_disaster: '意外/灾害',
  other: '其他',
};
export const RELATION_LABELS: Record<(typeof RELATIONS)[number], string> = {
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  parent_in_law: '岳父母/公婆',
  sibling: '兄弟姐妹',
  grandparent: '祖父母/外祖父母',
  grandchild: '孙子女/外孙子女',
  other: '其他',
};
export const HEALTH_LABELS: Record<(typeof HEALTH_STATUSES)[number], string> = {
  healthy: '健康',
  chronic_illness: '慢性病',
  serious_illness: '重大疾病',
  disability: '残疾',
  other: '其他',
};
export const SCHOOL_LABELS: Record<(typeof SCHOOL_LEVELS)[number], string> = {
  preschool: '学前',
  primary: '小学',
  junior_high: '初中',
  senior_high: '高中',
  vocational: '中职/高职',
  university: '大学',
};
export const CATEGORY_LABELS = {
  deep: '深度困难',
  relative: '相对困难',
  sudden: '意外致困',
  none: '不符合条件',
} as const;

export type ColumnKind = 'text' | 'id' | 'money' | 'date' | 'int';
export interface ImportColumn<K extends string = string> {
  key: K;
  header: string;
  kind: ColumnKind;
  required?: boolean;
  width: number;
  example: string | number;
  /** Dropdown values (a hidden sheet holds the list). */
  list?: readonly string[];
  /** The list offers choices but other text is accepted (several causes in one cell). */
  listAdvisory?: boolean;
  /** Headers of earlier templates, still read (files filled in before a wording change). */
  formerHeaders?: readonly string[];
}

export const MAIN_SHEET = '困难职工';
export const MEMBER_SHEET = '家庭成员';
export const GUIDE_SHEET = '填写说明';
export const LIST_SHEET = '选项';

export const MAIN_COLUMNS = [
  { key: 'name', header: '职工姓名', kind: 'text', required: true, width: 12, example: '张建国' },
  { key: 'idNumber', header: '公民身份号码', kind: 'id', required: true, width: 22, example: '' },
  { key: 'phone', header: '手机号码', kind: 'id', width: 15, example: '13805711234' },
  {
    key: 'employer',
    header: '所在基层工会（统一社会信用代码或单位全称）',
    kind: 'text',
    required: true,
    width: 40,
    example: '恒顺纺织有限公司工会',
  },
  { key: 'job', header: '工作岗位', kind: 'text', width: 12, example: '挡车工' },
  { key: 'memberSince', header: '入会时间', kind: 'date', width: 12, example: '2010-05-01' },
  { key: 'address', header: '家庭住址', kind: 'text', width: 30, example: '江东区望江路 1 号' },
  { key: 'bankAccount', header: '银行账号', kind: 'id', width: 24, example: '6222021234567890123' },
  { key: 'bankName', header: '开户银行', kind: 'text', width: 20, example: '工商银行望江支行' },
  { key: 'householdSize', header: '家庭人口', kind: 'int', width: 10, example: 2 },
  { key: 'wages', header: '年工资收入（元）', kind: 'money', width: 16, example: 32400 },
  { key: 'pension', header: '年养老金（元）', kind: 'money', width: 14, example: 0 },
  { key: 'subsidy', header: '年补贴收入（元）', kind: 'money', width: 16, example: 0 },
  { key: 'otherIncome', header: '其他年收入（元）', kind: 'money', width: 16, example: 0 },
  { key: 'medical', header: '年医疗自付支出（元）', kind: 'money', width: 18, example: 12000 },
  { key: 'education', header: '年教育支出（元）', kind: 'money', width: 16, example: 3000 },
  {
    key: 'causes',
    // 致困原因, as the rest of the product says; templates downloaded before read as well.
    header: '致困原因（多个用、分隔）',
    formerHeaders: ['困难原因（多个用、分隔）'],
    kind: 'text',
    width: 24,
    example: '患病、子女就学',
    list: Object.values(CAUSE_LABELS),
    listAdvisory: true,
  },
  { key: 'situation', header: '情况说明', kind: 'text', width: 40, example: '妻子患病，孩子上高中' },
] as const satisfies readonly ImportColumn[];

export const MEMBER_COLUMNS = [
  {
    key: 'employeeId',
    header: '职工公民身份号码',
    kind: 'id',
    required: true,
    width: 22,
    example: '',
  },
  {
    key: 'relation',
    header: '关系',
    kind: 'text',
    required: true,
    width: 14,
    example: '配偶',
    list: Object.values(RELATION_LABELS),
  },
  { key: 'name', header: '姓名', kind: 'text', required: true, width: 12, example: '李秀英' },
  { key: 'idNumber', header: '公民身份号码', kind: 'id', required: true, width: 22, example: '' },
  {
    key: 'health',
    header: '健康状况',
    kind: 'text',
    width: 12,
    example: '重大疾病',
    list: Object.values(HEALTH_LABELS),
  },
  { key: 'healthNote', header: '健康状况说明', kind: 'text', width: 20, example: '尿毒症透析' },
  {
    key: 'school',
    header: '就学阶段',
    kind: 'text',
    width: 12,
    example: '',
    list: Object.values(SCHOOL_LABELS),
  },
  { key: 'occupation', header: '就学就业情况', kind: 'text', width: 24, example: '无业，在家照料' },
] as const satisfies readonly ImportColumn[];

export type MainKey = (typeof MAIN_COLUMNS)[number]['key'];
export type MemberKey = (typeof MEMBER_COLUMNS)[number]['key'];

/** 年工资收入（元） → 年工资收入: headers are matched without their parenthesised note and spaces. */
export function headerKey(text: string): string {
  return text
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/\s/g, '')
    .trim();
}

const inverted = new WeakMap<object, Map<string, string>>();

/** Label → code; made once per label table (an import looks labels up for every row). */
export function invert<K extends string>(labels: Record<K, string>): ReadonlyMap<string, K> {
  let map = inverted.get(labels);
  if (!map) {
    map = new Map(Object.entries(labels).map(([k, v]) => [v as string, k]));
    inverted.set(labels, map);
  }
  return map as ReadonlyMap<string, string> as ReadonlyMap<string, K>;
}
