import { useTranslation } from 'react-i18next';
import { formatYuan } from '../households/money';
import { useReasonLabel } from './PublicityTags';

export interface NoticeSheetData {
  /** The public page's phase: outside the period the list is not shown (staff always see it). */
  phase?: 'upcoming' | 'open' | 'ended';
  count?: number;
  contactPerson?: string | null;
  contactPhone?: string | null;
  title: string;
  orgName: string;
  startDate: string;
  endDate: string;
  note: string | null;
  totalFen: number;
  entries: {
    seq: number;
    maskedName: string;
    unitName: string;
    amountFen: number;
    category: string | null;
    schoolLevel: string | null;
  }[];
}

/**
 * The notice as it is posted: a plain table that prints well on A4, used by the public page and by the
 * staff page's print view. Only masked data reaches it.
 */
export function NoticeSheet({ notice }: { notice: NoticeSheetData }) {
  const { t } = useTranslation('publicity');
  const reason = useReasonLabel();
  return (
    <article className="publicity-sheet" data-testid="notice-sheet">
      <h1>{notice.title}</h1>
      <p className="publicity-sheet-period">
        {t('public.period', { start: notice.startDate, end: notice.endDate })}
      </p>
      {notice.note && <p className="publicity-sheet-note">{notice.note}</p>}
      {notice.phase && notice.phase !== 'open' ? (
        <p className="publicity-sheet-closed" data-testid="notice-closed">
          {notice.phase === 'ended'
            ? t('public.ended', { end: notice.endDate })
            : t('public.upcoming', { start: notice.startDate })}
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th style={{ width: '4em' }}>{t('field.seq')}</th>
              <th>{t('field.name')}</th>
              <th>{t('field.unit')}</th>
              <th>{t('field.reason')}</th>
              <th style={{ textAlign: 'right' }}>{t('field.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {notice.entries.map((e) => (
              <tr key={e.seq}>
                <td>{e.seq}</td>
                <td>{e.maskedName}</td>
                <td>{e.unitName}</td>
                <td>{reason(e.category, e.schoolLevel)}</td>
                <td style={{ textAlign: 'right' }}>{formatYuan(e.amountFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="publicity-sheet-total">
        {t('public.count', {
          count: notice.count ?? notice.entries.length,
          amount: formatYuan(notice.totalFen),
        })}
      </p>
      {notice.phase !== 'ended' && (
        <p className="publicity-sheet-hint">
          {notice.contactPhone
            ? t('public.objectionContact', {
                person: notice.contactPerson ?? notice.orgName,
                phone: notice.contactPhone,
              })
            : t('public.objectionHint')}
        </p>
      )}
      <p className="publicity-sheet-org">{notice.orgName}</p>
      <p className="publicity-sheet-org">{notice.startDate}</p>
    </article>
  );
}

/** Plain print styles of the notice sheet; `.publicity-print-only` appears on paper only, `.no-print` on screen only. */
export const NOTICE_STYLES = `
.publicity-sheet { max-width: 960px; margin: 0 auto; color: #000; font-size: 14px; line-height: 1.7; }
.publicity-sheet h1 { text-align: center; font-size: 22px; margin: 8px 0 12px; }
.publicity-sheet-period { text-align: center; margin: 0 0 8px; }
.publicity-sheet-note { text-indent: 2em; margin: 0 0 12px; }
.publicity-sheet table { width: 100%; border-collapse: collapse; }
.publicity-sheet th, .publicity-sheet td { border: 1px solid #333; padding: 4px 8px; }
.publicity-sheet th { background: #f2f2f2; }
.publicity-sheet tr { break-inside: avoid; }
.publicity-sheet-total { margin: 12px 0 4px; }
.publicity-sheet-hint { margin: 0 0 24px; }
.publicity-sheet-org { text-align: right; margin: 0; }
.publicity-print-only { display: none; }
@media print {
  @page { size: A4; margin: 15mm; }
  .publicity-print-only { display: block; }
  .no-print { display: none !important; }
}
`;

/**
 * The staff page prints only the notice: its sheet is rendered into a portal directly under <body>, and
 * everything else under <body> (the app) is left off the paper.
 */
export const STAFF_PRINT_STYLES = `
@media print {
  body > :not(.publicity-print-portal) { display: none !important; }
}
`;
