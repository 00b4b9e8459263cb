import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Progress,
  Slider,
  Space,
  Table,
  Tag,
  Tooltip,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/errors';
import type { ReviewSample, ReviewSampleItem, ReviewSampleSummary, SampleFinding } from '../../api/types';
import { useMe } from '../../auth/AuthContext';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { businessYear, formatDateTime } from '../../lib/format';
import { buttonTestId } from '../../lib/testId';
import { archiveKeys, drawSample, getSample, listSamples, recordFinding } from './households.archive.api';

interface DrawValues {
  year: number;
  orgId: string;
  percent: number;
  seed?: string;
}

const SAMPLE_KEYS = ['households', 'review-samples'] as const;

/** Column widths (px) of the year's samples; their sum is the width below which the table scrolls. */
const OVERVIEW_WIDTHS = {
  org: 200,
  size: 110,
  progress: 220,
  discrepancies: 120,
  drawnBy: 100,
  drawnAt: 160,
  actions: 80,
};
const OVERVIEW_WIDTH = Object.values(OVERVIEW_WIDTHS).reduce((a, b) => a + b, 0);
/** The same for the households of a sample. */
const ITEM_WIDTHS = {
  position: 56,
  name: 100,
  idMasked: 180,
  employer: 200,
  finding: 200,
  actions: 190,
};
const ITEMS_WIDTH = Object.values(ITEM_WIDTHS).reduce((a, b) => a + b, 0);

/**
 * 抽查: the upper level draws a reproducible sample (≥ 30 %) of a unit's reviews of the year and records
 * findings. Samples are stored: the panel shows the year's samples of the subtree with their progress,
 * and the current sample of the chosen unit (or an earlier, superseded draw of it).
 */
