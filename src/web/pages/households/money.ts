/** Money is integer fen in the API; the forms show yuan. Conversion happens only here. */
import i18n from '../../i18n';

/** 1208050 → "12,080.50" */
export function formatYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  return `${negative ? '-' : ''}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** A yuan amount typed by the user (at most 2 decimals) → whole fen, without float drift. */
export function yuanToFen(yuan: number | string | null | undefined): number {
  if (yuan === null || yuan === undefined || yuan === '') return 0;
  const text = typeof yuan === 'number' ? yuan.toFixed(2) : yuan.replace(/[,，\s]/g, '');
  const match = /^(-?)(\d+)(?:\.(\d{1,2})\d*)?$/.exec(text);
  if (!match) return 0;
  const [, sign, whole = '0', decimals = ''] = match;
  const value = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  return sign === '-' ? -value : value;
}

export const fenToYuan = (fen: number): number => fen / 100;

/** An amount with its unit, as the language writes it: 1,200.00 元 / 1,200.00 yuan. */
export function yuanText(fen: number | null | undefined): string {
  return i18n.t('common.yuanAmount', { amount: formatYuan(fen) });
}

/**
 * A per-capita monthly income with its unit. Rigid expenditure above the income makes it negative: it
 * is shown as computed (the category rests on it), with the reason beside it, so it does not read as an
 * error: "-291.67 元（刚性支出超过收入）".
 */
export function perCapitaText(fen: number | null | undefined): string {
  if (fen !== null && fen !== undefined && fen < 0)
    return i18n.t('households.decision.perCapitaNegative', { amount: formatYuan(fen) });
  return yuanText(fen);
}
