import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Steps,
  Table,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/errors';
import {
  ATTACHMENT_KINDS,
  type AttachmentKind,
  CAUSES,
  type Cause,
  EXPENDITURE_KINDS,
  type ExpenditureKind,
  HEALTH_STATUSES,
  type HealthStatus,
  type HouseholdDetail,
  type HouseholdInput,
  INCOME_KINDS,
  type IncomeKind,
  type OrgNode,
  RELATIONS,
  type Relation,
  SCHOOL_LEVELS,
  type SchoolLevel,
} from '../../api/types';
import { useMe } from '../../auth/AuthContext';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageLoading } from '../../components/PageLoading';
import { useOrgTree } from '../orgs/orgs.api';
import { findNode } from '../orgs/orgTree';
import { EntryDuplicatesHint, phoneProblemFree } from './EntryDuplicatesHint';
import { HouseholdLoadFailure } from './HouseholdLoadFailure';
import { blankRows, draftFields, withoutBlankRows } from './householdDraft';
import {
  createHousehold,
  householdKeys,
  transition,
  updateHousehold,
  uploadFile,
  useHousehold,
  usePolicyInForce,
} from './households.api';
import { idErrorField } from './idErrorField';
import { idInfo, idProblem } from './idNumber';
import { LiveCategory } from './LiveCategory';
import { householdListPath } from './listState';
import { formatYuan, yuanToFen } from './money';
import { useLeaveGuard } from './useLeaveGuard';
import { useStepHistory } from './useStepHistory';

/** Select options of a closed vocabulary, each value with its label. */
const choices = <V extends string>(values: readonly V[], label: (value: V) => string) =>
  values.map((value) => ({ value, label: label(value) }));

interface MemberRow {
  /** A member loaded from the server (edit mode): its number and health note are kept unless retyped. */
  id?: string;
  relation?: Relation;
  name?: string;
  idNumber?: string;
  /** Masked number of a member loaded from the server (edit mode). */
  idMasked?: string;
  healthStatus?: HealthStatus;
  healthNote?: string;
  schoolLevel?: SchoolLevel;
  occupation?: string;
}
interface MoneyRow<K> {
  kind?: K;
  description?: string;
  annualYuan?: number | null;
}
interface AttachmentRow {
  fileId: string;
  name: string;
  kind: AttachmentKind;
  note?: string;
}
interface FormValues {
  employerOrgId?: string;
  name?: string;
  idNumber?: string;
  phone?: string;
  job?: string;
  memberSince?: Dayjs | null;
  address?: string;
  bankName?: string;
  bankAccount?: string;
  members?: MemberRow[];
  incomes?: MoneyRow<IncomeKind>[];
  expenditures?: MoneyRow<ExpenditureKind>[];
  causes?: Cause[];
  situation?: string;
}

const STEP_FIELDS: string[][] = [
  ['employerOrgId', 'name', 'idNumber', 'phone', 'job', 'memberSince', 'address', 'bankName', 'bankAccount'],
  ['members'],
  ['incomes', 'expenditures'],
  ['causes', 'situation', 'attachments'],
];
const stepOf = (top: string) =>
  Math.max(
    0,
    STEP_FIELDS.findIndex((fields) => fields.includes(top)),
  );

/** The largest annual amount the form takes (yuan), as the server's schema. */
const MAX_ANNUAL_YUAN = 100_000_000;

const clean = (value: string | undefined | null) => {
  const v = value?.trim();
  return v ? v : null;
};

function toFormValues(h: HouseholdDetail): FormValues {
  return {
    employerOrgId: h.employerOrgId,
    name: h.name,
    idNumber: '',
    phone: '',
    job: h.job ?? undefined,
    memberSince: h.memberSince ? dayjs(h.memberSince) : null,
    address: h.address ?? undefined,
    bankName: h.bankName ?? undefined,
    bankAccount: '',
    members: h.members.map((m) => ({
      id: m.id,
      relation: m.relation,
      name: m.name,
      idNumber: '',
      idMasked: m.idMasked,
      healthStatus: m.healthStatus,
      schoolLevel: m.schoolLevel ?? undefined,
      occupation: m.occupation ?? undefined,
    })),
    incomes: h.incomes.map((i) => ({
      kind: i.kind,
      description: i.description ?? undefined,
      annualYuan: i.annualFen / 100,
    })),
    expenditures: h.expenditures.map((e) => ({
      kind: e.kind,
      description: e.description ?? undefined,
      annualYuan: e.annualFen / 100,
    })),
    causes: h.causes,
    situation: h.situation ?? undefined,
  };
}

