import { defineErrors } from '../../common/errors';

export const FundErrors = defineErrors({
  FUND_NOT_FOUND: {
    status: 404,
    zh: '未找到该资金来源，或不在您的管辖范围内',
    en: 'No such fund source in your scope',
  },
  FUND_INSUFFICIENT: {
    status: 409,
    zh: '资金来源“{name}”尚未安排的金额只有 {remaining} 元，不能再安排 {amount} 元（专款专用，每一分钱只能安排一次）',
    en: 'Fund source "{name}" has only {remaining} yuan unallocated, {amount} yuan requested',
  },
  FUND_WRONG_YEAR: {
    status: 409,
    zh: '资金来源“{name}”是 {sourceYear} 年度的资金，不能安排给 {programYear} 年度的项目',
    en: 'Fund source "{name}" belongs to {sourceYear}, the program to {programYear}',
  },
  FUND_BELOW_ALLOCATED: {
    status: 409,
    zh: '资金来源“{name}”已安排给项目 {allocated} 元，到账金额不能改为少于该数的 {amount} 元',
    en: 'Fund source "{name}" has {allocated} yuan earmarked; the amount cannot become {amount} yuan',
  },
  FUND_NOT_ABOVE_PROGRAM: {
    status: 409,
    zh: '资金来源属于“{unit}”，只能安排给该单位及其下级单位的项目',
    en: 'The fund source belongs to "{unit}" and may fund only programs of that unit or below',
  },
});
