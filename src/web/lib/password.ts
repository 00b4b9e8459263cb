import type { Rule } from 'antd/es/form';
import i18n from '../i18n';

/** The password policy of the server: 8–64 characters, at least 3 of 4 character classes. */
export function passwordProblem(value: string): string | null {
  if (value.length < 8) return i18n.t('password.tooShort');
  if (value.length > 64) return i18n.t('password.tooLong');
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(value)).length;
  return classes >= 3 ? null : i18n.t('password.notComplex');
}

export const passwordRules = (): Rule[] => [
  { required: true, message: i18n.t('users.rule.passwordRequired') },
  {
    validator: (_rule, value: string | undefined) => {
      if (!value) return Promise.resolve();
      const problem = passwordProblem(value);
      return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
    },
  },
];
