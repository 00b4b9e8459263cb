import { App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/errors';
import { buttonTestId } from '../../lib/testId';
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
  const [form] = Form.useForm<{ note?: string }>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const { note } = await form.validateFields();
    setSaving(true);
    try {
      await markNotDuplicate(a.id, b.id, note?.trim() || null);
      message.success(t('households.dup.marked'));
      onDone();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('households.dup.notDuplicate')}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okButtonProps={buttonTestId('not-duplicate-confirm')}
    >
      <Typography.Paragraph>{t('households.dup.confirmText', { a: a.name, b: b.name })}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="note" label={t('households.dup.note')}>
          <Input.TextArea
            rows={3}
            maxLength={200}
            showCount
            placeholder={t('households.dup.notePlaceholder')}
            data-testid="not-duplicate-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
