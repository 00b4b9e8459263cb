import { describe, expect, it } from 'vitest';
import { FIGURE_RANGES, figureProblem, formatMultiplierBp, multiplierText } from './figures';

describe('policy figures in the form', () => {
  it('tells a figure out of range from a missing one', () => {
    expect(figureProblem(-100, FIGURE_RANGES.dibaoYuan)).toBe('low');
    expect(figureProblem(0, FIGURE_RANGES.dibaoYuan)).toBe('low');
    expect(figureProblem(0.01, FIGURE_RANGES.dibaoYuan)).toBeNull();
    expect(figureProblem(100_000.01, FIGURE_RANGES.dibaoYuan)).toBe('high');
    expect(figureProblem(1, FIGURE_RANGES.relativeMultiplier)).toBe('low');
    expect(figureProblem(1.0001, FIGURE_RANGES.relativeMultiplier)).toBeNull();
    expect(figureProblem(1.00001, FIGURE_RANGES.relativeMultiplier)).toBe('decimals');
    expect(figureProblem(10.5, FIGURE_RANGES.relativeMultiplier)).toBe('high');
    expect(figureProblem(100, FIGURE_RANGES.suddenExpenditurePercent)).toBeNull();
    expect(figureProblem(0, FIGURE_RANGES.suddenExpenditurePercent)).toBe('low');
    expect(figureProblem(1, FIGURE_RANGES.reviewIntervalMonths)).toBeNull();
    expect(figureProblem(0, FIGURE_RANGES.reviewIntervalMonths)).toBe('low');
    expect(figureProblem(37, FIGURE_RANGES.exitMonths)).toBe('high');
  });

  it('shows a multiplier with 2 decimals, or the 4 its basis points hold', () => {
    expect(multiplierText(2)).toBe('2.00');
    expect(multiplierText('1.5')).toBe('1.50');
    expect(multiplierText('1.2345')).toBe('1.2345');
    expect(multiplierText(undefined)).toBe('');
    expect(formatMultiplierBp(20_000)).toBe('2.00');
    expect(formatMultiplierBp(12_345)).toBe('1.2345');
  });
});
