import { defineErrors } from '../../common/errors';

export const ApplicationErrors = defineErrors({
  APPLICATION_NOT_FOUND: {
    status: 404,
    zh: '未找到该帮扶申请，或不在您的管辖范围内',
    en: 'No such aid application in your scope',
  },
  APPLICATION_NOT_ELIGIBLE: {
    status: 409,
    zh: '不符合申请条件：{explanation}',
    en: 'Not eligible: {explanationEn}',
  },
  APPLICATION_DUPLICATE: {
    status: 409,
    zh: '该户（或该学生）在本项目中已有申请，不能重复申请',
    en: 'This household (or student) already has a live application in this program',
  },
  APPLICATION_NO_REVIEW_UNIT: {
    status: 409,
    zh: '该户所在单位之上没有项目审核环节（{chain}）对应的单位',
    en: 'No unit above the household matches the review chain ({chain})',
  },
  APPLICATION_WRONG_STATE: {
    status: 409,
    zh: '申请当前为“{status}”状态，不能{action}',
    en: 'Cannot {actionEn} an application in status {statusEn}',
  },
  APPLICATION_WRONG_LEVEL: {
    status: 403,
    zh: '此环节为{level}审核，应由“{unit}”的审核人员办理',
    en: 'This is the {levelEn} review step, for reviewers of "{unit}"',
  },
  APPLICATION_OWN_ENTRY: {
    status: 403,
    zh: '不能审核自己录入或提交的申请',
    en: 'You cannot review an application you entered or submitted',
  },
  APPLICATION_ALREADY_DECIDED: {
    status: 403,
    zh: '您已在{level}环节审核过该申请，不能再在另一环节审核',
    en: 'You already decided on this application at the {levelEn} step',
  },
  APPLICATION_AMOUNT_RAISED: {
    status: 400,
    zh: '核定金额 {amount} 元不能高于申请金额或上一环节核定的 {previous} 元',
    en: 'The amount {amount} yuan cannot exceed the requested or previously agreed {previous} yuan',
  },
  APPLICATION_OVER_CAP: {
    status: 409,
    zh: '核定金额 {amount} 元超过该户本次可获帮扶的上限 {limit} 元：{explanation}',
    en: 'The amount {amount} yuan exceeds the limit of {limit} yuan this household may receive now: {explanationEn}',
  },
  APPLICATION_DOCUMENT_NOT_FOUND: {
    status: 404,
    zh: '材料“{name}”对应的文件不存在，或不在您的管辖范围内',
    en: 'The file of document "{name}" does not exist in your scope',
  },
});
