import { ProForm, ProFormText } from '@ant-design/pro-components';
import { App, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { changePassword } from '../../auth/auth.api';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import { showServerErrors } from '../../lib/formErrors';
import { buttonTestId } from '../../lib/testId';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();

  return (
    <ProForm<Values>
      form={form}
      layout="vertical"
      style={{ maxWidth: 420 }}
      data-testid="change-password-form"
      submitter={{
        searchConfig: { submitText: t('account.submit') },
        resetButtonProps: { style: { display: 'none' } },
        submitButtonProps: buttonTestId('change-password-submit'),
      }}
      onFinish={async (values) => {
        try {
          await changePassword(values.currentPassword, values.newPassword);
          message.success(t('account.changed'));
          form.resetFields();
          onChanged();
          return true;
        } catch (error) {
          showServerErrors(form, error, message);
          return false;
        }
      }}
    >
      <ProFormText.Password
        name="currentPassword"
        label={t('account.currentPassword')}
        fieldProps={{ autoComplete: 'current-password' }}
        rules={[{ required: true, message: t('account.currentRequired') }]}
      />
      <NewPasswordFields newLabel={t('account.newPassword')} confirmLabel={t('account.confirmPassword')} />
    </ProForm>
  );
}
