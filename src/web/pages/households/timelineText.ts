import type { TFunction } from 'i18next';
import { parseAutoExitProposal, parseAutoExitWithdrawal } from '../../../shared/exit-proposal';
import {
  parseAnnualReviewComment,
  parseImportedComment,
  parseNotDuplicateComment,
  parseSpotCheckComment,
} from '../../../shared/timeline-text';
import { actorName } from '../../lib/actorName';
import { joinList } from '../../lib/format';

// The translation namespace only: with other namespaces registered, the generic form is too deep for tsc.
type T = TFunction<'translation'>;

/**
 * The texts of a household's timeline as the interface language writes them. The server writes its own
 * words in Chinese (shared/exit-proposal.ts, shared/timeline-text.ts): in English they are rebuilt from
 * their parts. In Chinese, and for anything an officer wrote in their own words, the stored text as is.
 */
export function timelineTexts(t: T, english: boolean) {
  /** The automatic exit proposal; an officer's own reason as written. */
  const exitProposal = (text: string | null) => {
    const auto = english ? parseAutoExitProposal(text) : null;
    if (!auto) return text;
    return t('households.exitProposal.auto', {
      ...auto,
      months: String(auto.months),
      basis: t(`households.income.windowBasis.${auto.basis}`),
    });
  };

  /** The system's withdrawal of its own proposal. */
  const exitWithdrawal = (text: string | null) => {
    const auto = english ? parseAutoExitWithdrawal(text) : null;
    if (!auto) return text;
    return t('households.exitProposal.withdrawn', {
      ...auto,
      months: String(auto.months),
      broken: joinList(auto.broken),
    });
  };

  /** Who acted: a person, or the system after a person's act (lib/actorName.ts, as the audit log). */
  const actor = (name: string) => actorName(t, name, english);

  /** An event's comment, by the kind of event that wrote it. */
  const comment = (action: string, text: string | null): string | null => {
    if (!english || !text) return text;
    switch (action) {
      case 'exit_proposed':
        return exitProposal(text);
      case 'exit_proposal_withdrawn':
        return exitWithdrawal(text);
      case 'imported': {
        const i = parseImportedComment(text);
        return i ? t('households.timeline.imported', { fileName: i.fileName, row: String(i.row) }) : text;
      }
      case 'annual_reviewed': {
        const r = parseAnnualReviewComment(text);
        if (!r) return text;
        return t('households.timeline.annualReviewed', {
          outcome: t(`households.annual.outcomes.${r.outcome}`),
          note: r.note,
          nextDue: r.nextDue,
        });
      }
      case 'spot_checked': {
        const s = parseSpotCheckComment(text);
        if (!s) return text;
        return t(s.confirmed ? 'households.timeline.spotConfirmed' : 'households.timeline.spotIssue', {
          note: s.note,
        });
      }
      case 'not_duplicate': {
        const n = parseNotDuplicateComment(text);
        if (!n) return text;
        return n.note
          ? t('households.timeline.notDuplicateNote', { unit: n.otherUnit, note: n.note })
          : t('households.timeline.notDuplicate', { unit: n.otherUnit });
      }
      default:
        return text;
    }
  };

  return { exitProposal, actor, comment };
}
