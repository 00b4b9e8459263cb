/**
 * The hardship category of DOMAIN.md, as a pure function of the household's figures and one policy
 * version. All arithmetic is on integers (fen, basis points, BigInt where products grow):
 *
 * - net annual income = Σ income − Σ rigid expenditure (may be negative);
 * - per-capita monthly income = ⌊net / (12 × household size)⌋ fen, rounded toward −∞: a fraction of a
 *   fen never lifts a household over a line. Because every threshold is a whole number of fen,
 *   comparing this floored figure gives exactly the result of comparing the unrounded quotient;
 * - relative threshold = 低保 × multiplier, rounded half up to whole fen (a policy figure, shown as is);
 * - the 80 % rule compares rigid × 10000 > ratioBp × income exactly, without rounding.
 *
 * Precedence: deep (below 低保) before sudden (accident/disaster or the expenditure rule, whatever the
 * income) before relative (below multiplier × 低保); otherwise none, with the reason.
 */

import { exceedsExpenditureRatio, explanationZh } from '../../../shared/category-explanation';
import type { Category } from '../../../shared/vocabulary';

export { CATEGORIES, type Category } from '../../../shared/vocabulary';

export const CATEGORY_LABELS: Record<Category, string> = {
  deep: '深度困难',
  relative: '相对困难',
  sudden: '意外致困',
  none: '不符合建档条件',
};

export interface CategoryPolicy {
  dibaoFen: number;
  relativeMultiplierBp: number;
  suddenRatioBp: number;
}

export interface CategoryInput {
  annualIncomeFen: number;
  rigidExpenditureFen: number;
  householdSize: number;
  /** True when one of the causes is an accident or disaster (意外/灾害). */
  accidentOrDisaster: boolean;
}

export interface CategoryResult {
  category: Category;
  netAnnualIncomeFen: number;
  perCapitaMonthlyFen: number;
  dibaoFen: number;
  relativeThresholdFen: number;
  /** Whether rigid expenditure exceeds the policy share of annual income. */
  expenditureRule: boolean;
  explanation: string;
}

const BP = 10_000n;

/** Per-person share of a net amount, in whole fen rounded toward −∞ (see the rounding rule above). */
export function perCapitaFen(netFen: number, persons: number): number {
  return Number(floorDiv(BigInt(netFen), BigInt(persons)));
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

export function computeCategory(input: CategoryInput, policy: CategoryPolicy): CategoryResult {
  if (!Number.isSafeInteger(input.householdSize) || input.householdSize < 1)
    throw new RangeError('家庭人口数至少为 1');
  const income = BigInt(input.annualIncomeFen);
  const rigid = BigInt(input.rigidExpenditureFen);
  const net = income - rigid;
  const perCapita = Number(floorDiv(net, 12n * BigInt(input.householdSize)));
  const dibao = policy.dibaoFen;
  const relativeThreshold = Number((BigInt(dibao) * BigInt(policy.relativeMultiplierBp) + BP / 2n) / BP);
  const expenditureRule = exceedsExpenditureRatio({ ...input, suddenRatioBp: policy.suddenRatioBp });

  let category: Category;
  if (perCapita < dibao) category = 'deep';
  else if (input.accidentOrDisaster || expenditureRule) category = 'sudden';
  else if (perCapita < relativeThreshold) category = 'relative';
  else category = 'none';
  const explanation = explanationZh({
    category,
    annualIncomeFen: input.annualIncomeFen,
    rigidExpenditureFen: input.rigidExpenditureFen,
    householdSize: input.householdSize,
    perCapitaMonthlyFen: perCapita,
    dibaoFen: dibao,
    relativeThresholdFen: relativeThreshold,
    relativeMultiplierBp: policy.relativeMultiplierBp,
    suddenRatioBp: policy.suddenRatioBp,
    accidentOrDisaster: input.accidentOrDisaster,
  });
  return {
    category,
    netAnnualIncomeFen: Number(net),
    perCapitaMonthlyFen: perCapita,
    dibaoFen: dibao,
    relativeThresholdFen: relativeThreshold,
    expenditureRule,
    explanation,
  };
}
