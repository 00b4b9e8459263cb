import { ProFormDigit, ProFormTextArea } from '@ant-design/pro-components';
import { App, Button, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal';
import { buttonTestId } from '../../lib/testId';
import { fenToYuan, formatYuan, yuanToFen } from '../households/money';
import { type ProgramBalance, returnAllocation } from './programs.api';

interface Values {
  amountYuan: number;
  reason: string;
}

/**
 * Gives unused money of one source back to it (结余退回): at most what is not yet approved to
 * applications. The server re-checks under a row lock; the form only saves a round trip.
 */
export function ReturnAllocationModal({
  programId,
  balance,
  onClose,
  onDone,
}: {
  programId: string;
  balance: ProgramBalance;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('aid');
  const { message, modal } = App.useApp();
  const max = balance.remainingFen;

  const submit = async (values: Values) => {
    const amountFen = yuanToFen(values.amountYuan);
    // Money leaves the program: applications not yet approved can no longer be paid from it.
    const sure = await new Promise<boolean>((resolve) => {
      modal.confirm({
        title: t('programs.giveBack.confirmTitle'),
        content: t('programs.giveBack.confirm', { amount: formatYuan(amountFen), name: balance.sourceName }),
        okText: t('common.ok'),
        cancelText: t('common.cancel'),
        okButtonProps: buttonTestId('return-confirm', { danger: true }),
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });
    if (!sure) return false;
    await returnAllocation(programId, {
      sourceId: balance.sourceId,
      amountFen,
      reason: values.reason.trim(),
    });
    message.success(t('programs.giveBack.done', { amount: formatYuan(amountFen), name: balance.sourceName }));
    onDone();
  };

  return (
    <FormModal<Values>
      title={t('programs.giveBack.title', { name: balance.sourceName })}
      testId="return-submit"
      onClose={onClose}
      onFinish={submit}
    >
      <Typography.Paragraph type="secondary">
        {t('programs.giveBack.hint', {
          allocated: formatYuan(balance.allocatedFen),
          approved: formatYuan(balance.approvedFen),
          max: formatYuan(max),
        })}
      </Typography.Paragraph>
      <ProFormDigit
        name="amountYuan"
        label={t('programs.giveBack.amount')}
        min={0.01}
        fieldProps={{ precision: 2, 'data-testid': 'return-amount' } as object}
        extra={<ReturnAll max={max} />}
        rules={[
          { required: true, message: t('programs.giveBack.ruleAmount') },
          {
            validator: async (_: unknown, v: number | undefined) => {
              if (v === undefined || v === null) return;
              if (yuanToFen(v) <= 0) throw new Error(t('programs.giveBack.ruleAmount'));
              if (yuanToFen(v) > max)
                throw new Error(t('programs.giveBack.ruleOver', { max: formatYuan(max) }));
            },
          },
        ]}
      />
      <ProFormTextArea
        name="reason"
        label={t('programs.giveBack.reason')}
        fieldProps={
          {
            maxLength: 500,
            rows: 2,
            placeholder: t('programs.giveBack.reasonPlaceholder'),
            'data-testid': 'return-reason',
          } as object
        }
        rules={[
          { required: true, whitespace: true, message: t('programs.giveBack.ruleReason') },
          { min: 2, message: t('programs.giveBack.ruleReason') },
        ]}
      />
    </FormModal>
  );
}

/** Fills in everything that can go back (the whole unapproved balance), for the year-end return. */
function ReturnAll({ max }: { max: number }) {
  const { t } = useTranslation('aid');
  const form = Form.useFormInstance();
  return (
    <Button
      type="link"
      size="small"
      style={{ padding: 0 }}
      onClick={() => form.setFieldValue('amountYuan', fenToYuan(max))}
    >
      {t('programs.giveBack.all', { max: formatYuan(max) })}
    </Button>
  );
}
