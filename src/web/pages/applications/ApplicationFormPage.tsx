import { PageContainer } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { SCHOOL_LEVELS, type SchoolLevel } from '../../api/types';
import { businessToday } from '../../lib/format';
import { showServerErrors } from '../../lib/formErrors';
import { validated } from '../../lib/validated';
import { useHousehold } from '../households/households.api';
import { formatYuan, yuanToFen } from '../households/money';
import { usePrograms, windowState } from '../programs/programs.api';
import {
  type ApplicationInput,
  applicationKeys,
  checkApplication,
  type Eligibility,
  submitApplication,
} from './applications.api';
import {
  ADMISSION,
  DocumentSlots,
  documentSlots,
  toDocumentRefs,
  type UploadedDocument,
} from './DocumentSlots';
import { EligibilityPanel } from './EligibilityPanel';
import { HouseholdPicker } from './HouseholdPicker';

interface Values {
  householdId?: string;
  programId?: string;
  amountYuan?: number | null;
  reason?: string;
  documents?: UploadedDocument[];
  studentMemberId?: string | null;
  school?: string;
  schoolLevel?: SchoolLevel | null;
}

/** The typed amount in fen, or null while it is empty or not above 0 (the field shows why). */
function amountFen(v: Values): number | null {
  const fen = yuanToFen(v.amountYuan);
  return fen > 0 ? fen : null;
}

function toInput(v: Values, tuition: boolean): ApplicationInput | null {
  if (!v.householdId || !v.programId) return null;
  return {
    householdId: v.householdId,
    programId: v.programId,
    // The check needs an amount and a reason to parse; without a valid amount only its verdict on the
    // amount is missing, and the panel leaves that out.
    requestedFen: amountFen(v) ?? 1,
    reason: v.reason && v.reason.trim().length >= 2 ? v.reason.trim() : '预审',
    documents: toDocumentRefs(v.documents),
    ...(tuition
      ? {
          studentMemberId: v.studentMemberId ?? null,
          school: v.school?.trim() && v.school.trim().length >= 2 ? v.school.trim() : null,
          schoolLevel: v.schoolLevel ?? null,
        }
      : {}),
  };
}

