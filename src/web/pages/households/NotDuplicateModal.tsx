import { App, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal';
import { markNotDuplicate } from './households.archive.api';

interface Props {
  a: { id: string; name: string };
  b: { id: string; name: string };
  onClose: () => void;
  onDone: () => void;
}

/** 不是重复: a reviewer clears a suggested pair, with an optional note (audited, shown on both timelines). */
export function NotDuplicateModal({ a, b, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <FormModal<{ note?: string }>
      title={t('households.dup.notDuplicate')}
      testId="not-duplicate-confirm"
      onClose={onClose}
      onFinish={async ({ note }) => {
        await markNotDuplicate(a.id, b.id, note?.trim() || null);
        message.success(t('households.dup.marked'));
        onDone();
      }}
    >
      <Typography.Paragraph>{t('households.dup.confirmText', { a: a.name, b: b.name })}</Typography.Paragraph>
      <Form.Item name="note" label={t('households.dup.note')}>
        <Input.TextArea
          rows={3}
          maxLength={200}
          showCount
          placeholder={t('households.dup.notePlaceholder')}
          data-testid="not-duplicate-note"
        />
      </Form.Item>
    </FormModal>
  );
}
