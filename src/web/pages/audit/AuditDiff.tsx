import { Alert, Col, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AuditEntry } from '../../api/types';
import { JsonView } from '../../components/JsonView';

const REVEAL_FIELDS = ['idNumber', 'phone', 'bankAccount', 'memberIdNumber'] as const;
type RevealField = (typeof REVEAL_FIELDS)[number];
const isRevealField = (v: unknown): v is RevealField => REVEAL_FIELDS.includes(v as RevealField);

interface RevealAfter {
  field?: unknown;
  via?: unknown;
  fields?: unknown;
  rows?: unknown;
  part?: unknown;
  parts?: unknown;
  householdIds?: unknown;
}

/**
 * A reveal of full numbers said in words — which number of whose archive, or how many households an
 * export showed, with links to them — so that "who looked at this person's ID number?" reads off the log.
 */
function RevealSummary({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const after = (entry.after ?? {}) as RevealAfter;
  const label = (f: RevealField) => t(`audit.reveal.fields.${f}`);
  if (after.via === 'export') {
    const fields = Array.isArray(after.fields) ? after.fields.filter(isRevealField) : [];
    const ids = Array.isArray(after.householdIds)
      ? after.householdIds.filter((id): id is string => typeof id === 'string')
      : [];
    const part =
      typeof after.part === 'number' && typeof after.parts === 'number'
        ? t('audit.reveal.part', { part: after.part, parts: after.parts })
        : '';
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="audit-reveal-summary"
        message={`${t('audit.reveal.export', { rows: after.rows ?? ids.length, fields: fields.map(label).join('、') })}${part}`}
        description={
          ids.length > 0 && (
            <Space size={[8, 4]} wrap>
              <span>{t('audit.reveal.households')}：</span>
              {ids.map((id) => (
                <Link key={id} to={`/households/${id}`} style={{ fontFamily: 'monospace', fontSize: 12 }}>
                  {id.slice(0, 8)}…
                </Link>
              ))}
            </Space>
          )
        }
      />
    );
  }
  if (!isRevealField(after.field)) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="audit-reveal-summary"
      message={t('audit.reveal.single', { field: label(after.field) })}
    />
  );
}

/** The record before and after the change, side by side; a reveal of full numbers also in words. */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {entry.action === 'household.revealed' && <RevealSummary entry={entry} />}
      <Row gutter={16} data-testid={`audit-diff-${entry.id}`}>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('audit.before')}</Typography.Text>
          <div style={{ marginTop: 8 }}>
            <JsonView value={entry.before} testId="audit-before" />
          </div>
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('audit.after')}</Typography.Text>
          <div style={{ marginTop: 8 }}>
            <JsonView value={entry.after} testId="audit-after" />
          </div>
        </Col>
      </Row>
    </Space>
  );
}
