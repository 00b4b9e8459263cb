import { ProFormDigit, ProFormTextArea } from '@ant-design/pro-components';
import { App, Form } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal';
import { yuanToFen } from '../households/money';
import { useProgram } from '../programs/programs.api';
import { type ApplicationDetail, resubmit } from './applications.api';
import { DocumentSlots, documentSlots, toDocumentRefs, type UploadedDocument } from './DocumentSlots';

interface Values {
  amountYuan: number;
  reason: string;
  documents: UploadedDocument[];
}

/**
 * A returned application, corrected (amount, reason, documents — 补充材料 is the usual reason for a return)
 * and sent into a new review round.
 */
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
  const program = useProgram(application.programId);
  const slots = useMemo(() => documentSlots(program.data), [program.data]);
  return (
    <FormModal<Values>
      title={t('applications.resubmit')}
      width={640}
      testId="application-resubmit-confirm"
      submitText={t('common.submit')}
      initialValues={{
        amountYuan: application.requestedFen / 100,
        reason: application.reason,
        documents: application.documents.map((d) => ({ ...d, fileName: d.name })),
      }}
      onClose={onClose}
      onFinish={async (v) => {
        await resubmit(application.id, {
          requestedFen: yuanToFen(v.amountYuan),
          reason: v.reason.trim(),
          documents: toDocumentRefs(v.documents),
        });
        message.success(t('applications.resubmitted'));
        onDone();
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
      <Form.Item name="documents" label={t('applications.field.documents')}>
        <DocumentSlots slots={slots} orgId={application.orgId} />
      </Form.Item>
    </FormModal>
  );
}
