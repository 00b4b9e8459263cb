import { describe, expect, it } from 'vitest';
import { type CategoryInput, computeCategory } from '../server/modules/households/category';
import { type ExplanationFigures, explanationEn, explanationZh } from './category-explanation';

const policy = { dibaoFen: 100_000, relativeMultiplierBp: 20_000, suddenRatioBp: 8000 };

/** The figures a decision stores, from the server's own formula. */
function decided(input: Partial<CategoryInput> & { annualIncomeFen: number }, p = policy) {
  const full: CategoryInput = {
    rigidExpenditureFen: 0,
    householdSize: 3,
    accidentOrDisaster: false,
    ...input,
  };
  const result = computeCategory(full, p);
  const figures: ExplanationFigures = {
    category: result.category,
    annualIncomeFen: full.annualIncomeFen,
    rigidExpenditureFen: full.rigidExpenditureFen,
    householdSize: full.householdSize,
    perCapitaMonthlyFen: result.perCapitaMonthlyFen,
    dibaoFen: result.dibaoFen,
    relativeThresholdFen: result.relativeThresholdFen,
    relativeMultiplierBp: p.relativeMultiplierBp,
    suddenRatioBp: p.suddenRatioBp,
    accidentOrDisaster: full.accidentOrDisaster,
  };
  return { result, figures };
}

/** The figures a sentence quotes: amounts (with their decimals), counts, multiples and percentages. */
const numbersOf = (sentence: string) => sentence.match(/-?\d+(,\d{3})*(\.\d+)?/g) ?? [];

