import { ModalForm, ProFormTextArea } from '@ant-design/pro-components';
import { Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { buttonTestId } from '../../lib/testId';

interface Props {
  title: string;
  /** Text above the field (what happens next). */
  notice?: string;
  /** A reason is required (return, reject, exit decisions); otherwise an optional comment. */
  required: boolean;
  /** The body field the API expects. */
  field: 'reason' | 'comment';
  testId: string;
  danger?: boolean;
  onClose: () => void;
  /** Resolves true when done; reports its own errors. */
  onSubmit: (text: string | null) => Promise<boolean>;
}

export function ReasonModal({ title, notice, required, field, testId, danger, onClose, onSubmit }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Record<string, string>>();
  return (
    <ModalForm<Record<string, string>>
      open
      form={form}
      title={title}
      width={520}
      modalProps={{ maskClosable: false, destroyOnHidden: true }}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      submitter={{
        searchConfig: { submitText: t('common.ok'), resetText: t('common.cancel') },
        submitButtonProps: buttonTestId(`${testId}-confirm`, { danger }),
      }}
      onFinish={(values) => onSubmit(values[field]?.trim() || null)}
    >
      {notice && <p>{notice}</p>}
      <ProFormTextArea
        name={field}
        label={required ? t('households.reason.label') : t('households.reason.comment')}
        fieldProps={{ rows: 4, maxLength: 500, showCount: true, 'data-testid': `${testId}-reason` } as object}
        rules={
          required
            ? [{ required: true, whitespace: true, min: 2, message: t('households.reason.required') }]
            : []
        }
      />
    </ModalForm>
  );
}
