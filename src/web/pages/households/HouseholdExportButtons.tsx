import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Category } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { ExportJobButton, ExportJobModal } from '../../components/ExportJobButton';
import { useStartJob } from '../../components/useStartJob';
import { buttonTestId } from '../../lib/testId';
import type { HouseholdFilter } from './households.api';
import { startExport } from './households.archive.api';

export type ExportFilter = HouseholdFilter & { category?: Category | 'unassessed' };

/** 导出 (masked) and, with the reveal permission, 导出完整号码 (audited). */
export function HouseholdExportButtons({ filter }: { filter: ExportFilter }) {
  const { can } = useAuth();
  return (
    <Space wrap>
      <ExportJobButton start={() => startExport(filter)} testId="households-export-button" />
      {can('household.reveal') && <FullExportButton filter={filter} />}
    </Space>
  );
}

function FullExportButton({ filter }: { filter: ExportFilter }) {
  const { t } = useTranslation();
  const job = useStartJob(() => startExport(filter, true));
  return (
    <>
      <Popconfirm
        title={t('households.exportFull.confirmTitle')}
        description={<div style={{ maxWidth: 280 }}>{t('households.exportFull.confirmText')}</div>}
        okText={t('households.exportFull.ok')}
        cancelText={t('common.cancel')}
        okButtonProps={buttonTestId('households-export-full-confirm', { danger: true })}
        onConfirm={() => void job.run()}
      >
        <Button
          icon={<SafetyCertificateOutlined />}
          loading={job.starting}
          data-testid="households-export-full-button"
        >
          {t('households.exportFull.button')}
        </Button>
      </Popconfirm>
      <ExportJobModal
        jobId={job.jobId}
        title={t('households.exportFull.title')}
        notice={t('households.exportFull.keepSafe')}
        onClose={job.clear}
      />
    </>
  );
}