export default function ApplicationFormPage() {
  const { t } = useTranslation('aid');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const values = Form.useWatch([], form) as Values | undefined;
  const [submitting, setSubmitting] = useState(false);
  const today = businessToday();
  const programs = usePrograms({});
  const openPrograms = useMemo(
    () => (programs.data?.items ?? []).filter((p) => windowState(p, today) !== 'closed'),
    [programs.data, today],
  );
  const program = programs.data?.items.find((p) => p.id === values?.programId);
  const tuition = program?.type === 'tuition';
  const household = useHousehold(values?.householdId);
  const students = (household.data?.members ?? []).filter((m) => m.relation === 'child' || m.schoolLevel);

  const slots = useMemo(() => documentSlots(program), [program]);

  const { result, checking, error } = useLiveCheck(values ? toInput(values, tuition) : null);
  const limitFen = result?.limitFen ?? null;

  // The cap arrives after the amount was typed (and changes with the household or program): judge
  // the amount again against it.
  useEffect(() => {
    if (!form.isFieldTouched('amountYuan')) return;
    const over = limitFen !== null && yuanToFen(form.getFieldValue('amountYuan')) > limitFen;
    if (over || form.getFieldError('amountYuan').length > 0)
      form.validateFields(['amountYuan']).catch(() => undefined);
  }, [form, limitFen]);

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    if (tuition && !(v.documents ?? []).some((d) => d.name === ADMISSION)) {
      form.setFields([{ name: 'documents', errors: [t('applications.admissionMissing')] }]);
      return;
    }
    const input = toInput(v, tuition);
    if (!input) return;
    setSubmitting(true);
    try {
      const created = await submitApplication({
        ...input,
        requestedFen: yuanToFen(v.amountYuan ?? 0),
        reason: v.reason!.trim(),
      });
      message.success(t('applications.submitted', { unit: created.chain[0]?.orgName ?? '' }));
      void queryClient.invalidateQueries({ queryKey: applicationKeys.all });
      navigate(`/applications/${created.id}`);
    } catch (e) {
      showServerErrors(form, e, message);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <PageContainer
      title={t('applications.formTitle')}
      breadcrumbRender={false}
      onBack={() => navigate('/applications')}
    >
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              message={t('applications.onlyArchived')}
            />
            <Form<Values>
              form={form}
              layout="vertical"
              initialValues={{ programId: search.get('programId') ?? undefined, documents: [] }}
              data-testid="application-form"
              onValuesChange={(changed: Values) => {
                if (changed.householdId) form.setFieldsValue({ studentMemberId: null });
                if (changed.studentMemberId) {
                  const m = household.data?.members.find((x) => x.id === changed.studentMemberId);
                  if (m?.schoolLevel) form.setFieldsValue({ schoolLevel: m.schoolLevel });
                }
              }}
            >
              <Form.Item
                name="householdId"
                label={t('applications.field.household')}
                rules={[{ required: true, message: t('applications.rule.household') }]}
              >
                <HouseholdPicker />
              </Form.Item>
              <Form.Item
                name="programId"
                label={t('applications.field.program')}
                rules={[{ required: true, message: t('applications.rule.program') }]}
              >
                <Select
                  showSearch
                  optionFilterProp="label"
                  loading={programs.isLoading}
                  placeholder={t('applications.placeholder.program')}
                  options={openPrograms.map((p) => ({
                    value: p.id,
                    label: `${p.name}（${t(`programType.${p.type}`)}，${p.windowStart} ~ ${p.windowEnd}）`,
                  }))}
                  data-testid="application-program"
                />
              </Form.Item>
              {tuition && (
                <Row gutter={16}>
                  <Col xs={24} md={8}>
                    <Form.Item
                      name="studentMemberId"
                      label={t('applications.field.student')}
                      rules={[{ required: true, message: t('applications.rule.student') }]}
                    >
                      <Select
                        placeholder={t('applications.placeholder.student')}
                        options={students.map((m) => ({ value: m.id, label: `${m.name}（${m.age}）` }))}
                        data-testid="application-student"
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item
                      name="school"
                      label={t('applications.field.school')}
                      rules={[
                        {
                          required: true,
                          whitespace: true,
                          min: 2,
                          max: 100,
                          message: t('applications.rule.school'),
                        },
                      ]}
                    >
                      <Input
                        maxLength={100}
                        placeholder={t('applications.placeholder.school')}
                        data-testid="application-school"
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item
                      name="schoolLevel"
                      label={t('applications.field.schoolLevel')}
                      rules={[{ required: true, message: t('applications.rule.schoolLevel') }]}
                    >
                      <Select
                        placeholder={t('applications.placeholder.schoolLevel')}
                        options={SCHOOL_LEVELS.map((l) => ({ value: l, label: t(`school.${l}`) }))}
                        data-testid="application-school-level"
                      />
                    </Form.Item>
                  </Col>
                </Row>
              )}
              <Form.Item
                name="amountYuan"
                label={t('applications.field.amount')}
                extra={
                  // Over the limit the error says it already.
                  limitFen !== null && !(values && (amountFen(values) ?? 0) > limitFen)
                    ? t('applications.check.limit', { amount: formatYuan(limitFen) })
                    : undefined
                }
                rules={[
                  { required: true, message: t('applications.rule.amount') },
                  {
                    validator: async (_, v: number | null | undefined) => {
                      if (v === null || v === undefined) return;
                      const fen = yuanToFen(v);
                      if (fen <= 0) throw new Error(t('applications.rule.amountPositive'));
                      if (limitFen !== null && fen > limitFen)
                        throw new Error(t('applications.rule.overCap', { amount: formatYuan(limitFen) }));
                    },
                  },
                ]}
              >
                {/* No min: the input would ignore -5 and keep judging the old amount; the rule says why. */}
                <InputNumber
                  precision={2}
                  style={{ width: 220 }}
                  addonAfter={t('yuanUnit')}
                  data-testid="application-amount"
                />
              </Form.Item>
              <Form.Item
                name="reason"
                label={t('applications.field.reason')}
                rules={[
                  {
                    required: true,
                    whitespace: true,
                    min: 2,
                    max: 2000,
                    message: t('applications.rule.reason'),
                  },
                ]}
              >
                <Input.TextArea
                  rows={4}
                  maxLength={2000}
                  showCount
                  placeholder={t('applications.placeholder.reason')}
                  data-testid="application-reason"
                />
              </Form.Item>
              <Form.Item name="documents" label={t('applications.field.documents')}>
                <DocumentSlots slots={slots} orgId={household.data?.employerOrgId} />
              </Form.Item>
            </Form>
            <Space>
              <Button
                type="primary"
                loading={submitting}
                onClick={() => void submit()}
                data-testid="application-submit"
              >
                {t('common.submit')}
              </Button>
              <Button onClick={() => navigate('/applications')}>{t('common.cancel')}</Button>
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <div style={{ position: 'sticky', top: 80 }}>
            <EligibilityPanel
              result={result}
              checking={checking}
              error={error}
              hide={values && amountFen(values) !== null ? [] : ['amount']}
            />
          </div>
        </Col>
      </Row>
    </PageContainer>
  );
}

/** Calls the dry-run check 400 ms after the last change; answers that arrive late are dropped. */
function useLiveCheck(input: ApplicationInput | null) {
  const [result, setResult] = useState<Eligibility | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const seq = useRef(0);
  const key = input ? JSON.stringify(input) : '';
  useEffect(() => {
    const mine = ++seq.current;
    if (!key) {
      setResult(null);
      setError(null);
      return;
    }
    const timer = setTimeout(() => {
      setChecking(true);
      checkApplication(JSON.parse(key) as ApplicationInput)
        .then((r) => {
          if (mine !== seq.current) return;
          setResult(r);
          setError(null);
        })
        .catch((e: unknown) => {
          if (mine !== seq.current) return;
          setResult(null);
          setError(e);
        })
        .finally(() => {
          if (mine === seq.current) setChecking(false);
        });
    }, 400);
    return () => clearTimeout(timer);
  }, [key]);
  return { result, checking, error };
}
