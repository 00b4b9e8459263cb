import { describe, expect, it } from 'vitest';
import { paymentBreakdown } from './ProgramStatsTab';

describe('paymentBreakdown', () => {
  it('splits the approved amount so that the parts add up to it', () => {
    // 批准 7,500: 已发放 2,500, 待确认 2,000, 发放失败 3,000, nothing left outside a batch.
    const s = { approvedFen: 750_000, paidFen: 250_000, pendingPaymentFen: 200_000, failedFen: 300_000 };
    const m = paymentBreakdown(s);
    expect(m).toEqual({ paidFen: 250_000, pendingFen: 200_000, failedFen: 300_000, notInBatchFen: 0 });
    expect(m.paidFen + m.pendingFen + m.failedFen + m.notInBatchFen).toBe(s.approvedFen);
  });

  it('shows the approved money not yet in any batch', () => {
    const m = paymentBreakdown({
      approvedFen: 1_000_000,
      paidFen: 250_000,
      pendingPaymentFen: 0,
      failedFen: 0,
    });
    expect(m.notInBatchFen).toBe(750_000);
  });

  it('never shows a negative remainder', () => {
    const m = paymentBreakdown({ approvedFen: 100, paidFen: 150, pendingPaymentFen: 0, failedFen: 0 });
    expect(m.notInBatchFen).toBe(0);
  });
});
