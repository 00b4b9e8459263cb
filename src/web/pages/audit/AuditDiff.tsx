import { Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../api/types';
import { JsonView } from '../../components/JsonView';

/** The record before and after the change, side by side. */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  return (
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
  );
}
