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
import type { Category } from '../../../shared/vocabulary';
import { formatYuan } from '../../common/money';

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

const yuan = (fen: number) => `${formatYuan(fen)} 元`;
const percent = (bp: number) => `${(bp / 100).toString()}%`;
const multiple = (bp: number) => (bp / 10_000).toString();

export function computeCategory(input: CategoryInput, policy: CategoryPolicy): CategoryResult {
  if (!Number.isSafeInteger(input.householdSize) || input.householdSize < 1)
    throw new RangeError('家庭人口数至少为 1');
  const income = BigInt(input.annualIncomeFen);
  const rigid = BigInt(input.rigidExpenditureFen);
  const net = income - rigid;
  const perCapita = Number(floorDiv(net, 12n * BigInt(input.householdSize)));
  const dibao = policy.dibaoFen;
  const relativeThreshold = Number((BigInt(dibao) * BigInt(policy.relativeMultiplierBp) + BP / 2n) / BP);
  const expenditureRule = rigid * BP > BigInt(policy.suddenRatioBp) * income;

  const figures =
    `家庭年收入 ${yuan(input.annualIncomeFen)}，刚性支出 ${yuan(input.rigidExpenditureFen)}，` +
    `共 ${input.householdSize} 人，人均月收入 ${yuan(perCapita)}`;
  const suddenReasons = [
    input.accidentOrDisaster ? '因意外或灾害致困' : null,
    expenditureRule ? `刚性支出超过年收入的 ${percent(policy.suddenRatioBp)}` : null,
  ].filter(Boolean);

  let category: Category;
  let explanation: string;
  if (perCapita < dibao) {
    category = 'deep';
    explanation = `${figures}，低于当地低保标准 ${yuan(dibao)}，认定为深度困难。`;
  } else if (suddenReasons.length > 0) {
    category = 'sudden';
    explanation = `${figures}，${suddenReasons.join('，且')}，不论收入高低，认定为意外致困。`;
  } else if (perCapita < relativeThreshold) {
    category = 'relative';
    explanation =
      `${figures}，不低于低保标准 ${yuan(dibao)}，但低于低保标准的 ${multiple(policy.relativeMultiplierBp)} 倍` +
      `（${yuan(relativeThreshold)}），认定为相对困难。`;
  } else {
    category = 'none';
    explanation =
      `${figures}，不低于低保标准的 ${multiple(policy.relativeMultiplierBp)} 倍（${yuan(relativeThreshold)}），` +
      `刚性支出未超过年收入的 ${percent(policy.suddenRatioBp)}，也无意外或灾害，不符合建档条件。`;
  }
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
