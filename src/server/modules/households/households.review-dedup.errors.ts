import { defineErrors } from '../../common/errors';

/** Errors of duplicate suggestions and annual review (年审, 抽查). */
export const ReviewDedupErrors = defineErrors({
  HOUSEHOLD_SAME_PAIR: {
    status: 400,
    zh: '不能把档案与它自己标记为“非重复”',
    en: 'A household cannot be paired with itself',
  },
  ANNUAL_REVIEW_WRONG_UNIT: {
    status: 403,
    zh: '年审应由档案所在单位“{unit}”的经办人员办理',
    en: 'The annual review is done by officers of "{unit}"',
  },
  ANNUAL_REVIEW_WRONG_STATE: {
    status: 409,
    zh: '档案当前为“{status}”状态，只有已建档的档案需要年审',
    en: 'Only archived households are reviewed (status: {statusEn})',
  },
  ANNUAL_REVIEW_ALREADY_DONE: {
    status: 409,
    zh: '该户已于 {on} 年审（{outcome}），下次年审到期日为 {due}；到期前一个月内（{from} 起）方可再次年审',
    en: 'Already reviewed on {on}; the next review is due on {due} and can be recorded from {from}',
  },
  ANNUAL_REVIEW_EXIT_PENDING: {
    status: 409,
    zh: '该户已于 {on} 提出脱困，正待“{unit}”审核确认；脱困审核前不能年审为“{outcome}”，请待审核人员确认或不同意脱困后再年审',
    en: 'An exit proposed on {on} awaits the decision of "{unit}"; the annual review cannot record "{outcomeEn}" before it is decided',
  },
  ANNUAL_REVIEW_NOT_ELIGIBLE: {
    status: 409,
    zh: '按现行政策已不符合困难条件：{explanation}。请选择“提出脱困”',
    en: 'No longer eligible under the policy in force: {explanationEn} Propose the exit instead',
  },
  REVIEW_SAMPLE_WRONG_LEVEL: {
    status: 403,
    zh: '抽查由上级工会的审核人员办理，基层工会不能抽查',
    en: 'Spot-check samples are drawn by reviewers of an upper level, not of a grass-roots union',
  },
  REVIEW_SAMPLE_EMPTY: {
    status: 409,
    zh: '{year} 年该单位范围内没有已年审的档案，无法抽查',
    en: 'No household of this subtree was reviewed in {year}',
  },
  REVIEW_SAMPLE_NOT_FOUND: {
    status: 404,
    zh: '未找到该抽查批次，或不在您的管辖范围内',
    en: 'No such sample in your scope',
  },
  REVIEW_SAMPLE_ITEM_NOT_FOUND: {
    status: 404,
    zh: '该档案不在此抽查批次中',
    en: 'The household is not in this sample',
  },
  REVIEW_SAMPLE_FINAL: {
    status: 409,
    zh: '“{unit}” {year} 年的抽查样本已登记 {checked} 户的抽查结果，不能重新抽取',
    en: 'The {year} sample of {unit} already has {checked} finding(s) and cannot be redrawn',
  },
  REVIEW_SAMPLE_REDRAW_REASON: {
    status: 400,
    zh: '“{unit}” {year} 年已抽取样本，重新抽取须填写理由（理由记入抽查记录和审计日志）',
    en: '{unit} already has a {year} sample: a redraw needs a reason (kept with the sample and in the audit log)',
  },
  REVIEW_SAMPLE_CONCURRENT: {
    status: 409,
    zh: '{year} 年该单位的抽查样本刚刚已由他人抽取，请刷新后查看',
    en: 'Someone else has just drawn the {year} sample of this unit; reload to see it',
  },
  REVIEW_SAMPLE_SUPERSEDED: {
    status: 409,
    zh: '该抽查样本已被重新抽取的样本替代，请在最新样本上登记抽查结果',
    en: 'This sample was replaced by a new draw; record findings on the current sample',
  },
});
