import { Alert, App, Form, Input, Modal, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { showServerErrors } from '../../lib/formErrors';
import {
  OBJECTION_CHANNELS,
  type Objection,
  type ObjectionChannel,
  type PublicityDetail,
  type UpheldOutcome,
  useRecordObjection,
  useResolveObjection,
  useWithdraw,
} from './publicity.api';

/** 登记异议: received by phone, letter or visit, against one person or the whole notice. */
export function RecordObjectionModal({
  publicity,
  open,
  onClose,
}: {
  publicity: PublicityDetail;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('publicity');
  const { message } = App.useApp();
  const [form] = Form.useForm<{
    entryId?: string;
    channel: ObjectionChannel;
    content: string;
    contact?: string;
  }>();
  const record = useRecordObjection(publicity.id);
  const submit = async () => {
    const values = await form.validateFields();
    try {
      await record.mutateAsync({
        entryId: values.entryId ?? null,
        channel: values.channel,
        content: values.content.trim(),
        contact: values.contact?.trim() || null,
      });
      message.success(t('objection.recorded'));
      form.resetFields();
      onClose();
    } catch (error) {
      showServerErrors(form, error, message);
    }
  };
  return (
    <Modal
      title={t('objection.recordTitle')}
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={record.isPending}
      destroyOnHidden
    >
      <Alert type="info" message={t('objection.recordHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" initialValues={{ channel: 'phone' }}>
        <Form.Item name="entryId" label={t('field.target')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('objection.targetPlaceholder')}
            options={publicity.entries
              .filter((e) => e.status === 'listed')
              .map((e) => ({ value: e.id, label: `${e.seq}. ${e.maskedName}（${e.unitName}）` }))}
          />
        </Form.Item>
        <Form.Item name="channel" label={t('field.channel')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={OBJECTION_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="content"
          label={t('field.content')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('objection.contentRequired') }]}
        >
          <Input.TextArea
            rows={4}
            maxLength={2000}
            showCount
            placeholder={t('objection.contentPlaceholder')}
          />
        </Form.Item>
        <Form.Item name="contact" label={t('field.contact')}>
          <Input maxLength={100} placeholder={t('objection.contactPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 核实处理: 经核实，异议成立 / 不成立, with the outcome for a person's application. */
export function ResolveObjectionModal({
  publicity,
  objection,
  onClose,
}: {
  publicity: PublicityDetail;
  objection: Objection | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('publicity');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ decision: 'upheld' | 'dismissed'; outcome?: UpheldOutcome; note: string }>();
  const resolve = useResolveObjection(publicity.id);
  const decision = Form.useWatch('decision', form);
  const againstEntry = !!objection?.entryId;
  const submit = async () => {
    if (!objection) return;
    const values = await form.validateFields();
    try {
      await resolve.mutateAsync({
        objectionId: objection.id,
        decision: values.decision,
        outcome: values.decision === 'upheld' && againstEntry ? values.outcome : undefined,
        note: values.note.trim(),
      });
      message.success(t('objection.resolved'));
      onClose();
    } catch (error) {
      showServerErrors(form, error, message);
    }
  };
  return (
    <Modal
      title={t('objection.resolveTitle')}
      open={!!objection}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={resolve.isPending}
      destroyOnHidden
    >
      {objection && (
        <Alert
          style={{ marginBottom: 16 }}
          message={
            objection.entryId ? `${objection.entrySeq}. ${objection.entryMaskedName}` : t('field.whole')
          }
          description={objection.content}
        />
      )}
      <Form form={form} layout="vertical" initialValues={{ decision: 'dismissed' }}>
        <Form.Item name="decision" label={t('objection.decision')} rules={[{ required: true }]}>
          <Radio.Group>
            <Radio value="dismissed">{t('objection.dismissed')}</Radio>
            <Radio value="upheld">{t('objection.upheld')}</Radio>
          </Radio.Group>
        </Form.Item>
        {decision === 'upheld' && againstEntry && (
          <Form.Item
            name="outcome"
            label={t('objection.outcome')}
            rules={[{ required: true, message: t('objection.outcomeRequired') }]}
            extra={t('objection.entryUpheldHint')}
          >
            <Radio.Group>
              <Radio value="returned">{t('outcome.returned')}</Radio>
              <Radio value="rejected">{t('outcome.rejected')}</Radio>
            </Radio.Group>
          </Form.Item>
        )}
        {decision === 'upheld' && !againstEntry && (
          <Alert
            type="warning"
            showIcon
            message={t('objection.wholeUpheldHint')}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form.Item
          name="note"
          label={t('objection.note')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('objection.noteRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('objection.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function WithdrawModal({
  publicity,
  open,
  onClose,
}: {
  publicity: PublicityDetail;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('publicity');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const withdraw = useWithdraw(publicity.id);
  const submit = async () => {
    const { reason } = await form.validateFields();
    try {
      await withdraw.mutateAsync(reason.trim());
      message.success(t('detail.withdrawn'));
      onClose();
    } catch (error) {
      showServerErrors(form, error, message);
    }
  };
  return (
    <Modal
      title={t('detail.withdrawTitle')}
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      okButtonProps={{ danger: true }}
      confirmLoading={withdraw.isPending}
      destroyOnHidden
    >
      <Alert type="warning" message={t('detail.withdrawHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('detail.withdrawReason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('detail.withdrawReasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
