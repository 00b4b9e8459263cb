import { ProForm, ProFormDatePicker, ProFormTextArea } from '@ant-design/pro-components';
import { Alert, App, InputNumber, type InputNumberProps, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/errors';
import type { Policy } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import { yuanToFen } from '../households/money';
import { FIGURE_RANGES, type FigureProblem, figureProblem, multiplierText } from './figures';
import { createPolicy, type PolicyRow, usePolicyRegions } from './policies.api';
import { type RegionOption, regionOptions } from './regions';

interface Values {
  regionCode: string;
  effectiveFrom: Dayjs | string;
  dibaoYuan: number;
  relativeMultiplier: number;
  suddenExpenditurePercent: number;
  reviewIntervalMonths: number;
  exitMonths: number;
  note?: string;
}

/** Body fields in fen / ratios map back onto the fields shown in yuan / percent. */
function pathsToShownFields(error: unknown): void {
  if (error && typeof error === 'object' && 'details' in error && Array.isArray(error.details)) {
    for (const d of error.details as { path?: unknown }[]) {
      if (d.path === 'dibaoFen') d.path = 'dibaoYuan';
      if (d.path === 'suddenExpenditureRatio') d.path = 'suddenExpenditurePercent';
    }
  }
}

type FigureName = keyof typeof FIGURE_RANGES;

/**
 * A number of the policy. The input itself is not given the range: antd's InputNumber drops a typed
 * value outside min / max (the form saw −100 as empty and said 「请填写」), then moves it into range
 * on blur. The rules say instead what is wrong with it.
 */
function FigureField({
  name,
  label,
  messages,
  input,
}: {
  name: FigureName;
  label: string;
  messages: { required: string } & Partial<Record<FigureProblem, string>>;
  input: InputNumberProps;
}) {
  return (
    <ProForm.Item
      name={name}
      label={label}
      rules={[
        { required: true, message: messages.required },
        {
          validator: async (_rule: unknown, value: unknown) => {
            if (typeof value !== 'number') return;
            const problem = figureProblem(value, FIGURE_RANGES[name]);
            if (problem) throw new Error(messages[problem] ?? messages.required);
          },
        },
      ]}
    >
      <InputNumber style={{ width: '100%' }} {...input} />
    </ProForm.Item>
  );
}

/** 新增版本: versions are never edited; a change is a new version with its own effective date. */
export function PolicyFormModal({
  defaults,
  onClose,
  onSaved,
}: {
  defaults?: PolicyRow;
  onClose: () => void;
  onSaved: (policy: Policy) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const regions = usePolicyRegions();
  const [typed, setTyped] = useState('');
  const options = regionOptions(regions.data?.items ?? [], { typed, current: defaults });
  return (
    <FormModal<Values>
      title={t('policies.createTitle')}
      width={600}
      testId="policy-form-submit"
      layout="horizontal"
      labelCol={{ span: 8 }}
      wrapperCol={{ span: 15 }}
      initialValues={{
        regionCode: defaults?.regionCode,
        dibaoYuan: defaults ? defaults.dibaoFen / 100 : undefined,
        relativeMultiplier: defaults?.relativeMultiplier ?? 2,
        suddenExpenditurePercent: defaults ? defaults.suddenRatioBp / 100 : 80,
        reviewIntervalMonths: defaults?.reviewIntervalMonths ?? 12,
        exitMonths: defaults?.exitMonths ?? 6,
        effectiveFrom: dayjs().add(1, 'month').startOf('month'),
      }}
      onClose={onClose}
      onFinish={async (values) => {
        const policy = await createPolicy({
          regionCode: values.regionCode.trim(),
          effectiveFrom: dayjs(values.effectiveFrom).format('YYYY-MM-DD'),
          dibaoFen: yuanToFen(values.dibaoYuan),
          relativeMultiplier: values.relativeMultiplier,
          suddenExpenditureRatio: Math.round(values.suddenExpenditurePercent * 100) / 10000,
          reviewIntervalMonths: values.reviewIntervalMonths,
          exitMonths: values.exitMonths,
          note: values.note?.trim() || null,
        }).catch((error: unknown) => {
          pathsToShownFields(error);
          throw error;
        });
        message.success(t('policies.created'));
        onSaved(policy);
      }}
    >
      <Alert type="info" showIcon message={t('policies.immutable')} style={{ marginBottom: 16 }} />
      {regions.isError && (
        <Alert
          type="warning"
          showIcon
          message={errorMessage(regions.error)}
          style={{ marginBottom: 16 }}
          data-testid="policy-form-regions-error"
        />
      )}
      <ProForm.Item
        name="regionCode"
        label={t('policies.field.region')}
        extra={t('policies.region.hint')}
        rules={[{ required: true, pattern: /^\d{6}$/, message: t('policies.rule.region') }]}
      >
        <Select<string, RegionOption>
          showSearch
          placeholder={t('policies.placeholder.region')}
          loading={regions.isLoading}
          options={options}
          onSearch={setTyped}
          onChange={() => setTyped('')}
          filterOption={(input, option) =>
            !!option && (option.typed || option.searchText.includes(input.trim()))
          }
          notFoundContent={t('policies.region.none')}
          optionRender={({ data }) =>
            data.typed ? (
              t('policies.region.typed', { code: data.value })
            ) : (
              <Space size={8}>
                <span>{data.label}</span>
                {data.orgName && data.label !== `${data.value} ${data.orgName}` && (
                  <Typography.Text type="secondary">{data.orgName}</Typography.Text>
                )}
              </Space>
            )
          }
          data-testid="policy-form-region"
        />
      </ProForm.Item>
      <ProFormDatePicker
        name="effectiveFrom"
        label={t('policies.field.effectiveFrom')}
        rules={[{ required: true, message: t('policies.rule.effectiveFrom') }]}
      />
      <FigureField
        name="dibaoYuan"
        label={t('policies.field.dibao')}
        messages={{
          required: t('policies.rule.dibao'),
          low: t('policies.rule.dibaoLow'),
          high: t('policies.rule.dibaoHigh'),
        }}
        input={{ precision: 2, 'data-testid': 'policy-form-dibao' } as InputNumberProps}
      />
      <FigureField
        name="relativeMultiplier"
        label={t('policies.field.multiplier')}
        messages={{
          required: t('policies.rule.multiplier'),
          low: t('policies.rule.multiplierLow'),
          high: t('policies.rule.multiplierHigh'),
          decimals: t('policies.rule.multiplierDecimals'),
        }}
        // No `precision`: it would pad 2 to "2.0000". Up to 4 decimals are kept (basis points).
        input={{
          step: 0.1,
          formatter: (value, { userTyping, input }) => (userTyping ? input : multiplierText(value)),
        }}
      />
      <FigureField
        name="suddenExpenditurePercent"
        label={t('policies.field.ratio')}
        messages={{
          required: t('policies.rule.ratio'),
          low: t('policies.rule.ratioLow'),
          high: t('policies.rule.ratioHigh'),
        }}
        input={{ precision: 2 }}
      />
      <FigureField
        name="reviewIntervalMonths"
        label={t('policies.field.reviewInterval')}
        messages={{
          required: t('policies.rule.reviewInterval'),
          low: t('policies.rule.reviewIntervalRange'),
          high: t('policies.rule.reviewIntervalRange'),
        }}
        input={{ precision: 0 }}
      />
      <FigureField
        name="exitMonths"
        label={t('policies.field.exitMonths')}
        messages={{
          required: t('policies.rule.exitMonths'),
          low: t('policies.rule.exitMonthsRange'),
          high: t('policies.rule.exitMonthsRange'),
        }}
        input={{ precision: 0 }}
      />
      <ProFormTextArea
        name="note"
        label={t('policies.field.note')}
        placeholder={t('policies.placeholder.note')}
        fieldProps={{ maxLength: 200, rows: 2 }}
      />
    </FormModal>
  );
}
