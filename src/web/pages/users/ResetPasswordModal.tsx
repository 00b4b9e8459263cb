import { ModalForm, ProFormText } from '@ant-design/pro-components';
import { Alert, App, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/types';
import { showServerErrors } from '../../lib/formErrors';
import { passwordRules } from '../../lib/password';
import { buttonTestId } from '../../lib/testId';
import { resetPassword } from './users.api';

interface Values {
  newPassword: string;
  confirmPassword: string;
}

export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  return (
    <ModalForm<Values>
      open
      form={form}
      width={480}
      title={t('users.resetPasswordTitle', { name: user.displayName })}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      modalProps={{ maskClosable: false }}
      submitter={{
        searchConfig: { submitText: t('common.ok'), resetText: t('common.cancel') },
        submitButtonProps: buttonTestId('reset-password-submit'),
      }}
      onFinish={async (values) => {
        try {
          await resetPassword(user.id, values.newPassword);
          message.success(t('users.resetDone'));
          return true;
        } catch (error) {
          showServerErrors(form, error, message);
          return false;
        }
      }}
    >
      <Alert type="info" showIcon message={t('users.resetPasswordHint')} style={{ marginBottom: 16 }} />
      <ProFormText.Password
        name="newPassword"
        label={t('users.field.newPassword')}
        extra={t('password.rule')}
        fieldProps={{ autoComplete: 'new-password' }}
        rules={passwordRules()}
      />
      <ProFormText.Password
        name="confirmPassword"
        label={t('users.field.confirmPassword')}
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
    </ModalForm>
  );
}