describe('the explanation of a category, in Chinese and in English', () => {
  it('deep: below 低保', () => {
    const { result, figures } = decided({ annualIncomeFen: 3_599_999 });
    expect(result.category).toBe('deep');
    expect(explanationZh(figures)).toBe(result.explanation);
    expect(explanationEn(figures)).toBe(
      'Annual household income 35,999.99 yuan, rigid expenditure 0.00 yuan, 3 persons: per-capita monthly ' +
        'income 999.99 yuan, below the local dibao standard of 1,000.00 yuan. Assessed as deep hardship.',
    );
  });

  it('relative: at or above 低保, below the multiple, with the multiplier and the line', () => {
    const { result, figures } = decided({ annualIncomeFen: 3_600_000, rigidExpenditureFen: 0 });
    expect(result.category).toBe('relative');
    expect(explanationZh(figures)).toBe(result.explanation);
    expect(explanationEn(figures)).toBe(
      'Annual household income 36,000.00 yuan, rigid expenditure 0.00 yuan, 3 persons: per-capita monthly ' +
        'income 1,000.00 yuan, not below the dibao standard of 1,000.00 yuan but below 2 times the dibao ' +
        'standard (2,000.00 yuan). Assessed as relative hardship.',
    );
  });

  it('none: the line, the expenditure rule not met and no accident, in that order', () => {
    const { result, figures } = decided({ annualIncomeFen: 7_200_000, rigidExpenditureFen: 0 });
    expect(result.category).toBe('none');
    expect(explanationZh(figures)).toBe(result.explanation);
    expect(explanationEn(figures)).toBe(
      'Annual household income 72,000.00 yuan, rigid expenditure 0.00 yuan, 3 persons: per-capita monthly ' +
        'income 2,000.00 yuan, not below 2 times the dibao standard (2,000.00 yuan); rigid expenditure is not ' +
        'above 80% of annual income, and there was no accident or disaster. Not eligible for the archive.',
    );
  });

  it('sudden by accident or disaster, whatever the income', () => {
    const { result, figures } = decided({ annualIncomeFen: 36_000_000, accidentOrDisaster: true });
    expect(result.category).toBe('sudden');
    expect(explanationZh(figures)).toBe(result.explanation);
    expect(explanationEn(figures)).toBe(
      'Annual household income 360,000.00 yuan, rigid expenditure 0.00 yuan, 3 persons: per-capita monthly ' +
        'income 10,000.00 yuan; the hardship was caused by an accident or disaster. Whatever the income, ' +
        'assessed as sudden hardship.',
    );
  });

  it('sudden by the 80 % rule alone; exactly 80 % is not above it', () => {
    const over = decided({ annualIncomeFen: 36_000_000, rigidExpenditureFen: 28_800_001, householdSize: 1 });
    expect(over.result.category).toBe('sudden');
    expect(explanationZh(over.figures)).toBe(over.result.explanation);
    expect(explanationEn(over.figures)).toBe(
      'Annual household income 360,000.00 yuan, rigid expenditure 288,000.01 yuan, 1 person: per-capita ' +
        'monthly income 5,999.99 yuan; rigid expenditure is above 80% of annual income. Whatever the income, ' +
        'assessed as sudden hardship.',
    );
    const exactly = decided({
      annualIncomeFen: 36_000_000,
      rigidExpenditureFen: 28_800_000,
      householdSize: 1,
    });
    expect(exactly.result.category).toBe('none');
    expect(explanationEn(exactly.figures)).toContain('rigid expenditure is not above 80% of annual income');
  });

  it('sudden for both reasons names both, accident first, as the Chinese sentence does', () => {
    const { result, figures } = decided({
      annualIncomeFen: 36_000_000,
      rigidExpenditureFen: 30_000_000,
      accidentOrDisaster: true,
    });
    expect(result.explanation).toContain('因意外或灾害致困，且刚性支出超过年收入的 80%');
    expect(explanationZh(figures)).toBe(result.explanation);
    expect(explanationEn(figures)).toContain(
      '; the hardship was caused by an accident or disaster, and rigid expenditure is above 80% of annual income. Whatever the income, assessed as sudden hardship.',
    );
  });

  it('deep before sudden: an accident with an income below 低保 is deep, and the sentence says only that', () => {
    const { result, figures } = decided({ annualIncomeFen: 0, accidentOrDisaster: true });
    expect(result.category).toBe('deep');
    expect(explanationZh(figures)).toBe(result.explanation);
    expect(explanationEn(figures)).not.toMatch(/accident/);
  });

  it('a negative per-capita income (expenditure above income) and a policy of 1.5 × and 70 %', () => {
    const odd = { dibaoFen: 100_001, relativeMultiplierBp: 15_000, suddenRatioBp: 7000 };
    const negative = decided({ annualIncomeFen: 100, rigidExpenditureFen: 137, householdSize: 1 }, odd);
    expect(negative.result.perCapitaMonthlyFen).toBe(-4);
    expect(explanationZh(negative.figures)).toBe(negative.result.explanation);
    expect(explanationEn(negative.figures)).toContain(
      'per-capita monthly income -0.04 yuan, below the local dibao standard of 1,000.01 yuan',
    );
    const relative = decided({ annualIncomeFen: 12 * 150_001, householdSize: 1 }, odd);
    expect(relative.result.category).toBe('relative');
    expect(explanationZh(relative.figures)).toBe(relative.result.explanation);
    expect(explanationEn(relative.figures)).toContain(
      'but below 1.5 times the dibao standard (1,500.02 yuan)',
    );
    const none = decided({ annualIncomeFen: 12 * 150_002, householdSize: 1 }, odd);
    expect(explanationEn(none.figures)).toContain('rigid expenditure is not above 70% of annual income');
  });

  it('the two sentences quote the same figures in the same order, in every branch', () => {
    const cases: (Partial<CategoryInput> & { annualIncomeFen: number })[] = [
      { annualIncomeFen: 0 },
      { annualIncomeFen: 3_456_789, householdSize: 2 },
      { annualIncomeFen: 5_000_000, rigidExpenditureFen: 1_000_000, householdSize: 4 },
      { annualIncomeFen: 9_000_000, householdSize: 2 },
      { annualIncomeFen: 9_000_000, rigidExpenditureFen: 8_000_000, householdSize: 1 },
      { annualIncomeFen: 9_000_000, accidentOrDisaster: true, householdSize: 1 },
      { annualIncomeFen: 90_000_000, rigidExpenditureFen: 80_000_000, accidentOrDisaster: true },
    ];
    const seen = new Set<string>();
    for (const c of cases) {
      const { result, figures } = decided(c);
      seen.add(result.category);
      expect(explanationZh(figures)).toBe(result.explanation);
      expect(numbersOf(explanationEn(figures))).toEqual(numbersOf(result.explanation));
    }
    expect([...seen].sort()).toEqual(['deep', 'none', 'relative', 'sudden']);
  });
});
