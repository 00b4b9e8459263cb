import { defineErrors } from '../../common/errors';

export const PolicyErrors = defineErrors({
  POLICY_NOT_FOUND: { status: 404, zh: '未找到该政策版本', en: 'No such policy version' },
  POLICY_NOT_IN_FORCE: {
    status: 404,
    zh: '地区 {regionCode} 在 {date} 没有生效的帮扶政策（低保标准），请先由管理员设置',
    en: 'No policy in force for region {regionCode} on {date}',
  },
  POLICY_VERSION_EXISTS: {
    status: 409,
    zh: '地区 {regionCode} 已有 {date} 生效的政策版本；政策版本不能修改，请选择其他生效日期',
    en: 'Region {regionCode} already has a version effective {date}; versions cannot be changed',
  },
  POLICY_LEVEL_NOT_ALLOWED: {
    status: 403,
    zh: '低保标准等地方政策由区县及以上总工会设置，“{unit}”不能设置；如标准有变化，请联系上级总工会',
    en: 'Local policies are set by district (county) federations and above; “{unit}” may not set them',
  },
  POLICY_REGION_OUT_OF_SCOPE: {
    status: 403,
    zh: '只能为本单位所辖地区（{own}）设置政策',
    en: 'You may set policies only for the regions of your unit ({own})',
  },
});