export default function HouseholdFormPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const detail = useHousehold(id);
  if (id && detail.isLoading) return <PageLoading />;
  if (id && (detail.error || !detail.data))
    return <HouseholdLoadFailure id={id} error={detail.error} onRetry={() => void detail.refetch()} />;
  if (detail.data && !['draft', 'returned'].includes(detail.data.status)) {
    const h = detail.data;
    return (
      <PageContainer
        title={t('households.editTitle')}
        breadcrumbRender={false}
        onBack={() => navigate(`/households/${h.id}`)}
      >
        <Alert
          type="warning"
          showIcon
          data-testid="household-not-editable"
          message={t('households.form.notEditable')}
          description={t('households.form.notEditableStatus', {
            name: h.name,
            status: t(`households.status.${h.status}`),
          })}
          action={
            <Space direction="vertical">
              <Button type="primary" size="small" onClick={() => navigate(`/households/${h.id}`)}>
                {t('households.form.viewArchive')}
              </Button>
              <Button size="small" onClick={() => navigate(householdListPath())}>
                {t('households.action.back')}
              </Button>
            </Space>
          }
        />
      </PageContainer>
    );
  }
  return <HouseholdForm household={detail.data} />;
}

function HouseholdForm({ household }: { household?: HouseholdDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  // The step is in the address (Back and Forward move between steps); a new archive reloaded starts
  // over at the first step, its entries being gone (nothing typed is kept in the browser).
  const { step, goTo: setStep, leave } = useStepHistory(STEP_FIELDS.length, { startOver: !household });
  const [saving, setSaving] = useState(false);
  /** Something was typed, chosen or attached since the form opened or was last saved. */
  const unsaved = useRef(false);
  useLeaveGuard(() => unsaved.current);
  /** Why the last save failed when no field can show it: it stays until the next save (a toast passes). */
  const [saveError, setSaveError] = useState<string | null>(null);
  const [attachments, setAttachmentRows] = useState<AttachmentRow[]>(
    household?.attachments.map((a) => ({
      fileId: a.fileId,
      name: a.name,
      kind: a.kind,
      note: a.note ?? undefined,
    })) ?? [],
  );
  const changeAttachments = (change: (list: AttachmentRow[]) => AttachmentRow[]) => {
    unsaved.current = true;
    setAttachmentRows(change);
  };
  const [uploading, setUploading] = useState(0);
  // In edit mode the lists are sent only when changed: member ID numbers come masked and must be retyped.
  const dirty = useRef(new Set<string>());
  const [membersDirty, setMembersDirty] = useState(false);
  const isEdit = Boolean(household);
  const me = useMe();

  const initialValues = useMemo<FormValues>(
    () =>
      household
        ? toFormValues(household)
        : {
            employerOrgId: me.orgLevel === 'grassroots' ? me.orgId : undefined,
            members: [],
            incomes: [{ kind: 'wages', annualYuan: null }],
            expenditures: [],
            causes: [],
          },
    [household, me.orgId, me.orgLevel],
  );

  // ——— the live computation ———
  const employerOrgId = Form.useWatch('employerOrgId', form);
  const idNumber = Form.useWatch('idNumber', form);
  const name = Form.useWatch('name', form);
  const phone = Form.useWatch('phone', form);
  const members = Form.useWatch('members', form) ?? initialValues.members ?? [];
  const incomes = Form.useWatch('incomes', form) ?? initialValues.incomes ?? [];
  const expenditures = Form.useWatch('expenditures', form) ?? initialValues.expenditures ?? [];
  const causes = Form.useWatch('causes', form) ?? initialValues.causes ?? [];
  const orgTree = useOrgTree(false);
  const employer: OrgNode | null =
    employerOrgId && orgTree.data ? findNode(orgTree.data, employerOrgId) : null;
  const regionCode = employer?.regionCode;
  const policy = usePolicyInForce(regionCode);
  const sum = (rows: MoneyRow<string>[]) => rows.reduce((acc, r) => acc + yuanToFen(r?.annualYuan ?? 0), 0);
  const annualIncomeFen = sum(incomes);
  const rigidExpenditureFen = sum(expenditures);
  const amountValid = (r: MoneyRow<string> | undefined) =>
    typeof r?.annualYuan !== 'number' || (r.annualYuan >= 0 && r.annualYuan <= MAX_ANNUAL_YUAN);
  /** A wrong amount shows its error; the totals and the category wait for the correction. */
  const amountsValid = incomes.every(amountValid) && expenditures.every(amountValid);
  /**
   * No category on an income nobody entered: 0.00 元 would read 深度困难. An income of 0 is typed as 0;
   * a household with no income row at all (every row removed, or none on file) has none, and is judged.
   */
  const incomeEntered = incomes.length === 0 || incomes.some((r) => typeof r?.annualYuan === 'number');
  const householdSize = 1 + members.length;
  const derived = idNumber ? idInfo(idNumber) : null;

  useEffect(() => {
    if (!household) return;
    const found = household.attachments;
    setAttachmentRows(
      found.map((a) => ({ fileId: a.fileId, name: a.name, kind: a.kind, note: a.note ?? undefined })),
    );
  }, [household]);

  const idRule = (required: () => boolean) => ({
    validator: async (_: unknown, value: string | undefined) => {
      if (!value?.trim()) {
        if (required()) throw new Error(t('households.rule.idRequired'));
        return;
      }
      const problem = idProblem(value);
      if (problem) throw new Error(t(`households.id.${problem}`));
    },
  });

  const buildInput = (values: FormValues): Partial<HouseholdInput> => {
    const input: Partial<HouseholdInput> = {
      employerOrgId: values.employerOrgId,
      name: values.name?.trim(),
      job: clean(values.job),
      memberSince: values.memberSince ? values.memberSince.format('YYYY-MM-DD') : null,
      address: clean(values.address),
      bankName: clean(values.bankName),
      situation: clean(values.situation),
      causes: values.causes ?? [],
      incomes: (values.incomes ?? []).map((r) => ({
        kind: r.kind ?? 'other',
        description: clean(r.description),
        annualFen: yuanToFen(r.annualYuan ?? 0),
      })),
      expenditures: (values.expenditures ?? []).map((r) => ({
        kind: r.kind ?? 'medical',
        description: clean(r.description),
        annualFen: yuanToFen(r.annualYuan ?? 0),
      })),
      attachments: attachments.map((a) => ({ fileId: a.fileId, kind: a.kind, note: clean(a.note) })),
    };
    const idNumberValue = values.idNumber?.trim().toUpperCase();
    if (idNumberValue) input.idNumber = idNumberValue;
    const phone = clean(values.phone);
    if (phone || !isEdit) input.phone = phone;
    const bank = values.bankAccount?.replace(/\s/g, '');
    if (bank || !isEdit) input.bankAccount = bank || null;
    if (!isEdit || membersDirty) {
      input.members = (values.members ?? []).map((m) => {
        const idNumber = m.idNumber?.trim().toUpperCase();
        return {
          // A member on file keeps its sealed number unless retyped, and its health note (not on this form).
          ...(m.id ? { id: m.id } : { healthNote: clean(m.healthNote) }),
          ...(idNumber || !m.id ? { idNumber: idNumber ?? '' } : {}),
          relation: m.relation ?? 'other',
          name: m.name?.trim() ?? '',
          healthStatus: m.healthStatus ?? 'healthy',
          schoolLevel: m.schoolLevel ?? null,
          occupation: clean(m.occupation),
        };
      });
    }
    return input;
  };

  const showErrors = (error: unknown, values: FormValues) => {
    // An ID number refused (held by another live archive, or typed twice): on its field, at its step.
    if (error instanceof ApiError) {
      const name = idErrorField(
        error.code,
        error.messageZh,
        { idNumber: values.idNumber, idMasked: household?.idMasked },
        values.members ?? [],
      );
      if (name) {
        form.setFields([{ name, errors: [error.localized] } as Parameters<typeof form.setFields>[0][number]]);
        setStep(stepOf(String(name[0])));
        message.error(t('households.form.fixErrors'));
        return;
      }
    }
    if (error instanceof ApiError && error.fieldErrors.some((d) => d.path)) {
      const fields: { name: (string | number)[]; errors: string[] }[] = [];
      const rest: string[] = [];
      for (const d of error.fieldErrors) {
        const parts = (d.path ?? '')
          .replace(/^body\./, '')
          .split('.')
          .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
        const top = String(parts[0] ?? '');
        if (STEP_FIELDS.flat().includes(top) && top !== 'attachments') {
          const name = parts.map((p) => (p === 'annualFen' ? 'annualYuan' : p));
          fields.push({ name, errors: [d.message] });
        } else rest.push(d.message);
      }
      if (fields.length > 0) {
        form.setFields(fields as Parameters<typeof form.setFields>[0]);
        setStep(stepOf(String(fields[0]?.name[0])));
        message.error(t('households.form.fixErrors'));
      }
      if (rest.length > 0) setSaveError(rest.join(t('households.form.errorSeparator')));
      return;
    }
    setSaveError(errorMessage(error));
  };

  const save = async (andSubmit: boolean) => {
    let values: FormValues;
    try {
      if (andSubmit) values = await form.validateFields();
      else {
        // A draft: what has been entered, checked as the server checks it; rows left empty are not sent.
        const all = form.getFieldsValue(true) as FormValues;
        const names = form.getFieldsError().map((f) => f.name);
        await form.validateFields(draftFields(names, blankRows(all)));
        values = withoutBlankRows(all);
      }
    } catch (error) {
      const first = (error as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) setStep(stepOf(String(first.name[0])));
      message.error(t('households.form.fixErrors'));
      return;
    }
    if (andSubmit && (values.causes ?? []).length === 0) {
      form.setFields([{ name: 'causes', errors: [t('households.rule.causesRequired')] }]);
      setStep(3);
      return;
    }
    setSaving(true);
    setSaveError(null);
    try {
      const input = buildInput(values);
      const saved = household
        ? await updateHousehold(household.id, input)
        : await createHousehold(input as HouseholdInput);
      void queryClient.invalidateQueries({ queryKey: householdKeys.all });
      if (andSubmit) {
        try {
          await transition(saved.id, 'submit');
          message.success(t('households.form.submitted'));
        } catch (error) {
          message.success(t('households.form.saved'));
          message.error(errorMessage(error));
        }
      } else message.success(t('households.form.saved'));
      void queryClient.invalidateQueries({ queryKey: householdKeys.all });
      unsaved.current = false;
      await leave(`/households/${saved.id}`);
    } catch (error) {
      showErrors(error, values);
    } finally {
      setSaving(false);
    }
  };

  const stepItems = [
    { title: t('households.step.employee') },
    { title: t('households.step.members') },
    { title: t('households.step.income') },
    { title: t('households.step.causes') },
  ];
  const show = (index: number) => ({ display: step === index ? 'block' : 'none' });
  /** The category as computed while typing: beside the figures (step 3) and under the causes (step 4). */
  const liveCategory = (
    <LiveCategory
      regionCode={regionCode}
      policy={policy.data}
      policyLoading={policy.isLoading}
      policyError={policy.error}
      annualIncomeFen={annualIncomeFen}
      rigidExpenditureFen={rigidExpenditureFen}
      householdSize={householdSize}
      accident={causes.includes('accident_disaster')}
      waitingFor={!amountsValid ? 'validAmounts' : !incomeEntered ? 'income' : undefined}
    />
  );

  const moneyTable = (name: 'incomes' | 'expenditures') => {
    const kinds = name === 'incomes' ? INCOME_KINDS : EXPENDITURE_KINDS;
    const labelKey = name === 'incomes' ? 'incomeKind' : 'expenditureKind';
    const rows = name === 'incomes' ? incomes : expenditures;
    return (
      <Form.List name={name}>
        {(fields, { add, remove }) => (
          <>
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={fields}
              data-testid={`household-form-${name}`}
              locale={{ emptyText: '—' }}
              columns={[
                {
                  title: t('households.money.kind'),
                  width: 240,
                  render: (_, field) => (
                    <Form.Item name={[field.name, 'kind']} style={{ margin: 0 }} rules={[{ required: true }]}>
                      <Select
                        options={choices(kinds, (k) =>
                          t(`households.${labelKey}.${k}` as 'households.incomeKind.wages'),
                        )}
                      />
                    </Form.Item>
                  ),
                },
                {
                  title: t('households.money.description'),
                  render: (_, field) => (
                    <Form.Item name={[field.name, 'description']} style={{ margin: 0 }}>
                      <Input maxLength={100} />
                    </Form.Item>
                  ),
                },
                {
                  title: t('households.money.annual'),
                  width: 200,
                  render: (_, field) => (
                    <Form.Item
                      name={[field.name, 'annualYuan']}
                      style={{ margin: 0 }}
                      rules={[
                        { required: true, message: t('households.rule.amount') },
                        { type: 'number', min: 0, message: t('households.rule.amountNegative') },
                        {
                          type: 'number',
                          max: MAX_ANNUAL_YUAN,
                          message: t('households.rule.amountTooLarge'),
                        },
                      ]}
                    >
                      {/* No min/max on the input: it would keep the old value unseen while -5 is typed. */}
                      <InputNumber<number>
                        precision={2}
                        style={{ width: '100%' }}
                        placeholder={t('households.placeholder.amount')}
                        data-testid={`household-${name}-${field.name}-amount`}
                      />
                    </Form.Item>
                  ),
                },
                {
                  width: 48,
                  render: (_, field) => (
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
                  ),
                },
              ]}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={2}>
                    {t('households.money.total')}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    {rows.every(amountValid) ? formatYuan(sum(rows)) : '—'}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} />
                </Table.Summary.Row>
              )}
            />
            <Button
              type="dashed"
              block
              icon={<PlusOutlined />}
              style={{ marginTop: 8 }}
              data-testid={`household-add-${name}`}
              onClick={() => add({ kind: kinds[0], annualYuan: null })}
            >
              {name === 'incomes' ? t('households.money.addIncome') : t('households.money.addExpenditure')}
            </Button>
          </>
        )}
      </Form.List>
    );
  };

  return (
    <PageContainer
      title={household ? t('households.editTitleOf', { name: household.name }) : t('households.createTitle')}
      breadcrumbRender={false}
      onBack={() => navigate(household ? `/households/${household.id}` : householdListPath())}
    >
      <Card>
        {saveError && (
          <Alert
            type="error"
            showIcon
            closable
            onClose={() => setSaveError(null)}
            message={t('households.form.saveFailed')}
            description={saveError}
            style={{ marginBottom: 16 }}
            data-testid="household-form-save-error"
          />
        )}
        <Steps
          current={step}
          items={stepItems}
          onChange={setStep}
          style={{ marginBottom: 24 }}
          data-testid="household-form-steps"
        />
        <Form<FormValues>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          data-testid="household-form"
          onValuesChange={(changed: Partial<FormValues>) => {
            unsaved.current = true;
            for (const key of Object.keys(changed)) dirty.current.add(key);
            if ('members' in changed) setMembersDirty(true);
          }}
        >
          {/* ① 职工信息 */}
          <div style={show(0)}>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item
                  name="employerOrgId"
                  label={t('households.field.employer')}
                  rules={[
                    { required: true, message: t('households.rule.employerRequired') },
                    {
                      validator: async (_, value?: string) => {
                        if (!value || !orgTree.data) return;
                        const node = findNode(orgTree.data, value);
                        if (node && node.level !== 'grassroots')
                          throw new Error(t('households.rule.employerGrassroots'));
                      },
                    },
                  ]}
                >
                  <OrgTreeSelect
                    placeholder={t('households.placeholder.employer')}
                    isDisabled={(node) => node.level !== 'grassroots'}
                    data-testid="household-form-employer"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="name"
                  label={t('households.field.name')}
                  rules={[{ required: true, whitespace: true, message: t('households.rule.nameRequired') }]}
                >
                  <Input maxLength={50} data-testid="household-form-name" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="idNumber"
                  label={t('households.field.idNumber')}
                  required={!isEdit}
                  normalize={(v?: string) => v?.toUpperCase().replace(/\s/g, '')}
                  rules={[idRule(() => !isEdit)]}
                  extra={
                    derived
                      ? t('households.id.derived', {
                          sex: t(`households.sex.${derived.sex}`),
                          birthDate: derived.birthDate,
                        })
                      : household
                        ? t('households.id.keepHint', { masked: household.idMasked })
                        : undefined
                  }
                >
                  <Input
                    maxLength={18}
                    placeholder={household ? household.idMasked : t('households.placeholder.idNumber')}
                    style={{ fontFamily: 'monospace' }}
                    data-testid="household-form-id"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="phone"
                  label={t('households.field.phone')}
                  rules={[
                    {
                      validator: async (_, v?: string) => {
                        if (!phoneProblemFree(v)) throw new Error(t('households.rule.phone'));
                      },
                    },
                  ]}
                >
                  <Input
                    maxLength={20}
                    placeholder={household?.phoneMasked ?? t('households.placeholder.phone')}
                    data-testid="household-form-phone"
                  />
                </Form.Item>
              </Col>
              {/* Under the fields it is about, above those not reached yet: it does not push what is being typed. */}
              <Col xs={24}>
                <EntryDuplicatesHint
                  employerOrgId={employerOrgId}
                  name={name}
                  phone={phone}
                  excludeId={household?.id}
                />
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="job" label={t('households.field.job')}>
                  <Input maxLength={100} data-testid="household-form-job" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="memberSince" label={t('households.field.memberSince')}>
                  <DatePicker
                    style={{ width: '100%' }}
                    disabledDate={(d) => d.isAfter(dayjs())}
                    data-testid="household-form-member-since"
                  />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item name="address" label={t('households.field.address')}>
                  <Input maxLength={200} data-testid="household-form-address" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="bankName" label={t('households.field.bankName')}>
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="bankAccount"
                  label={t('households.field.bankAccount')}
                  normalize={(v?: string) => v?.replace(/[^\d\s]/g, '')}
                  rules={[
                    {
                      validator: async (_, v?: string) => {
                        const value = v?.replace(/\s/g, '');
                        if (value && !/^\d{8,30}$/.test(value))
                          throw new Error(t('households.rule.bankAccount'));
                      },
                    },
                  ]}
                >
                  <Input
                    maxLength={40}
                    placeholder={household?.bankAccountMasked ?? undefined}
                    data-testid="household-form-bank-account"
                  />
                </Form.Item>
              </Col>
            </Row>
          </div>

          {/* ② 家庭成员 */}
          <div style={show(1)}>
            <Typography.Paragraph type="secondary">{t('households.member.hint')}</Typography.Paragraph>
            {isEdit && (members.length ?? 0) > 0 && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                message={t('households.member.editHint')}
              />
            )}
            <Form.List name="members">
              {(fields, { add, remove }) => (
                <>
                  <Table
                    size="small"
                    rowKey="key"
                    pagination={false}
                    dataSource={fields}
                    scroll={{ x: 1000 }}
                    data-testid="household-form-members"
                    columns={[
                      {
                        title: t('households.member.relation'),
                        width: 150,
                        render: (_, field) => (
                          <Form.Item
                            name={[field.name, 'relation']}
                            style={{ margin: 0 }}
                            rules={[{ required: true, message: t('households.member.relation') }]}
                          >
                            <Select
                              data-testid={`household-member-${field.name}-relation`}
                              options={choices(RELATIONS, (r) => t(`households.relation.${r}`))}
                            />
                          </Form.Item>
                        ),
                      },
                      {
                        title: t('households.member.name'),
                        width: 120,
                        render: (_, field) => (
                          <Form.Item
                            name={[field.name, 'name']}
                            style={{ margin: 0 }}
                            rules={[
                              {
                                required: true,
                                whitespace: true,
                                message: t('households.rule.nameRequired'),
                              },
                            ]}
                          >
                            <Input maxLength={50} data-testid={`household-member-${field.name}-name`} />
                          </Form.Item>
                        ),
                      },
                      {
                        title: t('households.member.idNumber'),
                        width: 220,
                        render: (_, field) => {
                          const masked = members[field.name]?.idMasked;
                          const value = members[field.name]?.idNumber;
                          const info = value ? idInfo(value) : null;
                          return (
                            <Form.Item
                              name={[field.name, 'idNumber']}
                              style={{ margin: 0 }}
                              normalize={(v?: string) => v?.toUpperCase().replace(/\s/g, '')}
                              rules={[idRule(() => !masked)]}
                              extra={info ? `${t(`households.sex.${info.sex}`)} · ${info.age}` : undefined}
                            >
                              <Input
                                maxLength={18}
                                placeholder={masked ?? t('households.placeholder.idNumber')}
                                style={{ fontFamily: 'monospace' }}
                                data-testid={`household-member-${field.name}-id`}
                              />
                            </Form.Item>
                          );
                        },
                      },
                      {
                        title: t('households.member.health'),
                        width: 130,
                        render: (_, field) => (
                          <Form.Item name={[field.name, 'healthStatus']} style={{ margin: 0 }}>
                            <Select options={choices(HEALTH_STATUSES, (h) => t(`households.health.${h}`))} />
                          </Form.Item>
                        ),
                      },
                      {
                        title: t('households.member.school'),
                        width: 130,
                        render: (_, field) => (
                          <Form.Item name={[field.name, 'schoolLevel']} style={{ margin: 0 }}>
                            <Select
                              allowClear
                              options={choices(SCHOOL_LEVELS, (s) => t(`households.school.${s}`))}
                            />
                          </Form.Item>
                        ),
                      },
                      {
                        title: t('households.member.occupation'),
                        render: (_, field) => (
                          <Form.Item name={[field.name, 'occupation']} style={{ margin: 0 }}>
                            <Input maxLength={100} />
                          </Form.Item>
                        ),
                      },
                      {
                        width: 48,
                        render: (_, field) => (
                          <Button
                            type="text"
                            danger
                            icon={<DeleteOutlined />}
                            onClick={() => remove(field.name)}
                          />
                        ),
                      },
                    ]}
                  />
                  <Button
                    type="dashed"
                    block
                    icon={<PlusOutlined />}
                    style={{ marginTop: 8 }}
                    data-testid="household-add-member"
                    onClick={() => add({ relation: 'spouse', healthStatus: 'healthy' })}
                  >
                    {t('households.member.add')}
                  </Button>
                </>
              )}
            </Form.List>
          </div>

          {/* ③ 收入与支出 */}
          <div style={show(2)}>
            <Row gutter={24}>
              <Col xs={24} xl={14}>
                <Typography.Title level={5}>{t('households.money.incomes')}</Typography.Title>
                {moneyTable('incomes')}
                <Typography.Title level={5} style={{ marginTop: 24 }}>
                  {t('households.money.expenditures')}
                </Typography.Title>
                {moneyTable('expenditures')}
              </Col>
              <Col xs={24} xl={10}>
                {step === 2 && liveCategory}
              </Col>
            </Row>
          </div>

          {/* ④ 致困原因 */}
          <div style={show(3)}>
            {/* Required to submit, not to save a draft (as the server): marked, and the hint says when. */}
            <Form.Item
              name="causes"
              label={t('households.field.causes')}
              required
              extra={t('households.entry.causesHint')}
            >
              <Checkbox.Group
                data-testid="household-form-causes"
                options={CAUSES.map((c) => ({ value: c, label: t(`households.cause.${c}`) }))}
              />
            </Form.Item>
            {/* 意外/灾害 changes the category: the officer sees the effect of the cause as it is ticked. */}
            {step === 3 && <div style={{ maxWidth: 640, marginBottom: 24 }}>{liveCategory}</div>}
            <Form.Item name="situation" label={t('households.field.situation')}>
              <Input.TextArea
                rows={5}
                maxLength={2000}
                showCount
                placeholder={t('households.placeholder.situation')}
                data-testid="household-form-situation"
              />
            </Form.Item>
            <Form.Item
              label={t('households.field.attachments')}
              extra={t('households.upload.hint', { mb: me.maxUploadMb })}
            >
              <Space direction="vertical" style={{ width: '100%' }}>
                <Upload
                  multiple
                  showUploadList={false}
                  accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx"
                  customRequest={async ({ file, onSuccess, onError }) => {
                    const f = file as File;
                    setUploading((n) => n + 1);
                    try {
                      const meta = await uploadFile(f, employerOrgId);
                      changeAttachments((list) => [
                        ...list,
                        {
                          fileId: meta.id,
                          name: meta.name || f.name,
                          kind: f.type.startsWith('image/') ? 'photo' : 'certificate',
                        },
                      ]);
                      onSuccess?.(meta);
                    } catch (error) {
                      message.error(
                        t('households.upload.failed', { name: f.name, reason: errorMessage(error) }),
                      );
                      onError?.(error as Error);
                    } finally {
                      setUploading((n) => n - 1);
                    }
                  }}
                >
                  <Button
                    icon={<UploadOutlined />}
                    loading={uploading > 0}
                    data-testid="household-form-upload"
                  >
                    {t('households.upload.button')}
                  </Button>
                </Upload>
                {attachments.length > 0 && (
                  <Table
                    size="small"
                    rowKey="fileId"
                    pagination={false}
                    dataSource={attachments}
                    data-testid="household-form-attachments"
                    columns={[
                      { title: t('households.field.attachments'), dataIndex: 'name' },
                      {
                        title: t('households.money.kind'),
                        width: 140,
                        render: (_, a) => (
                          <Select<AttachmentKind>
                            value={a.kind}
                            style={{ width: '100%' }}
                            onChange={(kind) =>
                              changeAttachments((list) =>
                                list.map((x) => (x.fileId === a.fileId ? { ...x, kind } : x)),
                              )
                            }
                            options={choices(ATTACHMENT_KINDS, (k) => t(`households.attachmentKind.${k}`))}
                          />
                        ),
                      },
                      {
                        title: t('households.upload.noteLabel'),
                        render: (_, a) => (
                          <Input
                            value={a.note}
                            maxLength={100}
                            onChange={(e) =>
                              changeAttachments((list) =>
                                list.map((x) => (x.fileId === a.fileId ? { ...x, note: e.target.value } : x)),
                              )
                            }
                          />
                        ),
                      },
                      {
                        width: 48,
                        render: (_, a) => (
                          <Button
                            type="text"
                            danger
                            icon={<DeleteOutlined />}
                            onClick={() =>
                              changeAttachments((list) => list.filter((x) => x.fileId !== a.fileId))
                            }
                          />
                        ),
                      },
                    ]}
                  />
                )}
              </Space>
            </Form.Item>
          </div>
        </Form>
        <div
          style={{
            display: 'flex',
            justifyContent: 'space-between',
            marginTop: 24,
            gap: 8,
            flexWrap: 'wrap',
          }}
        >
          <Space>
            {step > 0 && (
              <Button onClick={() => setStep(step - 1)} data-testid="household-form-prev">
                {t('households.form.prev')}
              </Button>
            )}
            {step < 3 && (
              <Button type="primary" onClick={() => void next()} data-testid="household-form-next">
                {t('households.form.next')}
              </Button>
            )}
          </Space>
          <Space>
            <Button loading={saving} onClick={() => void save(false)} data-testid="household-form-save">
              {t('households.form.saveDraft')}
            </Button>
            {step === 3 && (
              <Button
                type="primary"
                loading={saving}
                onClick={() => void save(true)}
                data-testid="household-form-submit"
              >
                {t('households.form.saveAndSubmit')}
              </Button>
            )}
          </Space>
        </div>
      </Card>
    </PageContainer>
  );

  async function next() {
    try {
      await form.validateFields(
        STEP_FIELDS[step]?.flatMap((f) => {
          if (f === 'members' || f === 'incomes' || f === 'expenditures') {
            const rows = (form.getFieldValue(f) as unknown[] | undefined) ?? [];
            const keys = f === 'members' ? ['relation', 'name', 'idNumber'] : ['kind', 'annualYuan'];
            return rows.flatMap((_, i) => keys.map((k) => [f, i, k]));
          }
          return [[f]];
        }) as (string | number)[][],
      );
      setStep(step + 1);
      window.scrollTo({ top: 0 });
    } catch {
      message.error(t('households.form.fixBeforeNext'));
    }
  }
}
