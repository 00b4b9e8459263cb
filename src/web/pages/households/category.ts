import type { Category } from '../../api/types';

/** The client's mirror of src/server/modules/households/category.ts (decision 0004), integers only. */
export interface LiveCategory {
  category: Category;
  netAnnualFen: number;
  perCapitaMonthlyFen: number;
  dibaoFen: number;
  relativeThresholdFen: number;
  expenditureRule: boolean;
  accident: boolean;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

export function computeCategory(
  input: { annualIncomeFen: number; rigidExpenditureFen: number; householdSize: number; accident: boolean },
  policy: { dibaoFen: number; relativeMultiplierBp: number; suddenRatioBp: number },
): LiveCategory {
  const size = Math.max(1, input.householdSize);
  const income = BigInt(input.annualIncomeFen);
  const rigid = BigInt(input.rigidExpenditureFen);
  const net = income - rigid;
  const perCapita = Number(floorDiv(net, 12n * BigInt(size)));
  const dibao = policy.dibaoFen;
  const relativeThreshold = Number((BigInt(dibao) * BigInt(policy.relativeMultiplierBp) + 5000n) / 10000n);
  const expenditureRule = rigid * 10000n > BigInt(policy.suddenRatioBp) * income;
  let category: Category;
  if (perCapita < dibao) category = 'deep';
  else if (input.accident || expenditureRule) category = 'sudden';
  else if (perCapita < relativeThreshold) category = 'relative';
  else category = 'none';
  return {
    category,
    netAnnualFen: Number(net),
    perCapitaMonthlyFen: perCapita,
    dibaoFen: dibao,
    relativeThresholdFen: relativeThreshold,
    expenditureRule,
    accident: input.accident,
  };
}
