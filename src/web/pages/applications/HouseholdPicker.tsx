import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseholdListItem } from '../../api/types';
import { listHouseholds } from '../households/households.api';

interface Props {
  value?: string;
  onChange?: (id: string) => void;
  disabled?: boolean;
}

/** Searches archived households only (先建档、后帮扶) by name or ID digits, as the officer types. */
export function HouseholdPicker({ value, onChange, disabled }: Props) {
  const { t } = useTranslation('aid');
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<HouseholdListItem[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      listHouseholds(
        { q: q.trim() || undefined, status: 'archived', page: 1, pageSize: 20 },
        controller.signal,
      )
        .then((page) => setOptions(page.items))
        .catch(() => {})
        .finally(() => setLoading(false));
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);

  return (
    <Select
      showSearch
      value={value}
      disabled={disabled}
      filterOption={false}
      onSearch={setQ}
      onChange={onChange}
      placeholder={t('applications.placeholder.household')}
      notFoundContent={loading ? <Spin size="small" /> : t('applications.onlyArchived')}
      options={options.map((h) => ({
        value: h.id,
        label: `${h.name}（${h.idMasked}，${h.employerName}）`,
      }))}
      data-testid="application-household"
    />
  );
}
