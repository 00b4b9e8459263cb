import { ProFormText } from '@ant-design/pro-components';
import { useTranslation } from 'react-i18next';
import { passwordRules } from '../lib/password';

/**
 * A new password under the server's policy, typed twice (fields `newPassword` and `confirmPassword`).
 * The labels are the caller's: each page keeps its own wording.
 */
export function NewPasswordFields({ newLabel, confirmLabel }: { newLabel: string; confirmLabel: string }) {
  const { t } = useTranslation();
  return (
    <>
      <ProFormText.Password
        name="newPassword"
        label={newLabel}
        extra={t('password.rule')}
        fieldProps={{ autoComplete: 'new-password' }}
        rules={passwordRules()}
      />
      <ProFormText.Password
        name="confirmPassword"
        label={confirmLabel}
        dependencies={['newPassword']}
        fieldProps={{ autoComplete: 'new-password' }}
        rules={[
          { required: true, message: t('users.rule.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: (_rule, value?: string) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('users.rule.confirmMismatch'))),
          }),
        ]}
      />
    </>
  );
}
