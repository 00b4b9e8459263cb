import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAutoExitProposal } from './exitProposal';

const SENTENCE =
  '连续 6 个月（2025-06 至 2025-11）家庭人均月收入高于当地低保标准（只计返困后重新建档当月 2025-05 之后、已结束的月份），系统提出脱困，待审核确认。';

describe('parseAutoExitProposal', () => {
  it('reads the figures of the automatic proposal', () => {
    expect(parseAutoExitProposal(SENTENCE)).toEqual({
      months: 6,
      from: '2025-06',
      to: '2025-11',
      basis: 'rearchived',
      after: '2025-05',
    });
  });

  it('leaves a proposal in the officer’s own words alone', () => {
    expect(parseAutoExitProposal('职工已再就业，家庭收入稳定')).toBeNull();
    expect(parseAutoExitProposal(null)).toBeNull();
  });

  it('matches the sentence the server writes', () => {
    // The server builds the sentence in recordMonthlyIncome; a reworded sentence must fail here, not
    // fall back to Chinese on the English page unnoticed.
    const source = readFileSync(
      join(import.meta.dirname, '../../../server/modules/households/households.exit.ts'),
      'utf8',
    );
    for (const fragment of [
      '`连续 ',
      ' 个月（',
      ' 至 ',
      "'家庭人均月收入高于当地低保标准'",
      '`（只计',
      '当月 ',
      ' 之后、已结束的月份），`',
      "'系统提出脱困，待审核确认。'",
      "archived: '建档'",
      "rearchived: '返困后重新建档'",
      "declined: '审核不同意脱困'",
    ])
      expect(source).toContain(fragment);
  });
});
