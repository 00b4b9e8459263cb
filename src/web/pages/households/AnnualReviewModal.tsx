import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/errors';
import {
  ANNUAL_REVIEW_OUTCOMES,
  type AnnualReviewInput,
  type AnnualReviewOutcome,
  EXPENDITURE_KINDS,
  type ExpenditureKind,
  INCOME_KINDS,
  type IncomeKind,
} from '../../api/types';
import { buttonTestId } from '../../lib/testId';
import { householdKeys, useHousehold } from './households.api';
import { recordAnnualReview } from './households.archive.api';
import { fenToYuan, yuanToFen } from './money';

interface ItemRow<K> {
  kind: K;
  description?: string | null;
  yuan?: number | null;
}

interface Values {
  outcome: AnnualReviewOutcome;
  note: string;
  incomes?: ItemRow<IncomeKind>[];
  expenditures?: ItemRow<ExpenditureKind>[];
}

interface Props {
  householdId: string;
  householdName: string;
  onClose: () => void;
  onDone: () => void;
}

/** 登记年审: outcome, note and, for 重新测算, the verified annual incomes and expenditures (yuan → fen). */
export function AnnualReviewModal({ householdId, householdName, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const detail = useHousehold(householdId);
  const outcome = Form.useWatch('outcome', form);

  // Start the recompute editor from the archived amounts.
  useEffect(() => {
    if (!detail.data) return;
    form.setFieldsValue({
      incomes: detail.data.incomes.map((i) => ({
        kind: i.kind,
        description: i.description,
        yuan: fenToYuan(i.annualFen),
      })),
      expenditures: detail.data.expenditures.map((e) => ({
        kind: e.kind,
        description: e.description,
        yuan: fenToYuan(e.annualFen),
      })),
    });
  }, [detail.data, form]);

  const submit = async () => {
    const values = await form.validateFields();
    const input: AnnualReviewInput = { outcome: values.outcome, note: values.note.trim() };
    if (values.outcome === 'recompute') {
      input.incomes = (values.incomes ?? []).map((i) => ({
        kind: i.kind,
        description: i.description?.trim() || null,
        annualFen: yuanToFen(i.yuan ?? 0),
      }));
      input.expenditures = (values.expenditures ?? []).map((e) => ({
        kind: e.kind,
        description: e.description?.trim() || null,
        annualFen: yuanToFen(e.yuan ?? 0),
      }));
    }
    setSaving(true);
    try {
      await recordAnnualReview(householdId, input);
      message.success(t('households.annual.done', { name: householdName }));
      void queryClient.invalidateQueries({ queryKey: householdKeys.all });
      onDone();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  const itemList = (name: 'incomes' | 'expenditures') => {
    const kinds = name === 'incomes' ? INCOME_KINDS : EXPENDITURE_KINDS;
    const label = (k: string) =>
      name === 'incomes'
        ? t(`households.incomeKind.${k as IncomeKind}`)
        : t(`households.expenditureKind.${k as ExpenditureKind}`);
    return (
      <Form.List name={name}>
        {(fields, { add, remove }) => (
          <Space direction="vertical" style={{ width: '100%' }} data-testid={`annual-review-${name}`}>
            {fields.map((field) => (
              <Space key={field.key} align="baseline" wrap>
                <Form.Item
                  name={[field.name, 'kind']}
                  rules={[{ required: true, message: t('households.annual.kindRequired') }]}
                  style={{ marginBottom: 0 }}
                >
                  <Select
                    style={{ width: 200 }}
                    options={kinds.map((k) => ({ value: k, label: label(k) }))}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'description']} style={{ marginBottom: 0 }}>
                  <Input
                    placeholder={t('households.annual.itemNote')}
                    maxLength={100}
                    style={{ width: 160 }}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'yuan']}
                  rules={[{ required: true, message: t('households.annual.amountRequired') }]}
                  style={{ marginBottom: 0 }}
                >
                  <InputNumber<number>
                    min={0}
                    precision={2}
                    step={100}
                    style={{ width: 160 }}
                    addonAfter={t('households.annual.yuanPerYear')}
                  />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(field.name)} />
              </Space>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ kind: kinds[0], yuan: 0 })}
              data-testid={`annual-review-add-${name}`}
            >
              {name === 'incomes' ? t('households.annual.addIncome') : t('households.annual.addExpenditure')}
            </Button>
          </Space>
        )}
      </Form.List>
    );
  };

  return (
    <Modal
      open
      width={outcome === 'recompute' ? 760 : 560}
      title={t('households.annual.recordTitle', { name: householdName })}
      okText={t('households.annual.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      maskClosable={false}
      destroyOnHidden
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okButtonProps={buttonTestId('annual-review-submit')}
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ outcome: 'continue' }}>
        <Form.Item name="outcome" label={t('households.annual.outcome')} rules={[{ required: true }]}>
          <Radio.Group data-testid="annual-review-outcome">
            {ANNUAL_REVIEW_OUTCOMES.map((o) => (
              <Radio key={o} value={o} data-testid={`annual-review-outcome-${o}`}>
                {t(`households.annual.outcomes.${o}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        {outcome && (
          <Typography.Paragraph type="secondary">
            {t(`households.annual.outcomeHint.${outcome}`)}
          </Typography.Paragraph>
        )}
        {outcome === 'recompute' && (
          <>
            {detail.error && <Alert type="warning" showIcon message={errorMessage(detail.error)} />}
            <Form.Item label={t('households.annual.incomes')} required>
              {itemList('incomes')}
            </Form.Item>
            <Form.Item label={t('households.annual.expenditures')}>{itemList('expenditures')}</Form.Item>
          </>
        )}
        <Form.Item
          name="note"
          label={t('households.annual.note')}
          rules={[{ required: true, whitespace: true, message: t('households.annual.noteRequired') }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('households.annual.notePlaceholder')}
            data-testid="annual-review-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