export function ReviewSamplePanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DrawValues>();
  // `?year=2025` opens an earlier year's samples (findings may still be missing there).
  const [searchParams] = useSearchParams();
  const [initialYear] = useState(() => {
    const asked = Number(searchParams.get('year'));
    return Number.isInteger(asked) && asked >= 2000 && asked <= businessYear() ? asked : businessYear();
  });
  const year = Form.useWatch('year', form) ?? initialYear;
  const orgId = Form.useWatch('orgId', form) ?? me.orgId;
  const [drawing, setDrawing] = useState(false);
  /** The redraw dialog: a redraw replaces the current sample and says why (kept with the new sample). */
  const [redrawing, setRedrawing] = useState(false);
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const [overviewPage, setOverviewPage] = useState(1);
  /** A draw picked from the history of the unit; otherwise its current sample is shown. */
  const [picked, setPicked] = useState<string | null>(null);
  /** The finding being recorded: the sample is the one whose row was clicked, not whatever is shown at submit. */
  const [finding, setFinding] = useState<{
    sampleId: string;
    item: ReviewSampleItem;
    result: SampleFinding;
  } | null>(null);

  const overview = useQuery({
    queryKey: archiveKeys.samples({ year, current: true, page: overviewPage, pageSize: 10 }),
    queryFn: ({ signal }) => listSamples({ year, current: true, page: overviewPage, pageSize: 10 }, signal),
    placeholderData: keepPreviousData,
  });
  const ofUnit = useQuery({
    queryKey: archiveKeys.samples({ year, orgId, page: 1, pageSize: 50 }),
    queryFn: ({ signal }) => listSamples({ year, orgId, page: 1, pageSize: 50 }, signal),
    enabled: !!orgId,
  });
  const draws = ofUnit.data?.items ?? [];
  const current = draws.find((d) => !d.supersededAt) ?? null;
  const shownId = (picked && draws.some((d) => d.id === picked) ? picked : null) ?? current?.id ?? null;
  const shown = useQuery({
    queryKey: archiveKeys.sample(shownId ?? ''),
    queryFn: ({ signal }) => getSample(shownId!, signal),
    enabled: !!shownId,
  });
  const sample = shownId ? (shown.data ?? null) : null;

  const showSample = (next: ReviewSample) => {
    queryClient.setQueryData(archiveKeys.sample(next.id), next);
    void queryClient.invalidateQueries({ queryKey: SAMPLE_KEYS });
  };

  const draw = async (values: DrawValues, redrawReason?: string) => {
    setDrawing(true);
    try {
      const drawn = await drawSample({
        year: values.year,
        orgId: values.orgId,
        ratio: Math.round(values.percent) / 100,
        seed: values.seed?.trim() || undefined,
        redrawReason,
      });
      setRedrawing(false);
      reasonForm.resetFields();
      setPicked(null);
      showSample(drawn);
      message.success(t('households.sample.drawn', { count: drawn.size }));
    } catch (error) {
      message.error(errorMessage(error));
      void queryClient.invalidateQueries({ queryKey: SAMPLE_KEYS });
    } finally {
      setDrawing(false);
    }
  };

  const final = !!current && current.checked > 0;
  const drawButton = (
    <Button
      type="primary"
      // Never a submit button: the first draw asks first (Popconfirm), a redraw asks for its reason.
      htmlType="button"
      onClick={current && !final ? () => setRedrawing(true) : undefined}
      loading={drawing}
      disabled={final}
      data-testid="sample-draw"
    >
      {current ? t('households.sample.redraw') : t('households.sample.draw')}
    </Button>
  );

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('households.sample.drawTitle')} size="small">
        <Alert type="info" showIcon message={t('households.sample.intro')} style={{ marginBottom: 16 }} />
        <Form<DrawValues>
          form={form}
          layout="inline"
          initialValues={{ year: initialYear, orgId: me.orgId, percent: 30 }}
          onFinish={(values) => void draw(values)}
          onValuesChange={(changed) => {
            if ('year' in changed || 'orgId' in changed) setPicked(null);
            if ('year' in changed) setOverviewPage(1);
          }}
          style={{ rowGap: 12 }}
        >
          <Form.Item name="year" label={t('households.sample.year')} rules={[{ required: true }]}>
            <InputNumber<number> min={2000} max={2100} precision={0} data-testid="sample-year" />
          </Form.Item>
          <Form.Item
            name="orgId"
            label={t('households.sample.org')}
            rules={[{ required: true, message: t('households.sample.orgRequired') }]}
          >
            <OrgTreeSelect style={{ width: 240 }} allowClear={false} data-testid="sample-org" />
          </Form.Item>
          <Form.Item label={t('households.sample.ratio')} required>
            <Space>
              <Form.Item name="percent" noStyle>
                <Slider min={30} max={100} style={{ width: 140 }} />
              </Form.Item>
              <Form.Item name="percent" noStyle rules={[{ required: true }]}>
                <InputNumber<number>
                  min={30}
                  max={100}
                  precision={0}
                  addonAfter="%"
                  style={{ width: 110 }}
                  data-testid="sample-ratio"
                />
              </Form.Item>
            </Space>
          </Form.Item>
          <Form.Item
            name="seed"
            label={t('households.sample.seed')}
            tooltip={t('households.sample.seedHint')}
          >
            <Input
              maxLength={64}
              allowClear
              placeholder={t('households.sample.seedPlaceholder')}
              data-testid="sample-seed"
            />
          </Form.Item>
          <Form.Item>
            {final ? (
              <Tooltip title={t('households.sample.final')}>{drawButton}</Tooltip>
            ) : current ? (
              drawButton
            ) : (
              // The first draw fixes the sample: a later redraw has to say why.
              <Popconfirm
                title={t('households.sample.draw')}
                description={<div style={{ maxWidth: 320 }}>{t('households.sample.drawConfirm')}</div>}
                okText={t('common.ok')}
                cancelText={t('common.cancel')}
                onConfirm={() => form.submit()}
                okButtonProps={buttonTestId('sample-draw-confirm')}
              >
                {drawButton}
              </Popconfirm>
            )}
          </Form.Item>
        </Form>
        {final && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            message={t('households.sample.final')}
            data-testid="sample-final"
          />
        )}
      </Card>

      <Modal
        open={redrawing}
        title={t('households.sample.redraw')}
        okText={t('households.sample.redraw')}
        cancelText={t('common.cancel')}
        confirmLoading={drawing}
        okButtonProps={buttonTestId('sample-redraw-confirm')}
        onCancel={() => setRedrawing(false)}
        onOk={() =>
          void reasonForm
            .validateFields()
            .then(async ({ reason }) => {
              const values = await form.validateFields();
              await draw(values, reason.trim());
            })
            .catch(() => {})
        }
        destroyOnHidden
      >
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('households.sample.redrawConfirm', { year })}
        />
        <Form form={reasonForm} layout="vertical">
          <Form.Item
            name="reason"
            label={t('households.sample.redrawReason')}
            rules={[
              { required: true, whitespace: true, message: t('households.sample.redrawReasonRequired') },
            ]}
          >
            <Input.TextArea
              autoFocus
              rows={3}
              maxLength={200}
              showCount
              placeholder={t('households.sample.redrawReasonPlaceholder')}
              data-testid="sample-redraw-reason"
            />
          </Form.Item>
        </Form>
      </Modal>

      <Card title={t('households.sample.overviewTitle', { year })} size="small">
        <Table<ReviewSampleSummary>
          size="small"
          rowKey="id"
          data-testid="sample-overview"
          loading={overview.isFetching}
          dataSource={overview.data?.items ?? []}
          locale={{ emptyText: t('households.sample.overviewEmpty') }}
          // The unit and who drew keep a readable width: narrower windows scroll sideways (1024 px in
          // English squeezed them to nothing).
          scroll={{ x: OVERVIEW_WIDTH }}
          pagination={
            (overview.data?.total ?? 0) > 10
              ? {
                  current: overviewPage,
                  pageSize: 10,
                  total: overview.data?.total,
                  onChange: setOverviewPage,
                }
              : false
          }
          columns={[
            {
              title: t('households.sample.org'),
              dataIndex: 'orgName',
              ellipsis: { showTitle: true },
              width: OVERVIEW_WIDTHS.org,
            },
            {
              title: t('households.sample.sizeOfPopulation'),
              render: (_, s) => `${s.size} / ${s.population}`,
              width: OVERVIEW_WIDTHS.size,
            },
            {
              title: t('households.sample.progressTitle'),
              width: OVERVIEW_WIDTHS.progress,
              render: (_, s) => <SampleProgress sample={s} />,
            },
            {
              title: t('households.sample.discrepancies'),
              dataIndex: 'discrepancies',
              // Wide enough for "Discrepancies" on one line (a word is never broken).
              width: OVERVIEW_WIDTHS.discrepancies,
              render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : n),
            },
            {
              title: t('households.sample.drawnBy'),
              dataIndex: 'drawnByName',
              ellipsis: { showTitle: true },
              width: OVERVIEW_WIDTHS.drawnBy,
            },
            {
              title: t('households.sample.drawnAt'),
              dataIndex: 'drawnAt',
              width: OVERVIEW_WIDTHS.drawnAt,
              render: (at: string) => formatDateTime(at),
            },
            {
              title: t('common.actions'),
              width: OVERVIEW_WIDTHS.actions,
              render: (_, s) => (
                <Button
                  type="link"
                  size="small"
                  onClick={() => {
                    form.setFieldValue('orgId', s.orgId);
                    setPicked(s.id);
                  }}
                  data-testid={`sample-view-${s.orgId}`}
                >
                  {t('households.sample.view')}
                </Button>
              ),
            },
          ]}
        />
      </Card>

      {sample && (
        <Card
          title={t('households.sample.resultTitle')}
          size="small"
          data-testid="sample-result"
          extra={<SampleProgress sample={sample} testId="sample-progress" />}
        >
          {sample.supersededAt && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message={t('households.sample.superseded', { at: formatDateTime(sample.supersededAt) })}
              action={
                <Button size="small" onClick={() => setPicked(null)}>
                  {t('households.sample.backToCurrent')}
                </Button>
              }
              data-testid="sample-superseded"
            />
          )}
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('households.sample.org')}>{sample.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('households.sample.year')}>{sample.year}</Descriptions.Item>
            <Descriptions.Item label={t('households.sample.ratio')}>
              {Math.round(sample.ratio * 100)}%
            </Descriptions.Item>
            <Descriptions.Item label={t('households.sample.seed')}>
              <span data-testid="sample-seed-value" style={{ fontFamily: 'monospace' }}>
                {sample.seed}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('households.sample.population')}>
              <span data-testid="sample-population">{sample.population}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('households.sample.size')}>
              <span data-testid="sample-size">{sample.size}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('households.sample.drawnBy')}>
              {sample.drawnByName ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('households.sample.drawnAt')}>
              {formatDateTime(sample.drawnAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('households.sample.discrepancies')}>
              <span data-testid="sample-discrepancies">{sample.discrepancies}</span>
            </Descriptions.Item>
            {sample.redrawReason && (
              <Descriptions.Item label={t('households.sample.redrawReason')} span={3}>
                <span data-testid="sample-redraw-reason-value">{sample.redrawReason}</span>
              </Descriptions.Item>
            )}
          </Descriptions>
          <Table<ReviewSampleItem>
            size="small"
            rowKey="householdId"
            data-testid="sample-items"
            dataSource={sample.items}
            pagination={sample.items.length > 20 ? { pageSize: 20 } : false}
            locale={{ emptyText: t('households.sample.empty') }}
            scroll={{ x: sample.supersededAt ? ITEMS_WIDTH - ITEM_WIDTHS.actions : ITEMS_WIDTH }}
            columns={[
              { title: '#', dataIndex: 'position', width: ITEM_WIDTHS.position },
              {
                title: t('households.field.name'),
                dataIndex: 'name',
                width: ITEM_WIDTHS.name,
                render: (_, item) => <Link to={`/households/${item.householdId}`}>{item.name}</Link>,
              },
              {
                title: t('households.field.idNumber'),
                dataIndex: 'idMasked',
                width: ITEM_WIDTHS.idMasked,
                onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
              },
              {
                title: t('households.field.employer'),
                dataIndex: 'employerName',
                ellipsis: { showTitle: true },
                width: ITEM_WIDTHS.employer,
              },
              {
                title: t('households.sample.finding'),
                dataIndex: 'result',
                width: ITEM_WIDTHS.finding,
                render: (_, item) =>
                  item.result ? (
                    <Space direction="vertical" size={0}>
                      <Tag
                        color={item.result === 'confirmed' ? 'green' : 'red'}
                        data-testid={`sample-finding-${item.householdId}`}
                      >
                        {t(`households.sample.findings.${item.result}`)}
                      </Tag>
                      {item.note && <span>{item.note}</span>}
                      {item.checkedAt && (
                        <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>
                          {t('households.sample.checkedBy', {
                            name: item.checkedByName ?? '—',
                            at: formatDateTime(item.checkedAt),
                          })}
                        </span>
                      )}
                    </Space>
                  ) : (
                    <Tag>{t('households.sample.unchecked')}</Tag>
                  ),
              },
              ...(sample.supersededAt
                ? []
                : [
                    {
                      title: t('common.actions'),
                      width: ITEM_WIDTHS.actions,
                      render: (_: unknown, item: ReviewSampleItem) => (
                        <Space size={4}>
                          <Button
                            size="small"
                            onClick={() => setFinding({ sampleId: sample.id, item, result: 'confirmed' })}
                            data-testid={`sample-confirm-${item.householdId}`}
                          >
                            {t('households.sample.findings.confirmed')}
                          </Button>
                          <Button
                            size="small"
                            danger
                            onClick={() => setFinding({ sampleId: sample.id, item, result: 'discrepancy' })}
                            data-testid={`sample-discrepancy-${item.householdId}`}
                          >
                            {t('households.sample.findings.discrepancy')}
                          </Button>
                        </Space>
                      ),
                    },
                  ]),
            ]}
          />
          {draws.length > 1 && (
            <div style={{ marginTop: 12 }} data-testid="sample-history">
              <span style={{ marginRight: 8 }}>{t('households.sample.historyLabel')}</span>
              <Space wrap size={4}>
                {draws.map((d) => (
                  <Tag.CheckableTag key={d.id} checked={d.id === sample.id} onChange={() => setPicked(d.id)}>
                    {t('households.sample.drawTag', {
                      at: formatDateTime(d.drawnAt),
                      tag: t(
                        d.supersededAt ? 'households.sample.supersededTag' : 'households.sample.current',
                      ),
                    })}
                  </Tag.CheckableTag>
                ))}
              </Space>
            </div>
          )}
        </Card>
      )}

      {finding && (
        <FindingModal
          sampleId={finding.sampleId}
          item={finding.item}
          result={finding.result}
          onClose={() => setFinding(null)}
          onDone={(next) => {
            showSample(next);
            setFinding(null);
          }}
        />
      )}
    </Space>
  );
}

