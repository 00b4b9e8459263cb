/**
 * The automatic exit proposal arrives as the server's Chinese sentence only (households.exit.ts,
 * recordMonthlyIncome): the English page rebuilds it from the figures the sentence carries.
 * A proposal made by hand is the officer's own words and is shown as written.
 */
export type ExitWindowBasis = 'archived' | 'rearchived' | 'declined';

export interface AutoExitProposal {
  months: number;
  /** YYYY-MM: the first and last month above dibao. */
  from: string;
  to: string;
  basis: ExitWindowBasis;
  /** YYYY-MM: only months after this one count. */
  after: string;
}

/** The server's words for the start of the counted months (WINDOW_BASIS in households.exit.ts). */
const BASIS: Record<string, ExitWindowBasis> = {
  建档: 'archived',
  返困后重新建档: 'rearchived',
  审核不同意脱困: 'declined',
};

const AUTO_SENTENCE =
  /^连续 (\d+) 个月（(\d{4}-\d{2}) 至 (\d{4}-\d{2})）家庭人均月收入高于当地低保标准（只计(.+?)当月 (\d{4}-\d{2}) 之后、已结束的月份），系统提出脱困，待审核确认。$/;

export function parseAutoExitProposal(text: string | null | undefined): AutoExitProposal | null {
  const m = text ? AUTO_SENTENCE.exec(text.trim()) : null;
  const basis = m?.[4] ? BASIS[m[4]] : undefined;
  if (!m || !basis) return null;
  return { months: Number(m[1]), from: m[2]!, to: m[3]!, basis, after: m[5]! };
}
