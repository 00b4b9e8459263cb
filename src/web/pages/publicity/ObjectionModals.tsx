import { ProFormDependency } from '@ant-design/pro-components';
import { Alert, App, Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal';
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
  onClose,
}: {
  publicity: PublicityDetail;
  onClose: () => void;
}) {
  const { t } = useTranslation('publicity');
  const { message } = App.useApp();
  const record = useRecordObjection(publicity.id);
  return (
    <FormModal<{ entryId?: string; channel: ObjectionChannel; content: string; contact?: string }>
      title={t('objection.recordTitle')}
      testId="objection-record-submit"
      initialValues={{ channel: 'phone' }}
      onClose={onClose}
      onFinish={async (values) => {
        await record.mutateAsync({
          entryId: values.entryId ?? null,
          channel: values.channel,
          content: values.content.trim(),
          contact: values.contact?.trim() || null,
        });
        message.success(t('objection.recorded'));
      }}
    >
      <Alert type="info" message={t('objection.recordHint')} style={{ marginBottom: 16 }} />
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
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('objection.contentPlaceholder')} />
      </Form.Item>
      <Form.Item name="contact" label={t('field.contact')}>
        <Input maxLength={100} placeholder={t('objection.contactPlaceholder')} />
      </Form.Item>
    </FormModal>
  );
}

/** 核实处理: 经核实，异议成立 / 不成立, with the outcome for a person's application. */
export function ResolveObjectionModal({
  publicity,
  objection,
  onClose,
}: {
  publicity: PublicityDetail;
  objection: Objection;
  onClose: () => void;
}) {
  const { t } = useTranslation('publicity');
  const { message } = App.useApp();
  const resolve = useResolveObjection(publicity.id);
  const againstEntry = !!objection.entryId;
  return (
    <FormModal<{ decision: 'upheld' | 'dismissed'; outcome?: UpheldOutcome; note: string }>
      title={t('objection.resolveTitle')}
      testId="objection-resolve-submit"
      initialValues={{ decision: 'dismissed' }}
      onClose={onClose}
      onFinish={async (values) => {
        await resolve.mutateAsync({
          objectionId: objection.id,
          decision: values.decision,
          outcome: values.decision === 'upheld' && againstEntry ? values.outcome : undefined,
          note: values.note.trim(),
        });
        message.success(t('objection.resolved'));
      }}
    >
      <Alert
        style={{ marginBottom: 16 }}
        message={objection.entryId ? `${objection.entrySeq}. ${objection.entryMaskedName}` : t('field.whole')}
        description={objection.content}
      />
      <Form.Item name="decision" label={t('objection.decision')} rules={[{ required: true }]}>
        <Radio.Group>
          <Radio value="dismissed">{t('objection.dismissed')}</Radio>
          <Radio value="upheld">{t('objection.upheld')}</Radio>
        </Radio.Group>
      </Form.Item>
      <ProFormDependency name={['decision']}>
        {({ decision }: { decision?: 'upheld' | 'dismissed' }) =>
          decision !== 'upheld' ? null : againstEntry ? (
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
          ) : (
            <Alert
              type="warning"
              showIcon
              message={t('objection.wholeUpheldHint')}
              style={{ marginBottom: 16 }}
            />
          )
        }
      </ProFormDependency>
      <Form.Item
        name="note"
        label={t('objection.note')}
        rules={[{ required: true, whitespace: true, min: 2, message: t('objection.noteRequired') }]}
      >
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('objection.notePlaceholder')} />
      </Form.Item>
    </FormModal>
  );
}

export function WithdrawModal({ publicity, onClose }: { publicity: PublicityDetail; onClose: () => void }) {
  const { t } = useTranslation('publicity');
  const { message } = App.useApp();
  const withdraw = useWithdraw(publicity.id);
  return (
    <FormModal<{ reason: string }>
      title={t('detail.withdrawTitle')}
      testId="publicity-withdraw-submit"
      danger
      onClose={onClose}
      onFinish={async ({ reason }) => {
        await withdraw.mutateAsync(reason.trim());
        message.success(t('detail.withdrawn'));
      }}
    >
      <Alert type="warning" message={t('detail.withdrawHint')} style={{ marginBottom: 16 }} />
      <Form.Item
        name="reason"
        label={t('detail.withdrawReason')}
        rules={[{ required: true, whitespace: true, min: 2, message: t('detail.withdrawReasonRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
