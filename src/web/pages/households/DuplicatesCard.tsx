import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { DuplicateCandidate, DuplicateMatch, DuplicateReasonKind } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { ErrorState } from '../../components/ErrorState';
import { CategoryTag, StatusTag } from './HouseholdTags';
import { archiveKeys, useDuplicateCandidates } from './households.archive.api';
import { NotDuplicateModal } from './NotDuplicateModal';

/** The strongest signs in warm colours: a namesake at the same unit, or the same phone, is often the same person. */
const REASON_COLORS: Record<DuplicateReasonKind, string> = {
  same_name: 'red',
  one_char_apart: 'orange',
  similar_name: 'gold',
  same_employer: 'purple',
  same_phone: 'volcano',
};

/**
 * Why a household is suggested, in words (同名 · 同一单位 · 同一手机号): staff check a suggestion by its
 * reasons; a bare similarity score (65 % for a namesake at the same unit) told them nothing.
 */
export function DuplicateReasons({ match }: { match: DuplicateMatch }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap data-testid="duplicate-reasons">
      {match.reasons.map((r) => (
        <Tag key={r.code} color={REASON_COLORS[r.kind]} style={{ marginInlineEnd: 0 }}>
          {t(`households.dup.reasons.${r.kind}`, { defaultValue: r.label })}
        </Tag>
      ))}
    </Space>
  );
}

/** 疑似重复档案 on the household page: similar names or the same phone within the caller's scope. */
export function DuplicatesCard({
  householdId,
  householdName,
}: {
  householdId: string;
  householdName: string;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const { data, error, isLoading, refetch } = useDuplicateCandidates(householdId);
  const [clearing, setClearing] = useState<DuplicateCandidate | null>(null);
  const items = data?.items ?? [];

  return (
    <Card
      title={t('households.dup.cardTitle')}
      data-testid="duplicates-card"
      extra={
        items.length > 0 && <Tag color="orange">{t('households.dup.count', { count: items.length })}</Tag>
      }
    >
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <List<DuplicateCandidate>
          loading={isLoading}
          dataSource={items}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('households.dup.none')} />,
          }}
          renderItem={(d) => (
            <List.Item
              data-testid={`duplicate-${d.id}`}
              actions={
                can('household.review')
                  ? [
                      <Button
                        key="clear"
                        size="small"
                        onClick={() => setClearing(d)}
                        data-testid="not-duplicate"
                      >
                        {t('households.dup.notDuplicate')}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    <Link to={`/households/${d.id}`}>{d.name}</Link>
                    <StatusTag status={d.status} />
                    <CategoryTag category={d.category} />
                  </Space>
                }
                description={
                  <Space direction="vertical" size={2}>
                    <Typography.Text type="secondary">
                      {d.idMasked}
                      {d.phoneMasked ? ` · ${d.phoneMasked}` : ''} · {d.employerName}
                    </Typography.Text>
                    <Space size={4} wrap>
                      <Typography.Text type="secondary">{t('households.entry.dupWhy')}</Typography.Text>
                      <DuplicateReasons match={d} />
                    </Space>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
      {clearing && (
        <NotDuplicateModal
          a={{ id: householdId, name: householdName }}
          b={{ id: clearing.id, name: clearing.name }}
          onClose={() => setClearing(null)}
          onDone={() => {
            setClearing(null);
            void queryClient.invalidateQueries({ queryKey: archiveKeys.duplicates(householdId) });
            void queryClient.invalidateQueries({ queryKey: archiveKeys.duplicates(clearing.id) });
            void queryClient.invalidateQueries({ queryKey: ['households', 'detail'] });
          }}
        />
      )}
    </Card>
  );
}
