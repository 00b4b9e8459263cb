/**
 * The figures of a policy version as the form shows them, with the ranges the server accepts
 * (createPolicyBody in src/server/modules/policies/policies.schemas.ts).
 */
export interface FigureRange {
  /** The lowest value allowed; with `above`, the value it must exceed. */
  min: number;
  above?: boolean;
  max: number;
  /** Decimal places the server keeps: fen for yuan, basis points for ratios. */
  decimals: number;
}

export const FIGURE_RANGES = {
  /** 低保标准 in yuan: 1 fen to 100,000 yuan. */
  dibaoYuan: { min: 0, above: true, max: 100_000, decimals: 2 },
  /** 相对困难倍数, kept in basis points: above 1, at most 10. */
  relativeMultiplier: { min: 1, above: true, max: 10, decimals: 4 },
  /** 刚性支出比例 in percent (basis points of the ratio): above 0, at most 100. */
  suddenExpenditurePercent: { min: 0, above: true, max: 100, decimals: 2 },
  reviewIntervalMonths: { min: 1, max: 60, decimals: 0 },
  exitMonths: { min: 1, max: 36, decimals: 0 },
} as const satisfies Record<string, FigureRange>;

export type FigureProblem = 'low' | 'high' | 'decimals';

/** Why a typed figure is refused, or null; an empty field is the `required` rule's to report. */
export function figureProblem(value: number, range: FigureRange): FigureProblem | null {
  if (range.above ? value <= range.min : value < range.min) return 'low';
  if (value > range.max) return 'high';
  const scaled = value * 10 ** range.decimals;
  if (Math.abs(scaled - Math.round(scaled)) > 1e-6) return 'decimals';
  return null;
}

/**
 * A multiplier with at least 2 decimals and up to the 4 its basis points hold: 2 → "2.00",
 * 1.5 → "1.50", 1.2345 → "1.2345".
 */
export function multiplierText(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const text = String(value);
  const n = Number(text);
  if (!Number.isFinite(n)) return text;
  const decimals = /\.(\d+)$/.exec(text)?.[1]?.length ?? 0;
  return decimals >= 2 ? text : n.toFixed(2);
}

/** The list's multiplier column: 20000 bp → "2.00". */
export const formatMultiplierBp = (bp: number) => multiplierText(bp / 10_000);
