/**
 * Words the system itself writes into a household's timeline — the comment of an import, of an annual
 * review, of a spot check, of a "not the same household" mark, and the actor named for the system's own
 * steps. The server stores them in Chinese (what users read, and what the timeline has always held);
 * the web app reads them back here and words them in English from their parts. Built and read in one
 * file, like the exit proposal (exit-proposal.ts), so that the two cannot drift apart. An officer's own
 * note inside them is theirs: it is carried as written.
 */
import type { AnnualReviewOutcome } from './vocabulary';

// ——— the import ———

export interface ImportedFrom {
  fileName: string;
  row: number;
}

export function importedComment(i: ImportedFrom): string {
  return `由 Excel 文件“${i.fileName}”第 ${i.row} 行导入`;
}

export function parseImportedComment(text: string | null | undefined): ImportedFrom | null {
  // Greedy: a file name may itself hold quotation marks.
  const m = text ? /^由 Excel 文件“([\s\S]*)”第 (\d+) 行导入$/.exec(text) : null;
  return m ? { fileName: m[1]!, row: Number(m[2]) } : null;
}

// ——— the annual review ———

const OUTCOME_WORDS: Record<AnnualReviewOutcome, string> = {
  continue: '继续帮扶',
  propose_exit: '提出脱困',
  recompute: '重新认定',
};

export interface AnnualReviewNote {
  outcome: AnnualReviewOutcome;
  note: string;
  /** YYYY-MM-DD: the next review's due date. */
  nextDue: string;
}

export function annualReviewComment(r: AnnualReviewNote): string {
  return `${OUTCOME_WORDS[r.outcome]}：${r.note}（下次年审 ${r.nextDue}）`;
}

export function parseAnnualReviewComment(text: string | null | undefined): AnnualReviewNote | null {
  const m = text
    ? /^(继续帮扶|提出脱困|重新认定)：([\s\S]*)（下次年审 (\d{4}-\d{2}-\d{2})）$/.exec(text)
    : null;
  if (!m) return null;
  const outcome = (Object.keys(OUTCOME_WORDS) as AnnualReviewOutcome[]).find(
    (o) => OUTCOME_WORDS[o] === m[1],
  )!;
  return { outcome, note: m[2]!, nextDue: m[3]! };
}

// ——— the spot check ———

export interface SpotCheckNote {
  /** `confirmed`: 抽查属实; otherwise the check found a problem. */
  confirmed: boolean;
  note: string;
}

export function spotCheckComment(s: SpotCheckNote): string {
  return `${s.confirmed ? '抽查属实' : '抽查发现问题'}：${s.note}`;
}

export function parseSpotCheckComment(text: string | null | undefined): SpotCheckNote | null {
  const m = text ? /^(抽查属实|抽查发现问题)：([\s\S]*)$/.exec(text) : null;
  return m ? { confirmed: m[1] === '抽查属实', note: m[2]! } : null;
}

// ——— not the same household ———

export interface NotDuplicateNote {
  /** The unit of the other household. */
  otherUnit: string;
  /** The officer's note, if they wrote one. */
  note: string | null;
}

export function notDuplicateComment(n: NotDuplicateNote): string {
  return `已标记与另一户（${n.otherUnit}）不是同一户${n.note ? `：${n.note}` : ''}`;
}

export function parseNotDuplicateComment(text: string | null | undefined): NotDuplicateNote | null {
  const m = text ? /^已标记与另一户（(.+?)）不是同一户(?:：([\s\S]*))?$/.exec(text) : null;
  return m ? { otherUnit: m[1]!, note: m[2] || null } : null;
}

// ——— the system as the actor ———

/** What the person did that made the system act: recorded a month's income, or corrected one. */
export type SystemTrigger = 'recorded' | 'corrected';

const TRIGGER_WORDS: Record<SystemTrigger, string> = { recorded: '登记', corrected: '更正' };

export interface SystemActor {
  /** The person, as the timeline names people: `显示名（用户名）`. */
  person: string;
  trigger: SystemTrigger;
}

/** The system's step, named with whoever's act triggered it (their id stays on the event). */
export function systemActorName(s: SystemActor): string {
  return `系统（${s.person}${TRIGGER_WORDS[s.trigger]}月收入后）`;
}

export function parseSystemActorName(text: string | null | undefined): SystemActor | null {
  const m = text ? /^系统（(.+)(登记|更正)月收入后）$/.exec(text) : null;
  if (!m) return null;
  return { person: m[1]!, trigger: m[2] === '登记' ? 'recorded' : 'corrected' };
}
