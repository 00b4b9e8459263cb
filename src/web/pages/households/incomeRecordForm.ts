/** 月收入登记: the checks of the dialog and what it says about a month that has a record already. */
import type { Rule } from 'antd/es/form';
import type { IncomeRecord } from '../../api/types';
import i18n from '../../i18n';
import { formatYuan } from './money';

/** As the server's schema (and the household form's annual amounts): at most 100,000,000 yuan. */
const MAX_AMOUNT_YUAN = 100_000_000;
export const MAX_HOUSEHOLD_SIZE = 30;

/**
 * The fields' rules. A wrong figure is refused with a message where it was typed, never clamped: the
 * record decides the automatic exit proposal, so -5 must not become 0.00 unseen (nor 0 persons 1).
 */
export function incomeRecordRules(): { income: Rule[]; rigid: Rule[]; householdSize: Rule[] } {
  const t = i18n.t.bind(i18n);
  const amount: Rule[] = [
    { type: 'number', min: 0, message: t('households.rule.amountNegative') },
    { type: 'number', max: MAX_AMOUNT_YUAN, message: t('households.rule.amountTooLarge') },
  ];
  return {
    income: [{ required: true, message: t('households.rule.amount') }, ...amount],
    rigid: amount,
    householdSize: [
      { type: 'integer', message: t('households.income.sizeInteger') },
      { type: 'number', min: 1, message: t('households.income.sizeMin') },
      { type: 'number', max: MAX_HOUSEHOLD_SIZE, message: t('households.income.sizeMax') },
    ],
  };
}

/**
 * "2026-11 已登记（收入 6,000.00 元，3 人），保存将更正该月记录" when the month chosen has a record (the
 * server replaces it), or null.
 */
export function existingRecordNote(items: readonly IncomeRecord[], month: string | undefined): string | null {
  const existing = month ? items.find((r) => r.month === month) : undefined;
  if (!existing) return null;
  const values = {
    month: existing.month,
    income: formatYuan(existing.incomeFen),
    rigid: formatYuan(existing.rigidExpenditureFen),
    count: existing.householdSize,
  };
  return existing.rigidExpenditureFen > 0
    ? i18n.t('households.income.existingRigid', values)
    : i18n.t('households.income.existing', values);
}
