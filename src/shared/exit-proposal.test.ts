import { describe, expect, it } from 'vitest';
import { type AutoExitProposal, autoExitProposalText, parseAutoExitProposal } from './exit-proposal';

describe('the automatic exit proposal', () => {
  it('is read back with the figures it was written from, whatever opened the window', () => {
    for (const basis of ['archived', 'rearchived', 'declined'] as const) {
      const p: AutoExitProposal = { months: 6, from: '2025-06', to: '2025-11', basis, after: '2025-05' };
      expect(parseAutoExitProposal(autoExitProposalText(p))).toEqual(p);
    }
  });

  it('reads as a union staff member would write it', () => {
    expect(
      autoExitProposalText({
        months: 6,
        from: '2025-06',
        to: '2025-11',
        basis: 'rearchived',
        after: '2025-05',
      }),
    ).toBe(
      '连续 6 个月（2025-06 至 2025-11）家庭人均月收入高于当地低保标准（只计返困后重新建档当月 2025-05 之后、已结束的月份），系统提出脱困，待审核确认。',
    );
  });

  it('leaves a proposal in the officer’s own words alone', () => {
    expect(parseAutoExitProposal('职工已再就业，家庭收入稳定')).toBeNull();
    expect(parseAutoExitProposal(null)).toBeNull();
  });
});
