import { defineErrors } from '../../common/errors';

export const AuthErrors = defineErrors({
  AUTH_INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  AUTH_LOCKED: {
    status: 429,
    zh: '密码错误次数过多，账号已锁定，请 {minutes} 分钟后再试或联系管理员解锁',
    en: 'Too many failed attempts: the account is locked for {minutes} minutes',
  },
  AUTH_ACCOUNT_DISABLED: { status: 403, zh: '该账号已停用，请联系管理员', en: 'This account is disabled' },
  AUTH_WRONG_CURRENT_PASSWORD: { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },
  AUTH_WEAK_PASSWORD: { status: 400, zh: '{reason}', en: 'The password is too weak: {reason}' },
  AUTH_PASSWORD_UNCHANGED: {
    status: 400,
    zh: '新密码不能与当前密码相同',
    en: 'The new password must differ from the current one',
  },
});
