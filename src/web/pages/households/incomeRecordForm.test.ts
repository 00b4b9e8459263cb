import i18n from 'i18next';
import { afterAll, describe, expect, it } from 'vitest';
import '../../i18n';
import type { IncomeRecord } from '../../api/types';
import { existingRecordNote } from './incomeRecordForm';
import { perCapitaText } from './money';

afterAll(() => i18n.changeLanguage('zh-CN'));

describe('a negative per-capita income', () => {
  it('is shown as computed, with its reason', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(perCapitaText(-29167)).toBe('-291.67 元（刚性支出超过收入）');
    expect(perCapitaText(120050)).toBe('1,200.50 元');
    expect(perCapitaText(0)).toBe('0.00 元');
    await i18n.changeLanguage('en');
    expect(perCapitaText(-29167)).toBe('-291.67 yuan (rigid expenditure exceeds income)');
  });
});

describe('a month recorded already, in the income-record dialog', () => {
  const record = (month: string, incomeFen: number, rigidExpenditureFen: number, householdSize: number) =>
    ({ month, incomeFen, rigidExpenditureFen, householdSize }) as IncomeRecord;
  const items = [record('2026-11', 600000, 0, 3), record('2026-10', 500000, 45000, 1)];

  it('is named with its figures, before saving corrects it', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(existingRecordNote(items, '2026-11')).toBe(
      '2026-11 已登记（收入 6,000.00 元，3 人），保存将更正该月记录',
    );
    expect(existingRecordNote(items, '2026-10')).toBe(
      '2026-10 已登记（收入 5,000.00 元，刚性支出 450.00 元，1 人），保存将更正该月记录',
    );
    expect(existingRecordNote(items, '2026-09')).toBeNull();
    expect(existingRecordNote(items, undefined)).toBeNull();
    await i18n.changeLanguage('en');
    expect(existingRecordNote(items, '2026-11')).toBe(
      '2026-11 is already recorded (income 6,000.00 yuan, 3 persons); saving corrects that month’s record',
    );
  });
});
