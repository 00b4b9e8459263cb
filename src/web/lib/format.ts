import dayjs from 'dayjs';

export const BUSINESS_TZ = 'Asia/Shanghai';

/** An ISO instant shown in Beijing time, `YYYY-MM-DD HH:mm:ss`. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.tz(BUSINESS_TZ).format('YYYY-MM-DD HH:mm:ss') : '—';
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.tz(BUSINESS_TZ).format('YYYY-MM-DD') : '—';
}

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toLocaleString('zh-CN');
}
