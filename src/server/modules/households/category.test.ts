import { describe, expect, it } from 'vitest';
import { computeCategory } from './category';

const policy = { dibaoFen: 100_000, relativeMultiplierBp: 20_000, suddenRatioBp: 8000 };
const household = (annualIncomeFen: number, over: Partial<Parameters<typeof computeCategory>[0]> = {}) => ({
  annualIncomeFen,
  rigidExpenditureFen: 0,
  householdSize: 3,
  accidentOrDisaster: false,
  ...over,
});
// 3 people × 12 months × 低保 1000 元 = 36,000 元 a year is exactly the 低保 line.
const atDibao = 3 * 12 * 100_000;

describe('category formula', () => {
  it('one fen below 低保 per year is deep; exactly at 低保 is relative', () => {
    const below = computeCategory(household(atDibao - 1), policy);
    expect(below).toMatchObject({ category: 'deep', perCapitaMonthlyFen: 99_999 });
    expect(below.explanation).toBe(
      '家庭年收入 35,999.99 元，刚性支出 0.00 元，共 3 人，人均月收入 999.99 元，低于当地低保标准 1,000.00 元，认定为深度困难。',
    );
    const at = computeCategory(household(atDibao), policy);
    expect(at).toMatchObject({
      category: 'relative',
      perCapitaMonthlyFen: 100_000,
      relativeThresholdFen: 200_000,
    });
    expect(at.explanation).toContain('不低于低保标准 1,000.00 元，但低于低保标准的 2 倍（2,000.00 元）');
  });

  it('just below 2 × 低保 is relative; exactly at 2 × 低保 is not eligible, with the reason', () => {
    expect(computeCategory(household(2 * atDibao - 1), policy).category).toBe('relative');
    const at = computeCategory(household(2 * atDibao), policy);
    expect(at).toMatchObject({ category: 'none', perCapitaMonthlyFen: 200_000 });
    expect(at.explanation).toMatch(/不符合建档条件。$/);
  });

  it('rounds the per-capita figure down, so that a fraction never lifts a household over a line', () => {
    // 35,999.99 元 / 36 = 999.9997… 元 per month: still below 1,000 元.
    expect(computeCategory(household(atDibao - 1), policy).perCapitaMonthlyFen).toBe(99_999);
    // Negative net income floors toward −∞ as well.
    const negative = computeCategory(household(100, { rigidExpenditureFen: 137, householdSize: 1 }), policy);
    expect(negative).toMatchObject({ category: 'deep', netAnnualIncomeFen: -37, perCapitaMonthlyFen: -4 });
  });

  it('the 80 % rule: above 80 % is sudden whatever the income, exactly 80 % is not', () => {
    const income = 10 * atDibao; // far above 2 × 低保 even after the expenditure
    const over = computeCategory(
      household(income, { rigidExpenditureFen: (income * 8) / 10 + 1, householdSize: 1 }),
      policy,
    );
    expect(over).toMatchObject({ category: 'sudden', expenditureRule: true });
    expect(over.explanation).toContain('刚性支出超过年收入的 80%');
    const exactly = computeCategory(household(income, { rigidExpenditureFen: (income * 8) / 10 }), policy);
    expect(exactly.expenditureRule).toBe(false);
  });

  it('an accident or disaster is sudden whatever the income; deep takes precedence', () => {
    const rich = computeCategory(household(10 * atDibao, { accidentOrDisaster: true }), policy);
    expect(rich.category).toBe('sudden');
    expect(rich.explanation).toContain('因意外或灾害致困');
    expect(computeCategory(household(0, { accidentOrDisaster: true }), policy).category).toBe('deep');
  });

  it('uses the policy multiplier, rounding the threshold half up to whole fen', () => {
    const odd = { dibaoFen: 100_001, relativeMultiplierBp: 15_000, suddenRatioBp: 8000 };
    expect(computeCategory(household(atDibao * 2), odd).relativeThresholdFen).toBe(150_002); // 150,001.5 → 150,002
    expect(computeCategory(household(12 * 150_001, { householdSize: 1 }), odd).category).toBe('relative');
    expect(computeCategory(household(12 * 150_002, { householdSize: 1 }), odd).category).toBe('none');
  });

  it('refuses an empty household', () => {
    expect(() => computeCategory(household(0, { householdSize: 0 }), policy)).toThrow(/至少为 1/);
  });
});
