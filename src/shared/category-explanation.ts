/**
 * The sentence that explains a hardship category, in Chinese and in English, from the decision's
 * figures alone. The server stores the Chinese sentence with each decision (its snapshot, never
 * rewritten); the English one is built from the same figures wherever English is shown — the web app
 * for a decision or its live computation, the server for the English variant of a message that quotes
 * it. Both languages are built here, branch by branch, so that they cannot say different things.
 */
import type { Category } from './vocabulary';

export interface ExplanationFigures {
  category: Category;
  annualIncomeFen: number;
  rigidExpenditureFen: number;
  householdSize: number;
  perCapitaMonthlyFen: number;
  dibaoFen: number;
  relativeThresholdFen: number;
  /** The policy's multiplier of 低保 for the relative line, in basis points (20000 = 2 ×). */
  relativeMultiplierBp: number;
  /** The policy's share of annual income that rigid expenditure must exceed (8000 = 80 %). */
  suddenRatioBp: number;
  /** One of the causes is an accident or disaster (意外/灾害). */
  accidentOrDisaster: boolean;
}

/** The 80 % rule, exactly as the category formula applies it: rigid × 10000 > ratio × income. */
export function exceedsExpenditureRatio(
  f: Pick<ExplanationFigures, 'annualIncomeFen' | 'rigidExpenditureFen' | 'suddenRatioBp'>,
) {
  return BigInt(f.rigidExpenditureFen) * 10_000n > BigInt(f.suddenRatioBp) * BigInt(f.annualIncomeFen);
}

/** 1208050 → "12,080.50" (as common/money.ts formatYuan: grouping by hand, no ICU). */
function yuan(fen: number) {
  const abs = Math.abs(fen);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+$)/g, ',');
  return `${fen < 0 ? '-' : ''}${whole}.${String(abs % 100).padStart(2, '0')}`;
}
const percent = (bp: number) => (bp / 100).toString();
const multiple = (bp: number) => (bp / 10_000).toString();

/** The Chinese sentence, as stored with every decision. */
export function explanationZh(f: ExplanationFigures): string {
  const figures =
    `家庭年收入 ${yuan(f.annualIncomeFen)} 元，刚性支出 ${yuan(f.rigidExpenditureFen)} 元，` +
    `共 ${f.householdSize} 人，人均月收入 ${yuan(f.perCapitaMonthlyFen)} 元`;
  const m = multiple(f.relativeMultiplierBp);
  const p = percent(f.suddenRatioBp);
  switch (f.category) {
    case 'deep':
      return `${figures}，低于当地低保标准 ${yuan(f.dibaoFen)} 元，认定为深度困难。`;
    case 'sudden': {
      const reasons = [
        f.accidentOrDisaster ? '因意外或灾害致困' : null,
        exceedsExpenditureRatio(f) ? `刚性支出超过年收入的 ${p}%` : null,
      ].filter(Boolean);
      return `${figures}，${reasons.join('，且')}，不论收入高低，认定为意外致困。`;
    }
    case 'relative':
      return (
        `${figures}，不低于低保标准 ${yuan(f.dibaoFen)} 元，但低于低保标准的 ${m} 倍` +
        `（${yuan(f.relativeThresholdFen)} 元），认定为相对困难。`
      );
    default:
      return (
        `${figures}，不低于低保标准的 ${m} 倍（${yuan(f.relativeThresholdFen)} 元），` +
        `刚性支出未超过年收入的 ${p}%，也无意外或灾害，不符合建档条件。`
      );
  }
}

/** The same sentence in English: the same figures, the same reasons, in the same order. */
export function explanationEn(f: ExplanationFigures): string {
  const persons = f.householdSize === 1 ? '1 person' : `${f.householdSize} persons`;
  const figures =
    `Annual household income ${yuan(f.annualIncomeFen)} yuan, rigid expenditure ` +
    `${yuan(f.rigidExpenditureFen)} yuan, ${persons}: per-capita monthly income ` +
    `${yuan(f.perCapitaMonthlyFen)} yuan`;
  const m = multiple(f.relativeMultiplierBp);
  const p = percent(f.suddenRatioBp);
  switch (f.category) {
    case 'deep':
      return `${figures}, below the local dibao standard of ${yuan(f.dibaoFen)} yuan. Assessed as deep hardship.`;
    case 'sudden': {
      const reasons = [
        f.accidentOrDisaster ? 'the hardship was caused by an accident or disaster' : null,
        exceedsExpenditureRatio(f) ? `rigid expenditure is above ${p}% of annual income` : null,
      ].filter(Boolean);
      return `${figures}; ${reasons.join(', and ')}. Whatever the income, assessed as sudden hardship.`;
    }
    case 'relative':
      return (
        `${figures}, not below the dibao standard of ${yuan(f.dibaoFen)} yuan but below ${m} times ` +
        `the dibao standard (${yuan(f.relativeThresholdFen)} yuan). Assessed as relative hardship.`
      );
    default:
      return (
        `${figures}, not below ${m} times the dibao standard (${yuan(f.relativeThresholdFen)} yuan); ` +
        `rigid expenditure is not above ${p}% of annual income, and there was no accident or disaster. ` +
        'Not eligible for the archive.'
      );
  }
}

export function explanation(f: ExplanationFigures, language: 'zh' | 'en'): string {
  return language === 'en' ? explanationEn(f) : explanationZh(f);
}