/** N of M sampled households checked. */
function SampleProgress({ sample, testId }: { sample: ReviewSampleSummary; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Space size={8} data-testid={testId}>
      <Progress
        percent={sample.size ? Math.round((sample.checked / sample.size) * 100) : 0}
        size="small"
        showInfo={false}
        style={{ width: 80, margin: 0 }}
        status={sample.checked === sample.size ? 'success' : 'normal'}
      />
      <span>{t('households.sample.progress', { checked: sample.checked, size: sample.size })}</span>
    </Space>
  );
}

function FindingModal({
  sampleId,
  item,
  result,
  onClose,
  onDone,
}: {
  sampleId: string;
  item: ReviewSampleItem;
  result: SampleFinding;
  onClose: () => void;
  onDone: (sample: ReviewSample) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const { note } = await form.validateFields();
    setSaving(true);
    try {
      onDone(await recordFinding(sampleId, item.householdId, result, note.trim()));
      message.success(t('households.sample.findingSaved'));
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('households.sample.findingTitle', {
        finding: t(`households.sample.findings.${result}`),
        name: item.name,
      })}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okButtonProps={buttonTestId('sample-finding-submit', { danger: result === 'discrepancy' })}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ note: result === 'confirmed' ? t('households.sample.confirmedNote') : '' }}
      >
        <Form.Item
          name="note"
          label={t('households.sample.findingNote')}
          rules={[{ required: true, whitespace: true, message: t('households.sample.findingNoteRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="sample-finding-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
