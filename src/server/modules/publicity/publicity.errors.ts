import { defineErrors } from '../../common/errors';

export const PublicityErrors = defineErrors({
  PUBLICITY_NOT_FOUND: {
    status: 404,
    zh: '未找到该公示，或不在您的管辖范围内',
    en: 'No such publicity notice in your scope',
  },
  PUBLIC_NOTICE_NOT_FOUND: {
    status: 404,
    zh: '公示不存在或已撤回',
    en: 'This notice does not exist or was withdrawn',
  },
  OBJECTION_NOT_FOUND: {
    status: 404,
    zh: '未找到该异议，或不在您的管辖范围内',
    en: 'No such objection in your scope',
  },
  PUBLICITY_NOT_OWNER: {
    status: 403,
    zh: '公示由项目所属单位（{org}）及其上级发布和处理，您所在单位只能查看',
    en: 'Notices are published and handled by the owning unit ({org}) and above; your unit may only view them',
  },
  PUBLICITY_NOT_REQUIRED: {
    status: 409,
    zh: '项目“{name}”设置的公示天数为 0，无需公示，审批通过后即可发放',
    en: 'Program "{name}" has 0 publicity days: no notice is needed',
  },
  PUBLICITY_START_IN_PAST: {
    status: 400,
    zh: '公示开始日期（{start}）不能早于今天（{today}）',
    en: 'The notice cannot start ({start}) before today ({today})',
  },
  PUBLICITY_TOO_SHORT: {
    status: 400,
    zh: '本项目公示期不少于 {days} 天：{start} 起最早到 {minEnd} 结束',
    en: 'This program requires at least {days} days of publicity: from {start} the earliest end is {minEnd}',
  },
  PUBLICITY_NOTHING_TO_PUBLISH: {
    status: 409,
    zh: '没有可公示的申请：已批准的申请都已在公示中，或尚无批准的申请',
    en: 'Nothing to publish: every approved application is already on a notice, or none is approved',
  },
  PUBLICITY_NOT_PUBLISHABLE: {
    status: 409,
    zh: '有 {count} 件申请不能公示（未批准、不属于本项目，或已在其他公示中），请刷新后重新选择',
    en: '{count} applications cannot be published (not approved, of another program, or already on a notice)',
  },
  PUBLICITY_ALREADY_LISTED: {
    status: 409,
    zh: '所选申请刚刚已被列入另一份公示，请刷新后重试',
    en: 'An application was just put on another notice; reload and retry',
  },
  PUBLICITY_WITHDRAWN: {
    status: 409,
    zh: '该公示已于 {at} 撤回，不能再{action}',
    en: 'This notice was withdrawn on {at}; cannot {actionEn}',
  },
  PUBLICITY_PAID: {
    status: 409,
    zh: '公示名单中已有 {count} 人进入发放（待发或已发），不能撤回公示',
    en: '{count} people on this notice are already in a payment batch (pending or paid): it cannot be withdrawn',
  },
  OBJECTION_OUTSIDE_PERIOD: {
    status: 409,
    zh: '异议只能在公示期内（{start} 至 {end}）登记，今天是 {today}',
    en: 'Objections are accepted only during the period ({start} to {end}); today is {today}',
  },
  OBJECTION_ENTRY_NOT_LISTED: {
    status: 400,
    zh: '所选公示对象不在本公示名单中（或已被移出名单）',
    en: 'The chosen person is not (or no longer) on this notice',
  },
  OBJECTION_ALREADY_RESOLVED: {
    status: 409,
    zh: '该异议已处理（{status}），不能重复处理',
    en: 'This objection is already resolved ({statusEn})',
  },
  OBJECTION_OWN_RECORD: {
    status: 403,
    zh: '异议由您本人登记，须由其他审核人员核实处理',
    en: 'You recorded this objection: another reviewer must resolve it',
  },
  OBJECTION_OUTCOME_REQUIRED: {
    status: 400,
    zh: '针对具体对象的异议成立时，请选择退回经办补充材料还是不予通过',
    en: 'An upheld objection against a person needs an outcome: return or reject',
  },
  OBJECTION_APPLICATION_CHANGED: {
    status: 409,
    zh: '该对象的申请当前状态为“{status}”，不是已批准，无法按异议成立处理；请核实后按不成立处理或刷新',
    en: 'The application is {statusEn}, not approved: the objection cannot be upheld against it',
  },
  OBJECTION_APPLICATION_IN_PAYMENT: {
    status: 409,
    zh: '该对象的补助已进入发放（待发或已发），不能再按异议成立退回或不予通过，请按发放追回流程处理',
    en: 'The aid of this person is already in a payment batch: the objection cannot undo the approval',
  },
  OBJECTION_OUTCOME_NOT_APPLICABLE: {
    status: 400,
    zh: '针对整个公示的异议成立时，该公示将被撤回，不能选择退回或不予通过',
    en: 'An upheld objection against the whole notice withdraws it: no outcome applies',
  },
});
