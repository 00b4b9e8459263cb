import { Alert, App, DatePicker, Empty, Form, Input, Modal, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { showServerErrors } from '../../lib/formErrors';
import { validated } from '../../lib/validated';
import { formatYuan } from '../households/money';
import { useReasonLabel } from './PublicityTags';
import { type Candidate, useCandidates, usePublish } from './publicity.api';

interface Values {
  title?: string;
  startDate: Dayjs;
  endDate: Dayjs;
  note?: string;
}

const ISO = 'YYYY-MM-DD';

/** 发布公示: choose approved applications not yet on a notice, the period (≥ the program's days) and a title. */
export function PublishModal({
  programId,
  publicityDays,
  open,
  onClose,
}: {
  programId: string;
  publicityDays: number;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('publicity');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const candidates = useCandidates(programId, open);
  const publish = usePublish(programId);
  const reason = useReasonLabel();
  const [selected, setSelected] = useState<string[]>([]);
  const items = candidates.data?.items ?? [];

  useEffect(() => {
    if (!open || !candidates.data) return;
    setSelected(candidates.data.items.map((c) => c.applicationId));
    form.setFieldsValue({
      startDate: dayjs(candidates.data.defaultStartDate),
      endDate: dayjs(candidates.data.defaultEndDate),
    });
  }, [open, candidates.data, form]);

  const total = useMemo(
    () => items.filter((c) => selected.includes(c.applicationId)).reduce((n, c) => n + c.approvedFen, 0),
    [items, selected],
  );
  const today = candidates.data?.defaultStartDate;

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    if (!selected.length) {
      message.error(t('publish.selectAtLeastOne'));
      return;
    }
    try {
      const detail = await publish.mutateAsync({
        title: values.title?.trim() || undefined,
        startDate: values.startDate.format(ISO),
        endDate: values.endDate.format(ISO),
        note: values.note?.trim() || null,
        applicationIds: selected.length === items.length ? undefined : selected,
      });
      message.success(t('publish.done'));
      onClose();
      navigate(`/publicity/${detail.id}`);
    } catch (error) {
      showServerErrors(form, error, message);
    }
  };

  return (
    <Modal
      title={t('publish.title')}
      open={open}
      width={860}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('publish.submit')}
      okButtonProps={{ disabled: !items.length, loading: publish.isPending }}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('publish.intro')} {t('panel.daysHint', { days: publicityDays })}
        </Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Space align="start" wrap>
            <Form.Item
              name="startDate"
              label={t('field.startDate')}
              rules={[{ required: true, message: t('publish.startRequired') }]}
            >
              <DatePicker
                allowClear={false}
                disabledDate={(d) => !!today && d.isBefore(dayjs(today), 'day')}
                onChange={(d) => {
                  if (d) form.setFieldValue('endDate', d.add(Math.max(publicityDays, 1) - 1, 'day'));
                }}
              />
            </Form.Item>
            <Form.Item
              name="endDate"
              label={t('field.endDate')}
              dependencies={['startDate']}
              rules={[
                { required: true, message: t('publish.endRequired') },
                ({ getFieldValue }) => ({
                  validator(_, value: Dayjs | undefined) {
                    const start = getFieldValue('startDate') as Dayjs | undefined;
                    if (!value || !start) return Promise.resolve();
                    if (value.isBefore(start, 'day'))
                      return Promise.reject(new Error(t('publish.endBeforeStart')));
                    const minEnd = start.add(publicityDays - 1, 'day');
                    if (value.isBefore(minEnd, 'day'))
                      return Promise.reject(
                        new Error(t('publish.tooShort', { days: publicityDays, minEnd: minEnd.format(ISO) })),
                      );
                    return Promise.resolve();
                  },
                }),
              ]}
            >
              <DatePicker allowClear={false} />
            </Form.Item>
          </Space>
          <Form.Item
            name="title"
            label={t('field.title')}
            rules={[{ min: 4, message: t('publish.titleMin') }]}
            style={{ marginBottom: 8 }}
          >
            <Input placeholder={t('publish.titlePlaceholder')} maxLength={200} />
          </Form.Item>
          <Form.Item
            name="note"
            label={t('field.note')}
            rules={[{ max: 1000, message: t('publish.noteMax') }]}
            style={{ marginBottom: 8 }}
          >
            <Input.TextArea rows={2} placeholder={t('publish.notePlaceholder')} maxLength={1000} />
          </Form.Item>
        </Form>
        {candidates.isError && <Alert type="error" message={String(candidates.error)} />}
        <Table<Candidate>
          rowKey="applicationId"
          size="small"
          loading={candidates.isLoading}
          dataSource={items}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: <Empty description={t('publish.noCandidates')} /> }}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
          columns={[
            {
              title: t('field.name'),
              dataIndex: 'householdName',
              render: (v: string, c) => `${v}（${c.maskedName}）`,
            },
            { title: t('field.unit'), dataIndex: 'unitName', ellipsis: true },
            { title: t('field.reason'), render: (_, c) => reason(c.category, c.schoolLevel) },
            { title: t('field.amount'), align: 'right', render: (_, c) => formatYuan(c.approvedFen) },
          ]}
          footer={() => t('publish.selected', { count: selected.length, amount: formatYuan(total) })}
        />
      </Space>
    </Modal>
  );
}
