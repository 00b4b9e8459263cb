import { ModalForm, ProFormDigit, ProFormTextArea } from '@ant-design/pro-components';
import { App, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { showServerErrors } from '../../lib/formErrors';
import { buttonTestId } from '../../lib/testId';
import { yuanToFen } from '../households/money';
import { type ApplicationDetail, resubmit } from './applications.api';

interface Values {
  amountYuan: number;
  reason: string;
}

/** A returned application, corrected (amount, reason) and sent into a new review round. */
export function ResubmitModal({
  application,
  onClose,
  onDone,
}: {
  application: ApplicationDetail;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('aid');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  return (
    <ModalForm<Values>
      open
      form={form}
      title={t('applications.resubmit')}
      width={560}
      initialValues={{ amountYuan: application.requestedFen / 100, reason: application.reason }}
      modalProps={{ maskClosable: false, destroyOnHidden: true }}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      submitter={{
        searchConfig: { submitText: t('common.submit'), resetText: t('common.cancel') },
        submitButtonProps: buttonTestId('application-resubmit-confirm'),
      }}
      onFinish={async (v) => {
        try {
          await resubmit(application.id, { requestedFen: yuanToFen(v.amountYuan), reason: v.reason.trim() });
          message.success(t('applications.resubmitted'));
          onDone();
          return true;
        } catch (error) {
          showServerErrors(form, error, message);
          return false;
        }
      }}
    >
      <ProFormDigit
        name="amountYuan"
        label={t('applications.field.amount')}
        min={0.01}
        fieldProps={{ precision: 2 }}
        rules={[{ required: true, message: t('applications.rule.amount') }]}
      />
      <ProFormTextArea
        name="reason"
        label={t('applications.field.reason')}
        fieldProps={{ rows: 4, maxLength: 2000, showCount: true }}
        rules={[{ required: true, whitespace: true, min: 2, message: t('applications.rule.reason') }]}
      />
    </ModalForm>
  );
}
