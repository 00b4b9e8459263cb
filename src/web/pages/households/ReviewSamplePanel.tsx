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
  Slider,
  Space,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/errors';
import type { ReviewSample, ReviewSampleItem, SampleFinding } from '../../api/types';
import { useMe } from '../../auth/AuthContext';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { formatDateTime } from '../../lib/format';
import { buttonTestId } from '../../lib/testId';
import { drawSample, recordFinding } from './households.archive.api';

interface DrawValues {
  year: number;
  orgId: string;
  percent: number;
  seed?: string;
}

/** 抽查: the upper level draws a reproducible sample (≥ 30 %) of this year's reviews and records findings. */
export function ReviewSamplePanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<DrawValues>();
  const [drawing, setDrawing] = useState(false);
  const [sample, setSample] = useState<ReviewSample | null>(null);
  const [finding, setFinding] = useState<{ item: ReviewSampleItem; result: SampleFinding } | null>(null);

  const draw = async (values: DrawValues) => {
    setDrawing(true);
    try {
      const drawn = await drawSample({
        year: values.year,
        orgId: values.orgId,
        ratio: Math.round(values.percent) / 100,
        seed: values.seed?.trim() || undefined,
      });
      setSample(drawn);
      message.success(t('households.sample.drawn', { size: drawn.size }));
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setDrawing(false);
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('households.sample.drawTitle')} size="small">
        <Alert type="info" showIcon message={t('households.sample.intro')} style={{ marginBottom: 16 }} />
        <Form<DrawValues>
          form={form}
          layout="inline"
          initialValues={{ year: new Date().getFullYear(), orgId: me.orgId, percent: 30 }}
          onFinish={(values) => void draw(values)}
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
            <Button type="primary" htmlType="submit" loading={drawing} data-testid="sample-draw">
              {t('households.sample.draw')}
            </Button>
          </Form.Item>
        </Form>
      </Card>

      {sample && (
        <Card title={t('households.sample.resultTitle')} size="small" data-testid="sample-result">
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
            <Descriptions.Item label={t('households.sample.drawnAt')}>
              {formatDateTime(sample.drawnAt)}
            </Descriptions.Item>
          </Descriptions>
          <Table<ReviewSampleItem>
            size="small"
            rowKey="householdId"
            data-testid="sample-items"
            dataSource={sample.items}
            pagination={sample.items.length > 20 ? { pageSize: 20 } : false}
            locale={{ emptyText: t('households.sample.empty') }}
            columns={[
              { title: '#', dataIndex: 'position', width: 60 },
              {
                title: t('households.field.name'),
                dataIndex: 'name',
                render: (_, item) => <Link to={`/households/${item.householdId}`}>{item.name}</Link>,
              },
              { title: t('households.field.idNumber'), dataIndex: 'idMasked' },
              { title: t('households.field.employer'), dataIndex: 'employerName', ellipsis: true },
              {
                title: t('households.sample.finding'),
                dataIndex: 'result',
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
                    </Space>
                  ) : (
                    <Tag>{t('households.sample.unchecked')}</Tag>
                  ),
              },
              {
                title: t('common.actions'),
                width: 190,
                render: (_, item) => (
                  <Space size={4}>
                    <Button
                      size="small"
                      onClick={() => setFinding({ item, result: 'confirmed' })}
                      data-testid={`sample-confirm-${item.householdId}`}
                    >
                      {t('households.sample.findings.confirmed')}
                    </Button>
                    <Button
                      size="small"
                      danger
                      onClick={() => setFinding({ item, result: 'discrepancy' })}
                      data-testid={`sample-discrepancy-${item.householdId}`}
                    >
                      {t('households.sample.findings.discrepancy')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}

      {sample && finding && (
        <FindingModal
          sampleId={sample.id}
          item={finding.item}
          result={finding.result}
          onClose={() => setFinding(null)}
          onDone={(next) => {
            setSample(next);
            setFinding(null);
          }}
        />
      )}
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
      title={`${t(`households.sample.findings.${result}`)}：${item.name}`}
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
