import { defineErrors } from '../../common/errors';

export const OrgErrors = defineErrors({
  ORG_NOT_FOUND: {
    status: 404,
    zh: '未找到该单位，或不在您的管辖范围内',
    en: 'No such org unit in your scope',
  },
  ORG_PARENT_INACTIVE: {
    status: 409,
    zh: '上级单位已停用，不能在其下新建或移入单位',
    en: 'The parent unit is deactivated',
  },
  ORG_LEVEL_NOT_BELOW_PARENT: {
    status: 400,
    zh: '单位级别必须低于上级单位（{parentLevel}）',
    en: 'The unit level must be below its parent ({parentLevel})',
  },
  ORG_GRASSROOTS_FIELDS_REQUIRED: {
    status: 400,
    zh: '基层工会必须填写用人单位名称和统一社会信用代码',
    en: 'A grass-roots union needs the employer name and USCC',
  },
  ORG_EMPLOYER_FIELDS_ONLY_GRASSROOTS: {
    status: 400,
    zh: '只有基层工会才填写用人单位、统一社会信用代码和会员人数',
    en: 'Employer, USCC and member count apply to grass-roots unions only',
  },
  ORG_USCC_TAKEN: {
    status: 409,
    zh: '统一社会信用代码 {uscc} 已被“{name}”使用',
    en: 'USCC {uscc} already belongs to "{name}"',
  },
  ORG_MOVE_CYCLE: {
    status: 409,
    zh: '不能把单位移动到它自己或其下级单位之下',
    en: 'A unit cannot move under itself or its descendants',
  },
  ORG_REGION_OUT_OF_SCOPE: {
    status: 403,
    zh: '行政区划代码 {code} 不在本单位（{own}）的辖区内：只能为本辖区的单位填写本辖区的代码',
    en: "Region code {code} is outside your unit's region ({own})",
  },
  ORG_OWN_REGION: {
    status: 403,
    zh: '不能修改本人所在单位的行政区划代码（它决定本单位适用和可以制定的低保标准），请由上级单位修改',
    en: "Your own unit's region code can only be changed from above",
  },
  ORG_OWN_UNIT: {
    status: 403,
    zh: '不能移动或停用本人所在单位，请由上级单位操作',
    en: 'Your own unit can only be moved or deactivated from above',
  },
  ORG_HAS_ACTIVE_CHILDREN: {
    status: 409,
    zh: '该单位还有 {count} 个启用的下级单位，请先停用或移走它们',
    en: 'The unit still has {count} active sub-units',
  },
  ORG_HAS_ACTIVE_USERS: {
    status: 409,
    zh: '该单位还有 {count} 个启用的账号，请先停用或调整这些账号',
    en: 'The unit still has {count} active user accounts',
  },
  ORG_ALREADY_IN_STATE: { status: 409, zh: '该单位已是{state}状态', en: 'The unit is already {state}' },
});
