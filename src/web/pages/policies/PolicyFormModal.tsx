import { ProForm, ProFormDatePicker, ProFormDigit, ProFormTextArea } from '@ant-design/pro-components';
import { Alert, App, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/errors';
import type { Policy } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import { yuanToFen } from '../households/money';
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
      <ProFormDigit
        name="dibaoYuan"
        label={t('policies.field.dibao')}
        min={0.01}
        fieldProps={{ precision: 2, 'data-testid': 'policy-form-dibao' } as object}
        rules={[{ required: true, message: t('policies.rule.dibao') }]}
      />
      <ProFormDigit
        name="relativeMultiplier"
        label={t('policies.field.multiplier')}
        min={1.0001}
        max={10}
        fieldProps={{ precision: 4, step: 0.1 }}
        rules={[{ required: true, message: t('policies.rule.multiplier') }]}
      />
      <ProFormDigit
        name="suddenExpenditurePercent"
        label={t('policies.field.ratio')}
        min={0.01}
        max={100}
        fieldProps={{ precision: 2 }}
        rules={[{ required: true, message: t('policies.rule.ratio') }]}
      />
      <ProFormDigit
        name="reviewIntervalMonths"
        label={t('policies.field.reviewInterval')}
        min={1}
        max={60}
        fieldProps={{ precision: 0 }}
      />
      <ProFormDigit
        name="exitMonths"
        label={t('policies.field.exitMonths')}
        min={1}
        max={36}
        fieldProps={{ precision: 0 }}
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
