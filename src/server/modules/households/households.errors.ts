import { defineErrors } from '../../common/errors';

export const HouseholdErrors = defineErrors({
  HOUSEHOLD_NOT_FOUND: {
    status: 404,
    zh: '未找到该困难职工档案，或不在您的管辖范围内',
    en: 'No such household in your scope',
  },
  HOUSEHOLD_EMPLOYER_NOT_GRASSROOTS: {
    status: 400,
    zh: '所在单位须为启用中的基层工会',
    en: 'The employer must be an active grass-roots union',
  },
  HOUSEHOLD_DUPLICATE_ID: {
    status: 409,
    zh: '身份证号 {idMasked} 已在“{unit}”的困难职工档案中，同一身份证号在全市只能有一份有效档案',
    en: 'ID {idMasked} already belongs to a live archive of "{unit}"; one live archive per ID number',
  },
  HOUSEHOLD_EXITED_ARCHIVE: {
    status: 409,
    zh: '身份证号 {idMasked} 的职工在“{unit}”已有一份已脱困的档案。一户一档：再次困难请在原档案办理返困，不要新建档案',
    en: 'The employee with ID {idMasked} has an exited archive at "{unit}". One archive per household: if in hardship again, re-open that archive (relapse) instead of creating a new one',
  },
  HOUSEHOLD_ID_REPEATED: {
    status: 400,
    zh: '身份证号 {idMasked} 在本户中重复填写',
    en: 'ID {idMasked} appears twice in this household',
  },
  HOUSEHOLD_NOT_EDITABLE: {
    status: 409,
    zh: '档案当前为“{status}”状态，只有草稿或退回补充的档案可以修改',
    en: 'Only draft or returned households can be edited (status: {status})',
  },
  HOUSEHOLD_WRONG_STATE: {
    status: 409,
    zh: '档案当前为“{status}”状态，不能{action}',
    en: 'Cannot {actionEn} a household in status {statusEn}',
  },
  HOUSEHOLD_WRONG_LEVEL: {
    status: 403,
    zh: '此环节为{level}审核，应由“{unit}”的审核人员办理',
    en: 'This is the {levelEn} review step, for reviewers of "{unit}"',
  },
  HOUSEHOLD_OWN_ENTRY: {
    status: 403,
    zh: '不能审核自己录入、修改或提交的档案',
    en: 'You cannot review a household you entered, edited or submitted',
  },
  HOUSEHOLD_ALREADY_DECIDED: {
    status: 403,
    zh: '您已在{level}环节审核过该档案，不能再在另一环节审核',
    en: 'You already decided on this household at the {levelEn} step',
  },
  HOUSEHOLD_NO_POLICY: {
    status: 409,
    zh: '所在地区 {regionCode} 在 {date} 没有生效的帮扶政策（低保标准），暂不能认定困难类别，请联系管理员设置',
    en: 'No policy in force for region {regionCode} on {date}; the category cannot be computed',
  },
  HOUSEHOLD_NOT_ELIGIBLE: {
    status: 409,
    zh: '按现行政策不符合建档条件：{explanation}',
    en: 'Not eligible under the policy in force: {explanationEn}',
  },
  HOUSEHOLD_CAUSE_REQUIRED: {
    status: 400,
    zh: '提交前请至少选择一项致困原因',
    en: 'Choose at least one cause of hardship before submitting',
  },
  HOUSEHOLD_FIELD_EMPTY: {
    status: 404,
    zh: '该档案没有填写{field}',
    en: 'The household has no {fieldEn}',
  },
  HOUSEHOLD_MONTH_IN_FUTURE: {
    status: 400,
    zh: '不能登记未来月份（{month}）的收入：本月为 {current}，只能登记本月及以前月份的收入',
    en: 'Cannot record income for a future month ({month}); the current month is {current}',
  },
  HOUSEHOLD_MEMBER_NOT_FOUND: {
    status: 404,
    zh: '该档案中没有这位家庭成员',
    en: 'No such family member in this household',
  },
});
