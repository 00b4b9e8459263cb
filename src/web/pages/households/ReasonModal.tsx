import { ProFormTextArea } from '@ant-design/pro-components';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal';

interface Props {
  title: string;
  /** Text above the field (what happens next). */
  notice?: string;
  /** A reason is required (return, reject, exit decisions); otherwise an optional comment. */
  required: boolean;
  /** The body field the API expects. */
  field: 'reason' | 'comment';
  /** The field's label, when not the default 原因 (required) or 审核意见（可选）. */
  label?: string;
  testId: string;
  danger?: boolean;
  onClose: () => void;
  /** Resolves true when done; reports its own errors. */
  onSubmit: (text: string | null) => Promise<boolean>;
}

export function ReasonModal({
  title,
  notice,
  required,
  field,
  label,
  testId,
  danger,
  onClose,
  onSubmit,
}: Props) {
  const { t } = useTranslation();
  return (
    <FormModal<Record<string, string>>
      title={title}
      testId={`${testId}-confirm`}
      danger={danger}
      onClose={onClose}
      onFinish={(values) => onSubmit(values[field]?.trim() || null)}
    >
      {notice && <p>{notice}</p>}
      <ProFormTextArea
        name={field}
        label={label ?? (required ? t('households.reason.label') : t('households.reason.comment'))}
        fieldProps={{ rows: 4, maxLength: 500, showCount: true, 'data-testid': `${testId}-reason` } as object}
        rules={
          required
            ? [{ required: true, whitespace: true, min: 2, message: t('households.reason.required') }]
            : []
        }
      />
    </FormModal>
  );
}
