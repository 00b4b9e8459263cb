import { PlusOutlined } from '@ant-design/icons';
import { ProFormDatePicker, ProFormText } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, InputNumber, Table, Tag, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncomeRecord } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import { businessToday } from '../../lib/format';
import { addIncomeRecord, householdKeys, useIncomeRecords } from './households.api';
import { existingRecordNote, incomeRecordRules } from './incomeRecordForm';
import { formatYuan, yuanToFen } from './money';

interface Values {
  month: Dayjs | string;
  incomeYuan: number;
  rigidYuan?: number;
  householdSize?: number;
  note?: string;
}

/** Months, figures and short headers on one line ("2026-/11" and "家庭/人口" read badly). */
const NO_WRAP = {
  onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
  onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
};

/** The last finished month of the business calendar (Asia/Shanghai), the dialog's first choice. */
const lastMonth = () => dayjs(businessToday()).subtract(1, 'month');

/** 月收入登记: the monthly records behind the automatic exit proposal. */
export function IncomeRecords({
  householdId,
  canWrite,
  defaultSize,
}: {
  householdId: string;
  canWrite: boolean;
  defaultSize: number | null;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const records = useIncomeRecords(householdId, true);
  const [open, setOpen] = useState(false);
  const items = records.data?.items ?? [];
  const rules = incomeRecordRules();
  /** The month chosen in the dialog (YYYY-MM): a month on record is corrected, and the dialog says so. */
  const [month, setMonth] = useState<string>();
  const correcting = !!existingRecordNote(items, month);

  return (
    <Card
      title={t('households.section.incomeRecords')}
      data-testid="household-income-records"
      extra={
        canWrite && (
          <Button
            icon={<PlusOutlined />}
            onClick={() => {
              setMonth(lastMonth().format('YYYY-MM'));
              setOpen(true);
            }}
            data-testid="household-income-record-add"
          >
            {t('households.action.addIncomeRecord')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('households.income.hint')}</Typography.Paragraph>
      {records.data?.exitWindow && (
        <Typography.Paragraph type="secondary" data-testid="household-income-exit-window">
          {t('households.income.window', {
            basis: t(`households.income.windowBasis.${records.data.exitWindow.basis}`),
            after: records.data.exitWindow.after,
            before: records.data.exitWindow.before,
          })}
        </Typography.Paragraph>
      )}
      <Table<IncomeRecord>
        size="small"
        rowKey="month"
        loading={records.isLoading}
        dataSource={records.data?.items ?? []}
        pagination={{ pageSize: 12, hideOnSinglePage: true }}
        locale={{ emptyText: t('households.income.empty') }}
        columns={[
          { title: t('households.income.month'), dataIndex: 'month', ...NO_WRAP },
          {
            title: t('households.income.income'),
            align: 'right',
            ...NO_WRAP,
            render: (_, r) => formatYuan(r.incomeFen),
          },
          {
            title: t('households.income.rigid'),
            align: 'right',
            ...NO_WRAP,
            render: (_, r) => formatYuan(r.rigidExpenditureFen),
          },
          { title: t('households.income.size'), dataIndex: 'householdSize', align: 'right', ...NO_WRAP },
          {
            title: t('households.income.perCapita'),
            align: 'right',
            ...NO_WRAP,
            // Negative when the month's rigid expenditure exceeded its income: shown as computed, explained.
            render: (_, r) =>
              r.perCapitaFen < 0 ? (
                <Tooltip title={t('households.income.negativeHint')}>
                  <Typography.Text type="warning" data-testid={`household-income-negative-${r.month}`}>
                    {formatYuan(r.perCapitaFen)}
                  </Typography.Text>
                </Tooltip>
              ) : (
                formatYuan(r.perCapitaFen)
              ),
          },
          {
            title: t('households.income.dibao'),
            align: 'right',
            ...NO_WRAP,
            render: (_, r) => formatYuan(r.dibaoFen),
          },
          {
            title: t('households.income.above'),
            ...NO_WRAP,
            render: (_, r) =>
              r.aboveDibao ? (
                <Tag color="green">{t('households.income.yes')}</Tag>
              ) : (
                <Tag>{t('households.income.no')}</Tag>
              ),
          },
          // The note takes the room that is left, and wraps.
          { title: t('households.income.note'), dataIndex: 'note', render: (_, r) => r.note ?? '—' },
        ]}
      />
      {open && (
        <FormModal<Values>
          title={t('households.income.addTitle')}
          testId="household-income-record-submit"
          initialValues={{ month: lastMonth(), householdSize: defaultSize ?? undefined }}
          onValuesChange={(changed: Partial<Values>) => {
            if ('month' in changed)
              setMonth(changed.month ? dayjs(changed.month).format('YYYY-MM') : undefined);
          }}
          submitText={correcting ? t('households.income.correct') : undefined}
          onClose={() => setOpen(false)}
          onFinish={async (values) => {
            const month = dayjs(values.month).format('YYYY-MM');
            const corrected = items.some((r) => r.month === month);
            await addIncomeRecord(householdId, {
              month,
              incomeFen: yuanToFen(values.incomeYuan),
              rigidExpenditureFen: yuanToFen(values.rigidYuan ?? 0),
              householdSize: values.householdSize ?? undefined,
              note: values.note?.trim() || null,
            });
            message.success(
              corrected
                ? t('households.done.incomeCorrected', { month })
                : t('households.done.incomeRecorded'),
            );
            void queryClient.invalidateQueries({ queryKey: householdKeys.all });
          }}
        >
          <ProFormDatePicker
            name="month"
            label={t('households.income.month')}
            fieldProps={{
              picker: 'month',
              format: 'YYYY-MM',
              disabledDate: (d: Dayjs) => d.isAfter(dayjs(), 'month'),
            }}
            rules={[{ required: true, message: t('households.income.monthRequired') }]}
          />
          {correcting && (
            <Alert
              type="warning"
              showIcon
              message={existingRecordNote(items, month)}
              style={{ marginBottom: 16 }}
              data-testid="household-income-existing"
            />
          )}
          {/*
            Plain inputs without min/max: ProFormDigit's input has min 0 of its own and clamps -5 to 0.00 on
            leaving the field, unseen; the rules say what is wrong instead.
          */}
          <Form.Item name="incomeYuan" label={t('households.income.income')} rules={rules.income}>
            <InputNumber<number>
              precision={2}
              style={{ width: '100%' }}
              data-testid="household-income-amount"
            />
          </Form.Item>
          <Form.Item name="rigidYuan" label={t('households.income.rigid')} rules={rules.rigid}>
            <InputNumber<number>
              precision={2}
              style={{ width: '100%' }}
              data-testid="household-income-rigid"
            />
          </Form.Item>
          <Form.Item name="householdSize" label={t('households.income.size')} rules={rules.householdSize}>
            <InputNumber<number> style={{ width: '100%' }} data-testid="household-income-size" />
          </Form.Item>
          <ProFormText name="note" label={t('households.income.note')} fieldProps={{ maxLength: 200 }} />
        </FormModal>
      )}
    </Card>
  );
}
