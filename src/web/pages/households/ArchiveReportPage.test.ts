import i18n from 'i18next';
import { afterAll, describe, expect, it } from 'vitest';
import '../../i18n';
import { summaryText } from './ArchiveReportPage';
import type { ArchiveFigures, ArchiveReport } from './archiveReport.api';

const n = (households: number, persons: number) => ({ households, persons });
const zero = n(0, 0);

function figures(
  over: Partial<ArchiveFigures> = {},
  period: Partial<ArchiveFigures['period']> = {},
): ArchiveFigures {
  return {
    archived: n(26, 69),
    byCategory: { deep: n(21, 58), relative: n(5, 11), sudden: zero, none: zero },
    byCause: {
      illness: zero,
      disability: zero,
      schooling: zero,
      unemployment: zero,
      single_parent: zero,
      accident_disaster: zero,
      other: zero,
    },
    inReview: zero,
    exitProposed: zero,
    ...over,
    period: {
      newlyArchived: n(3, 8),
      reArchived: zero,
      exited: { total: n(2, 5), income: n(1, 2), review: zero, request: n(1, 3) },
      relapsed: zero,
      rejected: zero,
      annualReviews: { total: 9, continue: 8, recompute: 1, propose_exit: 0 },
      ...period,
    },
  };
}

const report = (total: ArchiveFigures): ArchiveReport => ({
  org: { id: 'o', name: '望江街道总工会', level: 'township' },
  from: '2026-01-01',
  to: '2026-12-08',
  asOf: '2026-12-08',
  units: [],
  total,
});

describe('the archive summary paragraph', () => {
  afterAll(() => i18n.changeLanguage('zh-CN'));
  const zh = () => i18n.getFixedT('zh-CN', 'archiveReport');

  it('reads like a work summary, leaving out what is zero', () => {
    expect(summaryText(zh(), report(figures()))).toBe(
      '截至2026-12-08，望江街道总工会在档困难职工26户69人，其中深度困难21户58人、相对困难5户11人。' +
        '2026-01-01至2026-12-08，新建档3户8人，脱困2户5人（其中收入连续超过低保标准1户、年审核减0户、申请退出1户），完成年审9户次。',
    );
  });

  it('says so when nothing happened and nobody is archived', () => {
    const none = figures(
      { archived: zero, byCategory: { deep: zero, relative: zero, sudden: zero, none: zero } },
      {
        newlyArchived: zero,
        exited: { total: zero, income: zero, review: zero, request: zero },
        annualReviews: { total: 0, continue: 0, recompute: 0, propose_exit: 0 },
      },
    );
    expect(summaryText(zh(), report(none))).toBe(
      '截至2026-12-08，望江街道总工会暂无在档困难职工。2026-01-01至2026-12-08，没有新建档、脱困和返困。',
    );
  });

  it('names the archived households that are no longer eligible, so the categories add up', () => {
    const f = figures({
      archived: n(27, 70),
      byCategory: { deep: n(21, 58), relative: n(5, 11), sudden: zero, none: n(1, 1) },
    });
    expect(summaryText(zh(), report(f))).toMatch(
      /^截至2026-12-08，望江街道总工会在档困难职工27户70人，其中深度困难21户58人、相对困难5户11人、已不符合条件1户1人。/,
    );
    expect(summaryText(i18n.getFixedT('en', 'archiveReport'), report(f))).toMatch(
      /in the archive: 21 in deep hardship \(58 people\), 5 in relative hardship \(11 people\), 1 no longer eligible \(1 person\)\./,
    );
  });

  it('is written in English too', () => {
    const text = summaryText(
      i18n.getFixedT('en', 'archiveReport'),
      report(figures({}, { relapsed: n(1, 2) })),
    );
    expect(text).toBe(
      'As of 2026-12-08, 望江街道总工会 has 26 households (69 people) in the archive: 21 in deep hardship (58 people), 5 in relative hardship (11 people).' +
        ' From 2026-01-01 to 2026-12-08: 3 households (8 people) newly archived; 2 households (5 people) exited (1 on income above 低保, 0 at the annual review, 1 on request); 1 household (2 people) relapsed; 9 annual reviews done.',
    );
  });
});
