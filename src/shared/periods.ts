/**
 * The parts of a year that work summaries report (一季度发放…, 上半年…): quarters and half-years, as the
 * first and last day (MM-DD, inclusive). The statistics API takes them as `2026-Q1`, `2026-H2`; the web
 * app offers them as presets.
 */
export const YEAR_PARTS = {
  Q1: ['01-01', '03-31'],
  Q2: ['04-01', '06-30'],
  Q3: ['07-01', '09-30'],
  Q4: ['10-01', '12-31'],
  H1: ['01-01', '06-30'],
  H2: ['07-01', '12-31'],
} as const satisfies Record<string, readonly [string, string]>;
export type YearPart = keyof typeof YEAR_PARTS;

/** `2026-Q1`, `2026-H2`. */
export const YEAR_PART_PATTERN = /^\d{4}-(Q[1-4]|H[12])$/;

/** The business days (ISO, inclusive) of a part of a year. */
export function yearPartDays(year: number | string, part: YearPart): { from: string; to: string } {
  const [from, to] = YEAR_PARTS[part];
  return { from: `${year}-${from}`, to: `${year}-${to}` };
}
