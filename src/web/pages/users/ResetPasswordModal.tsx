import { Alert, App } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import { resetPassword } from './users.api';

interface Values {
  newPassword: string;
  confirmPassword: string;
}

export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <FormModal<Values>
      title={t('users.resetPasswordTitle', { name: user.displayName })}
      width={480}
      testId="reset-password-submit"
      onClose={onClose}
      onFinish={async (values) => {
        await resetPassword(user.id, values.newPassword);
        message.success(t('users.resetDone'));
      }}
    >
      <Alert type="info" showIcon message={t('users.resetPasswordHint')} style={{ marginBottom: 16 }} />
      <NewPasswordFields
        newLabel={t('users.field.newPassword')}
        confirmLabel={t('users.field.confirmPassword')}
      />
    </FormModal>
  );
}
