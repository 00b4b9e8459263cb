import { ModalForm, ProFormDigit, ProFormTextArea } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showServerErrors } from '../../lib/formErrors';
import { buttonTestId } from '../../lib/testId';
import { formatYuan, yuanToFen } from '../households/money';
import { programKeys } from '../programs/programs.api';
import { type Application, applicationKeys, approve, decide } from './applications.api';

type Dialog = 'approve' | 'return' | 'reject' | null;

/** Approve (amount ≤ what was proposed), return or reject with a reason: the current level's decision. */
export function ReviewActions({ application, onDone }: { application: Application; onDone?: () => void }) {
  const { t } = useTranslation('aid');
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const done = () => {
    setDialog(null);
    void queryClient.invalidateQueries({ queryKey: applicationKeys.all });
    void queryClient.invalidateQueries({ queryKey: programKeys.all });
    onDone?.();
  };
  return (
    <>
      <Space>
        <Button type="primary" onClick={() => setDialog('approve')} data-testid="review-approve">
          {t('review.approve')}
        </Button>
        <Button onClick={() => setDialog('return')} data-testid="review-return">
          {t('review.return')}
        </Button>
        <Button danger onClick={() => setDialog('reject')} data-testid="review-reject">
          {t('review.reject')}
        </Button>
      </Space>
      {dialog === 'approve' && (
        <ApproveModal application={application} onClose={() => setDialog(null)} onDone={done} />
      )}
      {(dialog === 'return' || dialog === 'reject') && (
        <ReasonDialog
          title={t(dialog === 'return' ? 'review.returnTitle' : 'review.rejectTitle')}
          danger={dialog === 'reject'}
          testId={`review-${dialog}`}
          onClose={() => setDialog(null)}
          onSubmit={async (reason) => {
            await decide(application.id, dialog, reason);
            done();
          }}
        />
      )}
    </>
  );
}

function ApproveModal({
  application,
  onClose,
  onDone,
}: {
  application: Application;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('aid');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ amountYuan: number; comment?: string }>();
  const maxFen = application.proposedFen ?? application.requestedFen;
  return (
    <ModalForm<{ amountYuan: number; comment?: string }>
      open
      form={form}
      title={`${t('review.approveTitle')}：${application.householdName}`}
      width={480}
      initialValues={{ amountYuan: maxFen / 100 }}
      modalProps={{ maskClosable: false, destroyOnHidden: true }}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      submitter={{
        searchConfig: { submitText: t('common.ok'), resetText: t('common.cancel') },
        submitButtonProps: buttonTestId('review-approve-confirm'),
      }}
      onFinish={async (v) => {
        try {
          const amountFen = yuanToFen(v.amountYuan);
          await approve(application.id, {
            amountFen: amountFen === maxFen ? undefined : amountFen,
            comment: v.comment?.trim() || null,
          });
          message.success(t('review.done'));
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
        label={t('review.amount')}
        min={0.01}
        max={maxFen / 100}
        extra={t('review.amountMax', { amount: formatYuan(maxFen) })}
        fieldProps={{ precision: 2, 'data-testid': 'review-amount' } as object}
        rules={[{ required: true }]}
      />
      <ProFormTextArea name="comment" label={t('review.comment')} fieldProps={{ maxLength: 500, rows: 3 }} />
    </ModalForm>
  );
}

/** A required reason (return, reject, withdraw). */
export function ReasonDialog({
  title,
  label,
  danger,
  testId,
  onClose,
  onSubmit,
}: {
  title: string;
  label?: string;
  danger?: boolean;
  testId: string;
  onClose: () => void;
  onSubmit: (reason: string) => Promise<void>;
}) {
  const { t } = useTranslation('aid');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <ModalForm<{ reason: string }>
      open
      form={form}
      title={title}
      width={480}
      modalProps={{ maskClosable: false, destroyOnHidden: true }}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      submitter={{
        searchConfig: { submitText: t('common.ok'), resetText: t('common.cancel') },
        submitButtonProps: buttonTestId(`${testId}-confirm`, { danger }),
      }}
      onFinish={async (v) => {
        try {
          await onSubmit(v.reason.trim());
          message.success(t('review.done'));
          return true;
        } catch (error) {
          showServerErrors(form, error, message);
          return false;
        }
      }}
    >
      <ProFormTextArea
        name="reason"
        label={label ?? t('review.reason')}
        fieldProps={{ maxLength: 500, rows: 4, showCount: true, 'data-testid': `${testId}-reason` } as object}
        rules={[{ required: true, whitespace: true, min: 2, message: t('review.reasonRequired') }]}
      />
    </ModalForm>
  );
}
