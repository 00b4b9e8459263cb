import { ProFormDigit, ProFormSelect, ProFormTextArea } from '@ant-design/pro-components';
import { App, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal';
import { formatYuan, yuanToFen } from '../households/money';
import { allocate, usePrograms } from '../programs/programs.api';
import type { Fund } from './funds.api';

interface Values {
  programId: string;
  amountYuan: number;
  note?: string;
}

/** Earmarks part of a source's unallocated money to a program of the same year (专款专用). */
export function AllocateModal({
  fund,
  onClose,
  onDone,
}: {
  fund: Fund;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('aid');
  const { message } = App.useApp();
  const programs = usePrograms({ year: fund.year });

  const submit = async (values: Values) => {
    const amountFen = yuanToFen(values.amountYuan);
    const program = await allocate(values.programId, {
      sourceId: fund.id,
      amountFen,
      note: values.note?.trim() || null,
    });
    message.success(t('funds.allocated', { amount: formatYuan(amountFen), program: program.name }));
    onDone();
  };

  return (
    <FormModal<Values>
      title={t('funds.allocateTitle', { name: fund.name })}
      testId="allocate-submit"
      onClose={onClose}
      onFinish={submit}
    >
      <Typography.Paragraph type="secondary">
        {t('funds.field.unallocated')}：{t('yuan', { amount: formatYuan(fund.unallocatedFen) })}
      </Typography.Paragraph>
      <ProFormSelect
        name="programId"
        label={t('funds.field.program')}
        showSearch
        fieldProps={
          {
            loading: programs.isLoading,
            notFoundContent: t('funds.noPrograms', { year: fund.year }),
            'data-testid': 'allocate-program',
          } as object
        }
        options={(programs.data?.items ?? []).map((p) => ({
          value: p.id,
          label: `${p.name}（${p.orgName}）`,
        }))}
        rules={[{ required: true, message: t('funds.rule.program') }]}
      />
      <ProFormDigit
        name="amountYuan"
        label={t('funds.field.amount')}
        min={0.01}
        fieldProps={{ precision: 2, 'data-testid': 'allocate-amount' } as object}
        rules={[
          { required: true, message: t('funds.rule.amount') },
          {
            validator: async (_: unknown, v: number | undefined) => {
              if (v !== undefined && yuanToFen(v) > fund.unallocatedFen)
                throw new Error(t('funds.rule.overUnallocated', { amount: formatYuan(fund.unallocatedFen) }));
            },
          },
        ]}
      />
      <ProFormTextArea name="note" label={t('funds.field.note')} fieldProps={{ maxLength: 500, rows: 2 }} />
    </FormModal>
  );
}
