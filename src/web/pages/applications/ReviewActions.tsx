import { ProFormDigit, ProFormTextArea } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal';
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
    // Not "eligibility now": only a pending application answers it (409 once decided); the panel stops
    // asking when the refetched application is no longer under review.
    void queryClient.invalidateQueries({
      queryKey: applicationKeys.all,
      predicate: (q) => q.queryKey[1] !== 'eligibility-now',
    });
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
  const maxFen = application.proposedFen ?? application.requestedFen;
  return (
    <FormModal<{ amountYuan: number; comment?: string }>
      title={`${t('review.approveTitle')}：${application.householdName}`}
      width={480}
      testId="review-approve-confirm"
      initialValues={{ amountYuan: maxFen / 100 }}
      onClose={onClose}
      onFinish={async (v) => {
        const amountFen = yuanToFen(v.amountYuan);
        await approve(application.id, {
          amountFen: amountFen === maxFen ? undefined : amountFen,
          comment: v.comment?.trim() || null,
        });
        message.success(t('review.done'));
        onDone();
      }}
    >
      <ProFormDigit
        name="amountYuan"
        label={t('review.amount')}
        extra={t('applications.approveMax', { amount: formatYuan(maxFen) })}
        // No min/max on the input: it would silently clamp 9000 to the limit and approve that.
        fieldProps={{ precision: 2, 'data-testid': 'review-amount' } as object}
        rules={[
          { required: true, message: t('applications.rule.approvedAmount') },
          {
            validator: async (_: unknown, v: number | null | undefined) => {
              if (v === null || v === undefined) return;
              const fen = yuanToFen(v);
              if (fen <= 0) throw new Error(t('applications.rule.amountPositive'));
              if (fen > maxFen) throw new Error(t('review.amountMax', { amount: formatYuan(maxFen) }));
            },
          },
        ]}
      />
      <ProFormTextArea name="comment" label={t('review.comment')} fieldProps={{ maxLength: 500, rows: 3 }} />
    </FormModal>
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
  return (
    <FormModal<{ reason: string }>
      title={title}
      width={480}
      testId={`${testId}-confirm`}
      danger={danger}
      onClose={onClose}
      onFinish={async (v) => {
        await onSubmit(v.reason.trim());
        message.success(t('review.done'));
      }}
    >
      <ProFormTextArea
        name="reason"
        label={label ?? t('review.reason')}
        fieldProps={{ maxLength: 500, rows: 4, showCount: true, 'data-testid': `${testId}-reason` } as object}
        rules={[{ required: true, whitespace: true, min: 2, message: t('review.reasonRequired') }]}
      />
    </FormModal>
  );
}
