import { defineErrors } from '../../common/errors';

export const DisbursementErrors = defineErrors({
  DISBURSEMENT_NOT_FOUND: {
    status: 404,
    zh: '未找到该发放批次，或不在您的管辖范围内',
    en: 'No such payment batch in your scope',
  },
  DISBURSEMENT_PROGRAM_NOT_FOUND: {
    status: 404,
    zh: '未找到该项目，或该项目的资金不由您的单位发放（发放须由项目所属单位或其上级单位的财务人员办理）',
    en: 'No such program for you to pay: batches are paid by finance of the program’s unit or a unit above it',
  },
  DISBURSEMENT_APPLICATION_NOT_FOUND: {
    status: 404,
    zh: '有 {count} 份申请不存在、不属于本项目，或不在发放单位的管辖范围内',
    en: '{count} application(s) do not exist, belong to another program or lie outside the paying unit',
  },
  DISBURSEMENT_BLOCKED: {
    status: 409,
    zh: '有 {count} 份申请暂不能发放：{list}',
    en: '{count} application(s) cannot be paid yet',
  },
  DISBURSEMENT_ALREADY_IN_BATCH: {
    status: 409,
    zh: '以下申请已在其他发放批次中（待发放或已发放），不能重复发放：{list}',
    en: 'These applications already have a pending or paid line in a batch: {list}',
  },
  DISBURSEMENT_NO_BANK_ACCOUNT: {
    status: 409,
    zh: '现金发放须有银行账号，以下职工档案中未填写银行账号：{list}',
    en: 'A cash batch needs bank accounts; missing for: {list}',
  },
  DISBURSEMENT_GOODS_QUANTITY: {
    status: 409,
    zh: '按单价 {unitValue} 元折算，以下申请的核定金额不是整数件，无法按实物发放：{list}',
    en: 'At {unitValue} yuan per unit, these approved amounts are not a whole number of units: {list}',
  },
  DISBURSEMENT_WRONG_STATE: {
    status: 409,
    zh: '该批次当前为“{status}”状态，不能{action}',
    en: 'Cannot {actionEn} a batch in status {statusEn}',
  },
  DISBURSEMENT_SAME_PERSON: {
    status: 403,
    zh: '制单人与复核人须分离：本批次由您（{name}）制单，须由另一名财务人员复核后开始发放',
    en: 'Four eyes: you ({name}) prepared this batch, so another finance user must review and issue it',
  },
  DISBURSEMENT_LINE_NOT_FOUND: {
    status: 404,
    zh: '本批次中没有 {count} 条所选的发放明细',
    en: '{count} selected line(s) are not in this batch',
  },
  DISBURSEMENT_LINE_WRONG_STATE: {
    status: 409,
    zh: '第 {position} 行（{name}）当前为“{status}”，不能{action}',
    en: 'Line {position} is {statusEn} and cannot be {actionEn}',
  },
  DISBURSEMENT_APPLICATION_NOT_APPROVED: {
    status: 409,
    zh: '第 {position} 行（{name}）的申请已不再是“已批准”状态，不能确认发放',
    en: 'The application of line {position} is no longer approved',
  },
  DISBURSEMENT_OVER_APPROVED: {
    status: 409,
    zh: '资金来源“{name}”在本项目的已发放金额将超过已批金额，本次确认未执行',
    en: 'Paid out of source "{name}" would exceed what was approved; nothing was confirmed',
  },
  DISBURSEMENT_NOTHING_TO_REBATCH: {
    status: 409,
    zh: '本批次没有可重新发放的失败明细（失败的申请可能已编入其他批次）',
    en: 'This batch has no failed line left to put into a new batch',
  },
});
