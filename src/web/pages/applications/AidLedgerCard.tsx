import { Card, Col, Empty, Row, Statistic, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../lib/format';
import { formatYuan } from '../households/money';
import { ProgramTypeTag } from '../programs/AidTags';
import { type AidLedger, useAidLedger } from './applications.api';

const PAYMENT_COLORS = { none: 'default', pending: 'processing', paid: 'success', failed: 'error' } as const;

/** Short headers and figures on one line: the card is narrow and "批准金/额" reads badly. */
const NO_WRAP = {
  onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
  onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
};

/** 帮扶台账: everything the household received, per program and year (contract 2). */
export function AidLedgerCard({ householdId, compact = false }: { householdId: string; compact?: boolean }) {
  const { t } = useTranslation('aid');
  const ledger = useAidLedger(householdId);
  return (
    <Card
      title={t('ledger.title')}
      size={compact ? 'small' : 'default'}
      loading={ledger.isLoading}
      data-testid="aid-ledger"
    >
      {ledger.isError ? (
        // Until the ledger endpoint answers, the card says so instead of failing the page.
        <Empty description={t('ledger.unavailable')} />
      ) : ledger.data && ledger.data.items.length > 0 ? (
        <LedgerBody ledger={ledger.data} compact={compact} />
      ) : (
        <Empty description={t('ledger.empty')} />
      )}
    </Card>
  );
}

function LedgerBody({ ledger, compact }: { ledger: AidLedger; compact: boolean }) {
  const { t } = useTranslation('aid');
  return (
    <>
      <Row gutter={16} style={{ marginBottom: 12 }}>
        <Col span={12}>
          <Statistic title={t('ledger.totalApproved')} value={formatYuan(ledger.totalApprovedFen)} />
        </Col>
        <Col span={12}>
          <Statistic title={t('ledger.totalPaid')} value={formatYuan(ledger.totalPaidFen)} />
        </Col>
      </Row>
      <Table
        size="small"
        rowKey="applicationId"
        pagination={compact ? { pageSize: 5, size: 'small' } : false}
        dataSource={ledger.items}
        scroll={{ x: true }}
        columns={[
          { title: t('ledger.year'), dataIndex: 'year', width: 70, ...NO_WRAP },
          {
            title: t('ledger.program'),
            minWidth: 160,
            render: (_, i) => (
              <span>
                <ProgramTypeTag type={i.programType} />
                <Link to={`/applications/${i.applicationId}`}>{i.programName}</Link>
              </span>
            ),
          },
          {
            title: t('ledger.approved'),
            align: 'right',
            width: 110,
            ...NO_WRAP,
            render: (_, i) => formatYuan(i.approvedFen),
          },
          {
            title: t('ledger.paid'),
            align: 'right',
            width: 110,
            ...NO_WRAP,
            render: (_, i) =>
              i.kind === 'goods' && i.itemName
                ? `${formatYuan(i.paidFen)}（${t('ledger.goods', { item: i.itemName, quantity: i.quantity ?? 0 })}）`
                : formatYuan(i.paidFen),
          },
          {
            title: t('ledger.payment'),
            width: 150,
            ...NO_WRAP,
            render: (_, i) => (
              <Tag color={PAYMENT_COLORS[i.payment]}>
                {t(`payment.${i.payment}`)}
                {i.paidAt ? ` ${formatDate(i.paidAt)}` : ''}
              </Tag>
            ),
          },
        ]}
      />
    </>
  );
}
