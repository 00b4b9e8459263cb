import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
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
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../../api/errors';
import { type OrgLevel, SCHOOL_LEVELS, type SchoolLevel } from '../../api/types';
import { useAuth, useMe } from '../../auth/AuthContext';
import { ErrorState } from '../../components/ErrorState';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageLoading } from '../../components/PageLoading';
import { businessYear } from '../../lib/format';
import { showServerErrors } from '../../lib/formErrors';
import { useFunds } from '../funds/funds.api';
import { formatYuan, yuanToFen } from '../households/money';
import {
  AID_CATEGORIES,
  type AidCategory,
  allocate,
  CHAIN_LEVELS,
  createProgram,
  PROGRAM_TYPES,
  type ProgramDetail,
  type ProgramRules,
  type ProgramType,
  programKeys,
  updateProgram,
  useProgram,
} from './programs.api';

interface Values {
  orgId: string;
  type: ProgramType;
  year: number;
  name: string;
  categories: AidCategory[];
  capPerHouseholdYuan?: number | null;
  capPerYearYuan?: number | null;
  dibaoMonths?: number | null;
  tuitionYuan?: Partial<Record<SchoolLevel, number | null>>;
  window: [Dayjs, Dayjs];
  requiredDocuments: string[];
  reviewChain: OrgLevel[];
  publicityDays: number;
  allocations: { sourceId?: string; amountYuan?: number }[];
}

/** Fields that stay editable once somebody applied (the server says the same). */
const ALWAYS = ['name', 'window', 'requiredDocuments'];
const STEP_FIELDS: string[][] = [
  ['orgId', 'type', 'year', 'name'],
  ['categories', 'capPerHouseholdYuan', 'capPerYearYuan', 'dibaoMonths', 'tuitionYuan'],
  ['window', 'requiredDocuments', 'reviewChain', 'publicityDays'],
  ['allocations'],
];

const fenOrNull = (yuan: number | null | undefined) => (yuan ? yuanToFen(yuan) : null);
const yuanOrNull = (fen: number | null | undefined) => (fen ? fen / 100 : null);

function toValues(p: ProgramDetail): Values {
  return {
    orgId: p.orgId,
    type: p.type,
    year: p.year,
    name: p.name,
    categories: p.categories,
    capPerHouseholdYuan: yuanOrNull(p.capPerHouseholdFen),
    capPerYearYuan: yuanOrNull(p.capPerYearFen),
    dibaoMonths: p.dibaoMonths,
    tuitionYuan: Object.fromEntries(Object.entries(p.tuitionCaps ?? {}).map(([k, v]) => [k, yuanOrNull(v)])),
    window: [dayjs(p.windowStart), dayjs(p.windowEnd)],
    requiredDocuments: p.requiredDocuments,
    reviewChain: p.reviewChain,
    publicityDays: p.publicityDays,
    allocations: [],
  };
}

function toRules(v: Values): ProgramRules {
  const tuition = Object.fromEntries(
    Object.entries(v.tuitionYuan ?? {})
      .filter(([, y]) => y)
      .map(([k, y]) => [k, yuanToFen(y as number)]),
  );
  return {
    name: v.name.trim(),
    categories: v.categories,
    capPerHouseholdFen: fenOrNull(v.capPerHouseholdYuan),
    capPerYearFen: fenOrNull(v.capPerYearYuan),
    dibaoMonths: v.dibaoMonths || null,
    tuitionCaps: Object.keys(tuition).length ? tuition : null,
    requiredDocuments: (v.requiredDocuments ?? []).map((d) => d.trim()).filter(Boolean),
    windowStart: v.window[0].format('YYYY-MM-DD'),
    windowEnd: v.window[1].format('YYYY-MM-DD'),
    reviewChain: CHAIN_LEVELS.filter((l) => v.reviewChain.includes(l)),
    publicityDays: v.publicityDays,
  };
}

