/**
 * The exit (脱困) the system proposes after months above 低保: one sentence, written by the server
 * into the archive and its timeline, and read back by the web app, which words it in English from
 * the same figures. Both sides use this file, so the two cannot drift apart.
 */
export type ExitWindowBasis = 'archived' | 'rearchived' | 'declined';

export interface AutoExitProposal {
  months: number;
  /** YYYY-MM: the first and last month above 低保. */
  from: string;
  to: string;
  /** What opened the window of months that count: archiving, re-archiving after a relapse, a declined exit. */
  basis: ExitWindowBasis;
  /** YYYY-MM: only months after this one count. */
  after: string;
}

const BASIS_WORDS: Record<ExitWindowBasis, string> = {
  archived: '建档',
  rearchived: '返困后重新建档',
  declined: '审核不同意脱困',
};

export function autoExitProposalText(p: AutoExitProposal): string {
  return (
    `连续 ${p.months} 个月（${p.from} 至 ${p.to}）家庭人均月收入高于当地低保标准` +
    `（只计${BASIS_WORDS[p.basis]}当月 ${p.after} 之后、已结束的月份），系统提出脱困，待审核确认。`
  );
}

const AUTO_SENTENCE =
  /^连续 (\d+) 个月（(\d{4}-\d{2}) 至 (\d{4}-\d{2})）家庭人均月收入高于当地低保标准（只计(.+?)当月 (\d{4}-\d{2}) 之后、已结束的月份），系统提出脱困，待审核确认。$/;

/** The sentence's pattern, for the database too (PostgreSQL's regular expressions read it alike). */
export const AUTO_EXIT_PROPOSAL_PATTERN = AUTO_SENTENCE.source;

/** The figures of a proposal the system wrote; null for one in an officer's own words. */
export function parseAutoExitProposal(text: string | null | undefined): AutoExitProposal | null {
  const m = text ? AUTO_SENTENCE.exec(text.trim()) : null;
  if (!m) return null;
  const basis = (Object.keys(BASIS_WORDS) as ExitWindowBasis[]).find((b) => BASIS_WORDS[b] === m[4]);
  if (!basis) return null;
  return { months: Number(m[1]), from: m[2]!, to: m[3]!, basis, after: m[5]! };
}

/**
 * The system withdraws its own proposal when a month of the run that triggered it is corrected to
 * (or below) 低保: the run no longer holds. One sentence, like the proposal, rebuilt in English by the web.
 */
export interface AutoExitWithdrawal {
  /** The run the proposal named. */
  months: number;
  from: string;
  to: string;
  /** YYYY-MM: the months of that run no longer above 低保. */
  broken: string[];
}

export function autoExitWithdrawalText(w: AutoExitWithdrawal): string {
  return (
    `${w.broken.join('、')} 的月收入更正后家庭人均月收入不高于当月低保标准，` +
    `连续 ${w.months} 个月（${w.from} 至 ${w.to}）高于低保的条件不再成立，系统撤回其提出的脱困。`
  );
}

const WITHDRAWAL_SENTENCE =
  /^(\d{4}-\d{2}(?:、\d{4}-\d{2})*) 的月收入更正后家庭人均月收入不高于当月低保标准，连续 (\d+) 个月（(\d{4}-\d{2}) 至 (\d{4}-\d{2})）高于低保的条件不再成立，系统撤回其提出的脱困。$/;

export function parseAutoExitWithdrawal(text: string | null | undefined): AutoExitWithdrawal | null {
  const m = text ? WITHDRAWAL_SENTENCE.exec(text.trim()) : null;
  if (!m) return null;
  return { months: Number(m[2]), from: m[3]!, to: m[4]!, broken: m[1]!.split('、') };
}
