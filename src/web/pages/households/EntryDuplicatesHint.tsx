import { useQuery } from '@tanstack/react-query';
import { Alert, List, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { DuplicateReasons } from './DuplicatesCard';
import { StatusTag } from './HouseholdTags';
import { checkEntryDuplicates, type DuplicateCheck } from './households.archive.api';

/** A mobile number, or a landline with its area code (the form's and the server's rule). */
export function phoneProblemFree(value: string | undefined): boolean {
  const phone = value?.replace(/[\s-]/g, '');
  return !phone || /^1[3-9]\d{9}$/.test(phone) || /^0\d{2,3}\d{7,8}$/.test(phone);
}

/** Wait until typing pauses: one check per name typed, not one per character. */
const PAUSE_MS = 600;

function useSettled<T>(value: T, key: string): T {
  const [settled, setSettled] = useState({ key, value });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the value (a new object with the same content is no change)
  useEffect(() => {
    const timer = setTimeout(() => setSettled({ key, value }), PAUSE_MS);
    return () => clearTimeout(timer);
  }, [key]);
  return settled.value;
}

/**
 * 可能重复: archives in the caller's scope that may be this household's (the same or a similar name,
 * the same unit, the same phone), shown on the form's first step once the name and the unit are
 * entered. It never stops saving; the links open in a new tab, so that nothing typed is lost.
 */
export function EntryDuplicatesHint(props: {
  employerOrgId: string | undefined;
  name: string | undefined;
  phone: string | undefined;
  excludeId: string | undefined;
}) {
  const { t } = useTranslation();
  const name = props.name?.trim() ?? '';
  const phone = props.phone?.replace(/[\s-]/g, '');
  const entry: DuplicateCheck | null =
    props.employerOrgId && [...name].length >= 2
      ? {
          employerOrgId: props.employerOrgId,
          name,
          ...(phone && phoneProblemFree(phone) ? { phone } : {}),
          ...(props.excludeId ? { excludeId: props.excludeId } : {}),
        }
      : null;
  const settled = useSettled(entry, JSON.stringify(entry));
  const { data } = useQuery({
    // Kept in memory only, like every query: nothing of it reaches the browser's storage.
    queryKey: ['households', 'duplicate-check', settled],
    queryFn: ({ signal }) => checkEntryDuplicates(settled!, signal),
    enabled: settled !== null,
    staleTime: 60_000,
    retry: false,
  });
  const items = entry && settled ? (data?.items ?? []) : [];
  if (items.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="household-form-duplicates"
      message={t('households.entry.dupTitle', { count: items.length })}
      description={
        <>
          <List
            size="small"
            split={false}
            dataSource={items.slice(0, 5)}
            renderItem={(d) => (
              <List.Item style={{ padding: '2px 0' }} data-testid={`household-form-duplicate-${d.id}`}>
                <Space wrap size={4}>
                  <Link to={`/households/${d.id}`} target="_blank" rel="noopener">
                    {d.name}
                  </Link>
                  <Typography.Text type="secondary">
                    {d.idMasked} · {d.employerName}
                  </Typography.Text>
                  <StatusTag status={d.status} />
                  <Typography.Text type="secondary">{t('households.entry.dupWhy')}</Typography.Text>
                  <DuplicateReasons match={d} />
                </Space>
              </List.Item>
            )}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('households.entry.dupHint')}
          </Typography.Text>
        </>
      }
    />
  );
}
