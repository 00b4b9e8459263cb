import {
  ProFormDatePicker,
  ProFormDigit,
  ProFormSelect,
  ProFormText,
  ProFormTextArea,
} from '@ant-design/pro-components';
import { App, Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/AuthContext';
import { FormModal } from '../../components/FormModal';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { businessYear } from '../../lib/format';
import { formatYuan, yuanToFen } from '../households/money';
import { createFund, FUND_KINDS, type Fund, type FundKind, updateFund } from './funds.api';

interface Values {
  orgId: string;
  name: string;
  kind: FundKind;
  year: number;
  receivedYuan: number;
  receivedOn?: Dayjs | null;
  note?: string | null;
}

const isoDate = (d: Dayjs | null | undefined) => (d ? dayjs(d).format('YYYY-MM-DD') : null);

interface Props {
  /** Absent: a new source. */
  fund?: Fund;
  onClose: () => void;
  onSaved: (fund: Fund) => void;
}

/** Records a fund source, or corrects one: kind, unit and year stay; the amount not below what is allocated. */
export function FundFormModal({ fund, onClose, onSaved }: Props) {
  const { t } = useTranslation('aid');
  const { message } = App.useApp();
  const me = useMe();
  const minYuan = fund ? Math.max(fund.allocatedFen, 1) / 100 : 0.01;

  const submit = async (values: Values) => {
    const receivedFen = yuanToFen(values.receivedYuan);
    const saved = fund
      ? await updateFund(fund.id, {
          name: values.name,
          receivedFen: receivedFen === fund.receivedFen ? undefined : receivedFen,
          receivedOn: isoDate(values.receivedOn),
          note: values.note?.trim() || null,
        })
      : await createFund({
          orgId: values.orgId,
          name: values.name,
          kind: values.kind,
          year: values.year,
          receivedFen,
          receivedOn: isoDate(values.receivedOn),
          note: values.note?.trim() || null,
        });
    message.success(t(fund ? 'funds.saved' : 'funds.created'));
    onSaved(saved);
  };

  return (
    <FormModal<Values>
      title={t(fund ? 'funds.editTitle' : 'funds.create')}
      width={560}
      testId="fund-form-submit"
      submitText={t('common.save')}
      initialValues={
        fund
          ? {
              orgId: fund.orgId,
              name: fund.name,
              kind: fund.kind,
              year: fund.year,
              receivedYuan: fund.receivedFen / 100,
              receivedOn: fund.receivedOn ? dayjs(fund.receivedOn) : null,
              note: fund.note,
            }
          : { orgId: me.orgId, year: businessYear(), kind: 'government' }
      }
      onClose={onClose}
      onFinish={submit}
    >
      <Form.Item
        name="orgId"
        label={t('funds.field.org')}
        rules={[{ required: true, message: t('funds.rule.org') }]}
      >
        <OrgTreeSelect disabled={Boolean(fund)} data-testid="fund-form-org" />
      </Form.Item>
      <ProFormText
        name="name"
        label={t('funds.field.name')}
        placeholder={t('funds.placeholder.name')}
        fieldProps={{ maxLength: 100, 'data-testid': 'fund-form-name' } as object}
        rules={[{ required: true, whitespace: true, min: 2, max: 100, message: t('funds.rule.name') }]}
      />
      <ProFormSelect
        name="kind"
        label={t('funds.field.kind')}
        disabled={Boolean(fund)}
        options={FUND_KINDS.map((k) => ({ value: k, label: t(`fundKind.${k}`) }))}
        rules={[{ required: true, message: t('funds.rule.kind') }]}
      />
      <ProFormDigit
        name="year"
        label={t('funds.field.year')}
        disabled={Boolean(fund)}
        min={2000}
        max={2100}
        fieldProps={{ precision: 0 }}
        rules={[{ required: true, message: t('funds.rule.year') }]}
      />
      <ProFormDigit
        name="receivedYuan"
        label={t('funds.field.received')}
        min={minYuan}
        max={100_000_000}
        fieldProps={{ precision: 2, 'data-testid': 'fund-form-amount' } as object}
        extra={
          fund && fund.allocatedFen > 0
            ? t('funds.amountLocked', { amount: formatYuan(fund.allocatedFen) })
            : undefined
        }
        rules={[{ required: true, message: t('funds.rule.received') }]}
      />
      <ProFormDatePicker name="receivedOn" label={t('funds.field.receivedOn')} />
      <ProFormTextArea
        name="note"
        label={t('funds.field.note')}
        placeholder={t('funds.placeholder.note')}
        fieldProps={{ maxLength: 500, showCount: true, rows: 2 }}
      />
    </FormModal>
  );
}
