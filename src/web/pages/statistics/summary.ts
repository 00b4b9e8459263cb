import type { TFunction } from 'i18next';
import type { ProgramStatistics } from '../programs/programs.api';
import type { AidStatistics } from './statistics.api';

/** Whole yuan without decimals when there are none ("75,000"), otherwise two decimals ("12,080.50"). */
export function yuanText(fen: number): string {
  const whole = Math.floor(Math.abs(fen) / 100).toLocaleString('en-US');
  const cents = Math.abs(fen) % 100;
  return `${fen < 0 ? '-' : ''}${whole}${cents ? `.${String(cents).padStart(2, '0')}` : ''}`;
}

/**
 * The paragraph a work summary needs, written from the year's figures, e.g.
 * "2026年江东区总工会共开展送温暖、金秋助学等帮扶项目3个，受理申请82件，批准75件，……".
 */
export function yearSummary(t: TFunction<'aid'>, s: AidStatistics): string {
  if (s.totals.programs === 0) return t('summary.none', { year: s.year, org: s.orgName });
  const sep = t('summary.listSeparator');
  const types = s.byType.filter((b) => b.programs > 0);
  const parts = [
    t('summary.intro', {
      year: s.year,
      org: s.orgName,
      types: types.map((b) => t(`programType.${b.type}`)).join(sep),
      programs: s.totals.programs,
      received: s.totals.received,
      approved: s.totals.approved,
      households: s.totals.households,
      people: s.totals.people,
      approved_amount: yuanText(s.totals.approvedFen),
      paid: yuanText(s.totals.paidFen),
    }),
  ];
  const withMoney = types.filter((b) => b.approvedFen > 0);
  if (withMoney.length > 1)
    parts.push(
      t('summary.types', {
        parts: withMoney
          .map((b) =>
            t('summary.typePart', {
              type: t(`programType.${b.type}`),
              households: b.households,
              amount: yuanText(b.approvedFen),
            }),
          )
          .join(sep),
      }),
    );
  const kinds = s.bySourceKind.filter((k) => k.approvedFen > 0);
  if (kinds.length)
    parts.push(
      t('summary.sources', {
        parts: kinds
          .map((k) =>
            t('summary.sourcePart', { kind: t(`fundKind.${k.kind}`), amount: yuanText(k.approvedFen) }),
          )
          .join(sep),
      }),
    );
  return parts.join('');
}

/** "送温暖：受理82件，批准75件，帮扶75户、203人，批准75,000元，……其中区政府拨款5,920元、局工会经费6,160元。" */
export function programSummary(t: TFunction<'aid'>, s: ProgramStatistics): string {
  const sources = s.bySource.filter((b) => b.approvedFen > 0);
  const sep = t('summary.listSeparator');
  return (
    t('summary.programIntro', {
      name: s.program.name,
      received: s.applications.received,
      approved: s.applications.approved,
      households: s.households,
      people: s.people,
      approved_amount: yuanText(s.approvedFen),
      paid: yuanText(s.paidFen),
    }) +
    (sources.length > 1
      ? t('summary.programSources', {
          parts: sources
            .map((b) => t('summary.sourcePart', { kind: b.name, amount: yuanText(b.approvedFen) }))
            .join(sep),
        })
      : '') +
    (s.bySchoolLevel.length
      ? t('summary.programStudents', {
          parts: s.bySchoolLevel
            .map((l) =>
              t('summary.studentPart', { level: t(`summary.studentOf.${l.schoolLevel}`), count: l.students }),
            )
            .join(sep),
        })
      : '') +
    t('summary.end')
  );
}

/** "2026年一季度，春节送温暖共发放帮扶资金17,000元，惠及困难职工家庭2户、6人，其中区政府拨款10,000元、局工会经费7,000元。" */
export function periodSummary(t: TFunction<'aid'>, s: ProgramStatistics, period: string): string {
  const p = s.period;
  if (!p || p.payments === 0) return t('summary.periodNone', { period, name: s.program.name });
  const sources = p.bySource.filter((b) => b.paidFen > 0);
  const sep = t('summary.listSeparator');
  return (
    t('summary.periodIntro', {
      period,
      name: s.program.name,
      amount: yuanText(p.paidFen),
      households: p.households,
      people: p.people,
    }) +
    (sources.length > 1
      ? t('summary.programSources', {
          parts: sources
            .map((b) => t('summary.sourcePart', { kind: b.name, amount: yuanText(b.paidFen) }))
            .join(sep),
        })
      : '') +
    t('summary.end')
  );
}
