import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { DuplicatePair, DuplicateSide } from '../../api/types';
import { ErrorState } from '../../components/ErrorState';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { DuplicateReasons } from './DuplicatesCard';
import { StatusTag } from './HouseholdTags';
import { archiveKeys, listDuplicatePairs } from './households.archive.api';
import { householdListPath } from './listState';
import { NotDuplicateModal } from './NotDuplicateModal';

const PAGE_SIZE = 20;

function Side({ side }: { side: DuplicateSide }) {
  return (
    <Space direction="vertical" size={0}>
      <Space size={4} wrap>
        <Link to={`/households/${side.id}`}>{side.name}</Link>
        <StatusTag status={side.status} />
      </Space>
      <Typography.Text type="secondary">
        {side.idMasked}
        {side.phoneMasked ? ` · ${side.phoneMasked}` : ''}
      </Typography.Text>
      <Typography.Text type="secondary">{side.employerName}</Typography.Text>
    </Space>
  );
}

/** 疑似重复档案: the reviewers' work list of suggested pairs; each pair can be cleared as 不是重复. */
export default function DuplicatesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [orgId, setOrgId] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [clearing, setClearing] = useState<DuplicatePair | null>(null);
  const { data, error, isFetching, refetch } = useQuery({
    queryKey: archiveKeys.duplicatePairs(orgId, page, PAGE_SIZE),
    queryFn: ({ signal }) => listDuplicatePairs({ orgId, page, pageSize: PAGE_SIZE }, signal),
  });

  return (
    <PageContainer
      title={t('households.dup.pageTitle')}
      breadcrumbRender={false}
      onBack={() => navigate(householdListPath())}
    >
      <Card>
        <Space style={{ marginBottom: 16 }} wrap>
          <Typography.Text>{t('households.field.employer')}</Typography.Text>
          <OrgTreeSelect
            style={{ width: 260 }}
            value={orgId}
            onChange={(value) => {
              setOrgId(value || undefined);
              setPage(1);
            }}
            data-testid="duplicates-org-filter"
          />
          <Button onClick={() => void refetch()}>{t('households.dup.refresh')}</Button>
        </Space>
        <Typography.Paragraph type="secondary">{t('households.dup.pageHint')}</Typography.Paragraph>
        {error ? (
          <ErrorState error={error} onRetry={() => void refetch()} />
        ) : (
          <>
            <Table<DuplicatePair>
              data-testid="duplicates-table"
              rowKey={(p) => `${p.a.id}:${p.b.id}`}
              loading={isFetching}
              dataSource={data?.items ?? []}
              pagination={false}
              locale={{
                emptyText: (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('households.dup.pairsEmpty')} />
                ),
              }}
              columns={[
                { title: t('households.dup.sideA'), key: 'a', render: (_, p) => <Side side={p.a} /> },
                { title: t('households.dup.sideB'), key: 'b', render: (_, p) => <Side side={p.b} /> },
                {
                  title: t('households.dup.why'),
                  key: 'why',
                  render: (_, p) => <DuplicateReasons match={p} />,
                },
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 120,
                  render: (_, p) => (
                    <Button size="small" onClick={() => setClearing(p)} data-testid="not-duplicate">
                      {t('households.dup.notDuplicate')}
                    </Button>
                  ),
                },
              ]}
            />
            <Space style={{ marginTop: 16, justifyContent: 'flex-end', width: '100%' }}>
              <Button disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
                {t('households.dup.prev')}
              </Button>
              <Typography.Text>{t('households.dup.page', { page })}</Typography.Text>
              <Button disabled={!data?.hasMore} onClick={() => setPage((p) => p + 1)}>
                {t('households.dup.next')}
              </Button>
            </Space>
          </>
        )}
      </Card>
      {clearing && (
        <NotDuplicateModal
          a={clearing.a}
          b={clearing.b}
          onClose={() => setClearing(null)}
          onDone={() => {
            setClearing(null);
            void refetch();
          }}
        />
      )}
    </PageContainer>
  );
}
