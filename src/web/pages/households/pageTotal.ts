import i18n from '../../i18n';

/**
 * The pager's total of a household list, "共 19 户" / "19 households", the same on every list of
 * households (a capped count reads "超过 10,000 户…").
 */
export function householdPageTotal(n: number, capped = false): string {
  const shown = n.toLocaleString('zh-CN');
  return capped
    ? i18n.t('households.stats.pageTotalCapped', { n: shown })
    : i18n.t('households.stats.pageTotal', { count: n, n: shown });
}
