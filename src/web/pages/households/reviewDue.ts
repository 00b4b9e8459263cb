import type { HouseholdStatus } from '../../api/types';

/**
 * An annual review past its date, as the 年审 page's 已逾期 (the server's rule there): an archive whose
 * due date is before today's business day (Asia/Shanghai, `businessToday()`). Only archives are
 * reviewed; any other status's date is history.
 */
export function reviewOverdue(
  h: { status: HouseholdStatus; reviewDueOn: string | null },
  today: string,
): boolean {
  return h.status === 'archived' && !!h.reviewDueOn && h.reviewDueOn < today;
}