export default function ProgramFormPage() {
  const { id } = useParams();
  const existing = useProgram(id);
  if (id && existing.isLoading) return <PageLoading />;
  if (id && existing.isError)
    return <ErrorState error={existing.error} onRetry={() => void existing.refetch()} />;
  return <ProgramForm program={existing.data} />;
}

function ProgramForm({ program }: { program?: ProgramDetail }) {
  const { t } = useTranslation('aid');
  const { message } = App.useApp();
  const { can } = useAuth();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState(0);
  const [saving, setSaving] = useState(false);
  const locked = (program?.applicationCount ?? 0) > 0;
  const canAllocate = !program && can('fund.write') && can('fund.read');
  const type = Form.useWatch('type', form);
  const year = Form.useWatch('year', form);
  const funds = useFunds({ year }, canAllocate && Boolean(year));
  const lastStep = canAllocate ? 3 : 2;

  const initialValues = useMemo<Partial<Values>>(
    () =>
      program
        ? toValues(program)
        : {
            orgId: me.orgId,
            type: 'warmth',
            year: businessYear(),
            categories: ['deep', 'relative', 'sudden'],
            requiredDocuments: [],
            reviewChain: [],
            publicityDays: 5,
            allocations: [],
          },
    [program, me.orgId],
  );

  const disabled = (field: string) => (program ? locked && !ALWAYS.includes(field) : false);

  const next = async () => {
    try {
      await form.validateFields(STEP_FIELDS[step]);
      setStep(step + 1);
    } catch {
      message.error(t('common.fixBeforeNext'));
    }
  };

  const save = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch (error) {
      const first = (error as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      const top = String(first?.name[0] ?? '');
      const at = STEP_FIELDS.findIndex((fields) => fields.includes(top));
      if (at >= 0) setStep(at);
      return;
    }
    const rules = toRules(values);
    setSaving(true);
    try {
      if (program) {
        const body: Partial<ProgramRules> = locked
          ? {
              name: rules.name,
              windowStart: rules.windowStart,
              windowEnd: rules.windowEnd,
              requiredDocuments: rules.requiredDocuments,
            }
          : rules;
        await updateProgram(program.id, body);
        message.success(t('programs.saved'));
        void queryClient.invalidateQueries({ queryKey: programKeys.all });
        navigate(`/programs/${program.id}`);
        return;
      }
      const created = await createProgram({
        ...rules,
        orgId: values.orgId,
        type: values.type,
        year: values.year,
      });
      for (const a of values.allocations ?? []) {
        if (!a.sourceId || !a.amountYuan) continue;
        try {
          await allocate(created.id, { sourceId: a.sourceId, amountFen: yuanToFen(a.amountYuan) });
        } catch (error) {
          message.error(t('programs.allocationFailed', { reason: errorMessage(error) }));
        }
      }
      message.success(t('programs.created'));
      void queryClient.invalidateQueries({ queryKey: programKeys.all });
      navigate(`/programs/${created.id}`);
    } catch (error) {
      showServerErrors(form, error, message);
    } finally {
      setSaving(false);
    }
  };

  const show = (index: number) => ({ display: step === index ? 'block' : 'none' });
  const steps = [
    { title: t('programs.step.basic') },
    { title: t('programs.step.rules') },
    { title: t('programs.step.process') },
    ...(canAllocate ? [{ title: t('programs.step.funds') }] : []),
  ];

  return (
    <PageContainer
      title={program ? `${t('programs.edit')}：${program.name}` : t('programs.create')}
      breadcrumbRender={false}
      onBack={() => navigate(program ? `/programs/${program.id}` : '/programs')}
    >
      <Card>
        <Steps current={step} items={steps} onChange={setStep} style={{ marginBottom: 24 }} />
        {locked && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('programs.lockedHint', { count: program?.applicationCount })}
          />
        )}
        <Form<Values> form={form} layout="vertical" initialValues={initialValues} data-testid="program-form">
          <div style={show(0)}>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item
                  name="orgId"
                  label={t('programs.field.org')}
                  rules={[{ required: true, message: t('programs.rule.org') }]}
                >
                  <OrgTreeSelect disabled={Boolean(program)} data-testid="program-form-org" />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item
                  name="type"
                  label={t('programs.field.type')}
                  rules={[{ required: true, message: t('programs.rule.type') }]}
                >
                  <Select
                    disabled={Boolean(program)}
                    options={PROGRAM_TYPES.map((k) => ({ value: k, label: t(`programType.${k}`) }))}
                    data-testid="program-form-type"
                  />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item
                  name="year"
                  label={t('programs.field.year')}
                  rules={[{ required: true, message: t('programs.rule.year') }]}
                >
                  <InputNumber
                    min={2000}
                    max={2100}
                    precision={0}
                    disabled={Boolean(program)}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item
              name="name"
              label={t('programs.field.name')}
              rules={[
                { required: true, whitespace: true, min: 2, max: 100, message: t('programs.rule.name') },
              ]}
            >
              <Input
                maxLength={100}
                placeholder={t('programs.placeholder.name')}
                data-testid="program-form-name"
              />
            </Form.Item>
          </div>

          <div style={show(1)}>
            <Form.Item
              name="categories"
              label={t('programs.field.categories')}
              rules={[{ required: true, type: 'array', min: 1, message: t('programs.rule.categories') }]}
            >
              <Checkbox.Group
                disabled={disabled('categories')}
                options={AID_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
              />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name="capPerHouseholdYuan" label={t('programs.field.capPerHousehold')}>
                  <InputNumber
                    min={0.01}
                    precision={2}
                    style={{ width: '100%' }}
                    placeholder={t('programs.noCap')}
                    disabled={disabled('capPerHouseholdYuan')}
                    data-testid="program-form-cap"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="capPerYearYuan" label={t('programs.field.capPerYear')}>
                  <InputNumber
                    min={0.01}
                    precision={2}
                    style={{ width: '100%' }}
                    placeholder={t('programs.noCap')}
                    disabled={disabled('capPerYearYuan')}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="dibaoMonths" label={t('programs.field.dibaoMonths')}>
                  <InputNumber
                    min={1}
                    max={36}
                    precision={0}
                    style={{ width: '100%' }}
                    placeholder={t('programs.noCap')}
                    disabled={disabled('dibaoMonths')}
                  />
                </Form.Item>
              </Col>
            </Row>
            {type === 'tuition' && (
              <Form.Item
                label={t('programs.field.tuitionCaps')}
                required
                name="tuitionYuan"
                rules={[
                  {
                    validator: async (_, v: Values['tuitionYuan']) => {
                      if (!Object.values(v ?? {}).some(Boolean)) throw new Error(t('programs.rule.tuition'));
                    },
                  },
                ]}
              >
                <TuitionCapsInput disabled={disabled('tuitionYuan')} />
              </Form.Item>
            )}
          </div>

          <div style={show(2)}>
            <Form.Item
              name="window"
              label={t('programs.field.window')}
              rules={[{ required: true, message: t('programs.rule.window') }]}
            >
              <DatePicker.RangePicker style={{ width: 320 }} data-testid="program-form-window" />
            </Form.Item>
            <Form.Item label={t('programs.field.documents')}>
              <Form.List name="requiredDocuments">
                {(fields, { add, remove }) => (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    {fields.map((field) => (
                      <Space key={field.key} align="baseline">
                        <Form.Item
                          {...field}
                          noStyle
                          rules={[{ required: true, whitespace: true, min: 2, max: 50 }]}
                        >
                          <Input
                            placeholder={t('programs.placeholder.document')}
                            style={{ width: 320 }}
                            maxLength={50}
                          />
                        </Form.Item>
                        <MinusCircleOutlined onClick={() => remove(field.name)} />
                      </Space>
                    ))}
                    <Button
                      type="dashed"
                      icon={<PlusOutlined />}
                      onClick={() => add('')}
                      disabled={fields.length >= 20}
                    >
                      {t('programs.addDocument')}
                    </Button>
                  </Space>
                )}
              </Form.List>
            </Form.Item>
            <Form.Item
              name="reviewChain"
              label={t('programs.field.reviewChain')}
              extra={t('programs.chainHint')}
              rules={[{ required: true, type: 'array', min: 1, message: t('programs.rule.chain') }]}
            >
              <Checkbox.Group
                disabled={disabled('reviewChain')}
                options={CHAIN_LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))}
                data-testid="program-form-chain"
              />
            </Form.Item>
            <Form.Item
              name="publicityDays"
              label={t('programs.field.publicityDays')}
              rules={[{ required: true }]}
            >
              <InputNumber min={0} max={60} precision={0} disabled={disabled('publicityDays')} />
            </Form.Item>
          </div>

          {canAllocate && (
            <div style={show(3)}>
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 16 }}
                message={t('programs.allocationHint')}
              />
              <Form.List name="allocations">
                {(fields, { add, remove }) => (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    {fields.map((field) => (
                      <Space key={field.key} align="baseline" wrap>
                        <Form.Item
                          name={[field.name, 'sourceId']}
                          rules={[{ required: true, message: t('programs.rule.source') }]}
                        >
                          <Select
                            style={{ width: 360 }}
                            placeholder={t('programs.field.source')}
                            loading={funds.isLoading}
                            options={(funds.data?.items ?? [])
                              .filter((f) => f.unallocatedFen > 0)
                              .map((f) => ({
                                value: f.id,
                                label: `${f.name}（${f.orgName}，${t('funds.field.unallocated')} ${formatYuan(f.unallocatedFen)}）`,
                              }))}
                          />
                        </Form.Item>
                        <Form.Item
                          name={[field.name, 'amountYuan']}
                          rules={[{ required: true, message: t('programs.rule.amount') }]}
                        >
                          <InputNumber
                            min={0.01}
                            precision={2}
                            placeholder={t('programs.field.amount')}
                            style={{ width: 180 }}
                          />
                        </Form.Item>
                        <MinusCircleOutlined onClick={() => remove(field.name)} />
                      </Space>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                      {t('programs.addAllocation')}
                    </Button>
                  </Space>
                )}
              </Form.List>
            </div>
          )}
        </Form>
        {!program && !canAllocate && step === lastStep && (
          <Alert type="warning" showIcon style={{ marginTop: 16 }} message={t('programs.noFundPermission')} />
        )}
        <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 24, gap: 8 }}>
          <Space>
            {step > 0 && <Button onClick={() => setStep(step - 1)}>{t('common.prev')}</Button>}
            {step < lastStep && (
              <Button type="primary" onClick={() => void next()} data-testid="program-form-next">
                {t('common.next')}
              </Button>
            )}
          </Space>
          {(step === lastStep || program) && (
            <Button
              type="primary"
              loading={saving}
              onClick={() => void save()}
              data-testid="program-form-save"
            >
              {t('common.save')}
            </Button>
          )}
        </div>
      </Card>
    </PageContainer>
  );
}

/** Yuan per student for each school level; empty levels get no aid. */
function TuitionCapsInput({
  value,
  onChange,
  disabled,
}: {
  value?: Values['tuitionYuan'];
  onChange?: (v: Values['tuitionYuan']) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation('aid');
  return (
    <Row gutter={[16, 8]}>
      {SCHOOL_LEVELS.map((level) => (
        <Col key={level} xs={12} md={8}>
          <InputNumber
            addonBefore={t(`school.${level}`)}
            min={0.01}
            precision={2}
            disabled={disabled}
            style={{ width: '100%' }}
            value={value?.[level] ?? null}
            onChange={(v) => onChange?.({ ...value, [level]: v })}
            data-testid={`program-form-tuition-${level}`}
          />
        </Col>
      ))}
    </Row>
  );
}
