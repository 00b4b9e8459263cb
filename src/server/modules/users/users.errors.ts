import { defineErrors } from '../../common/errors';

export const UserErrors = defineErrors({
  USER_NOT_FOUND: { status: 404, zh: '未找到该用户，或不在您的管辖范围内', en: 'No such user in your scope' },
  USER_USERNAME_TAKEN: {
    status: 409,
    zh: '用户名“{username}”已被使用',
    en: 'The username "{username}" is taken',
  },
  USER_WEAK_PASSWORD: { status: 400, zh: '{reason}', en: 'The password is too weak: {reason}' },
  USER_ORG_INACTIVE: {
    status: 409,
    zh: '该单位已停用，不能在其下添加、调入或启用账号',
    en: 'The unit is deactivated: no account can be added, moved in or activated there',
  },
  USER_SELF_CHANGE: {
    status: 403,
    zh: '不能修改自己的角色、单位或状态，请由其他管理员操作',
    en: 'Your own roles, unit and status must be changed by another administrator',
  },
  USER_SELF_UNLOCK: {
    status: 403,
    zh: '不能解锁自己的账号，请由其他管理员操作',
    en: 'Your own account must be unlocked by another administrator',
  },
  USER_SELF_RESET: {
    status: 403,
    zh: '不能重置自己的密码，请在“我的账号”页输入当前密码后修改',
    en: 'You cannot reset your own password: change it on "My account" with your current one',
  },
});
