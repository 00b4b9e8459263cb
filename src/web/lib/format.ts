import dayjs from 'dayjs';
import i18n from '../i18n';

export const BUSINESS_TZ = 'Asia/Shanghai';

/**
 * The business year now (Asia/Shanghai): the default of every year filter and form. The browser's own
 * year differs for a few hours around New Year's Eve when the computer's clock is set to another zone.
 */
export function businessYear(): number {
  return dayjs().tz(BUSINESS_TZ).year();
}

/** Today's business day (Asia/Shanghai), `YYYY-MM-DD`: the end of a default period, open windows. */
export function businessToday(): string {
  return dayjs().tz(BUSINESS_TZ).format('YYYY-MM-DD');
}

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

/** A list as the language writes it: 患病、残疾 / Illness, Disability. */
export function joinList(items: readonly string[]): string {
  return items.join(i18n.language === 'en' ? ', ' : '、');
}
