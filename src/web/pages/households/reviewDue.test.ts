import { describe, expect, it } from 'vitest';
import { reviewOverdue } from './reviewDue';

describe('an overdue annual review in the household list', () => {
  const today = '2026-12-08';
  it('is an archive due before today (Beijing), as the 年审 page’s 已逾期', () => {
    expect(reviewOverdue({ status: 'archived', reviewDueOn: '2026-12-07' }, today)).toBe(true);
    expect(reviewOverdue({ status: 'archived', reviewDueOn: today }, today)).toBe(false);
    expect(reviewOverdue({ status: 'archived', reviewDueOn: '2027-01-05' }, today)).toBe(false);
    expect(reviewOverdue({ status: 'archived', reviewDueOn: null }, today)).toBe(false);
    // Not an archive any more: the date is history.
    expect(reviewOverdue({ status: 'exited', reviewDueOn: '2026-01-01' }, today)).toBe(false);
  });
});
