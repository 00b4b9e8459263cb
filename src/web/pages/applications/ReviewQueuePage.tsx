import { type ActionType, PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { Button, Empty, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import { useMe } from '../../auth/AuthContext';
import { SecondLine } from '../../components/SecondLine';
import { formatDateTime } from '../../lib/format';
import { formatYuan } from '../households/money';
import { ProgramTypeTag } from '../programs/AidTags';
import type { Application } from './applications.api';
import { BatchApproveModal } from './BatchApproveModal';
import { ReviewDrawer } from './ReviewDrawer';

/** Applications whose current step is the caller's own unit, one by one or in a batch. */
export default function ReviewQueuePage() {
  const { t } = useTranslation('aid');
  const me = useMe();
  const actionRef = useRef<ActionType>(null);
  const [selected, setSelected] = useState<Application[]>([]);
  const [open, setOpen] = useState<Application | null>(null);
  // The selection as it was when the batch started: the table reloads under the open dialog.
  const [batch, setBatch] = useState<Application[] | null>(null);
  const reload = () => {
    setSelected([]);
    void actionRef.current?.reload();
  };

  // The amounts come right after the name and the program, the unit and the submission time as grey
  // second lines: at 1024 px the amounts sat out of sight behind the sticky 操作 column.
  const columns: ProColumns<Application>[] = [
    {
      title: t('review.household'),
      dataIndex: 'householdName',
      width: 120,
      render: (_, a) => (
        <>
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            onClick={() => setOpen(a)}
            data-testid={`review-open-${a.id}`}
          >
            {a.householdName}
          </Button>
          <SecondLine text={a.orgName} />
        </>
      ),
    },
    {
      title: t('applications.field.program'),
      dataIndex: 'programName',
      width: 170,
      render: (_, a) => (
        <Typography.Text ellipsis={{ tooltip: a.programName }} style={{ display: 'block' }}>
          <ProgramTypeTag type={a.programType} />
          {a.programName}
        </Typography.Text>
      ),
    },
    {
      title: t('applications.field.requested'),
      align: 'right',
      width: 92,
      render: (_, a) => <span data-testid={`review-requested-${a.id}`}>{formatYuan(a.requestedFen)}</span>,
    },
    {
      title: t('review.lastProposed'),
      align: 'right',
      width: 92,
      render: (_, a) => formatYuan(a.proposedFen),
    },
    {
      title: t('review.limit'),
      align: 'right',
      width: 92,
      render: (_, a) => formatYuan(a.eligibility.limitFen),
    },
    {
      title: t('applications.field.currentStep'),
      width: 160,
      render: (_, a) => (
        <>
          {t(`level.${a.chain[a.step]?.level ?? 'grassroots'}`)}
          <SecondLine text={formatDateTime(a.submittedAt)} />
        </>
      ),
    },
    {
      title: t('common.actions'),
      fixed: 'right',
      width: 72,
      render: (_, a) => (
        <Button size="small" type="primary" ghost onClick={() => setOpen(a)}>
          {t('review.open')}
        </Button>
      ),
    },
  ];
  /** The sum of the widths and the check box: the table scrolls only when the window is narrower. */
  const tableWidth = columns.reduce((acc, c) => acc + Number(c.width ?? 0), 32);

  return (
    <PageContainer title={t('review.title')} subTitle={t('review.subtitle', { unit: me.orgName })}>
      <ProTable<Application>
        rowKey="id"
        scroll={{ x: tableWidth }}
        actionRef={actionRef}
        columns={columns}
        search={false}
        request={async (params) => {
          const page = await api<Page<Application>>('/applications', {
            query: {
              awaitingMe: true,
              status: 'pending',
              page: params.current ?? 1,
              pageSize: params.pageSize ?? 20,
            },
          });
          return { data: page.items, total: page.total, success: true };
        }}
        rowSelection={{
          selectedRowKeys: selected.map((a) => a.id),
          onChange: (_, rows) => setSelected(rows),
          preserveSelectedRowKeys: true,
        }}
        tableAlertRender={false}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        options={{ density: false, setting: false }}
        locale={{ emptyText: <Empty description={t('review.empty')} /> }}
        toolBarRender={() => [
          <Button
            key="batch"
            type="primary"
            disabled={selected.length === 0}
            onClick={() => setBatch(selected)}
            data-testid="batch-approve"
          >
            {t('review.batchApprove', { count: selected.length })}
          </Button>,
        ]}
        data-testid="review-table"
      />
      {open && (
        <ReviewDrawer
          application={open}
          onClose={() => {
            setOpen(null);
            reload();
          }}
        />
      )}
      {batch && (
        <BatchApproveModal
          applications={batch}
          onClose={() => {
            setBatch(null);
            reload();
          }}
          onDone={reload}
        />
      )}
    </PageContainer>
  );
}
