import { defineErrors } from '../../common/errors';

export const ProgramErrors = defineErrors({
  PROGRAM_NOT_FOUND: {
    status: 404,
    zh: '未找到该帮扶项目，或不在您的管辖范围内',
    en: 'No such aid program in your scope',
  },
  PROGRAM_CHAIN_ABOVE_OWNER: {
    status: 400,
    zh: '审核环节不能高于项目所属单位（{level}）',
    en: 'Review levels cannot be above the owning unit ({levelEn})',
  },
  PROGRAM_TUITION_CAPS_REQUIRED: {
    status: 400,
    zh: '金秋助学项目必须按学段设置资助标准',
    en: 'A tuition program needs caps per school level',
  },
  PROGRAM_RULES_LOCKED: {
    status: 409,
    zh: '项目已有 {count} 件申请，只能修改申报时间、所需材料和名称，不能再修改：{fields}',
    en: 'The program has {count} applications: only the window, documents and name may change, not {fieldsEn}',
  },
  PROGRAM_WINDOW_INVALID: {
    status: 400,
    zh: '申报截止日期（{end}）不能早于开始日期（{start}）',
    en: 'The window end ({end}) cannot be before its start ({start})',
  },
  PROGRAM_BUDGET_EXCEEDED: {
    status: 409,
    zh: '项目“{name}”的资金余额不足：剩余 {remaining} 元，本次需要 {amount} 元',
    en: 'Program "{name}" has {remaining} yuan left, {amount} yuan needed',
  },
  PROGRAM_SOURCE_NOT_ALLOCATED: {
    status: 404,
    zh: '资金来源“{name}”没有安排资金给本项目',
    en: 'Fund source "{name}" has not allocated money to this program',
  },
  PROGRAM_RETURN_OVER_UNPROMISED: {
    status: 409,
    zh: '资金来源“{name}”安排给本项目 {allocated} 元，其中 {approved} 元已批给申请，不能退回；最多只能退回 {max} 元，本次要退回 {amount} 元',
    en: 'Fund source "{name}" allocated {allocated} yuan, of which {approved} yuan is approved to applications and cannot be returned: at most {max} yuan, not {amount} yuan',
  },
});
