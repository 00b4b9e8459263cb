import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { App, Button, Modal, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../api/client';
import { errorMessage } from '../../api/errors';
import type { Category } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { ExportJobButton } from '../../components/ExportJobButton';
import { JobProgress } from '../../components/JobProgress';
import { buttonTestId } from '../../lib/testId';
import type { HouseholdFilter } from './households.api';
import { startExport } from './households.archive.api';

export type ExportFilter = HouseholdFilter & { category?: Category | 'unassessed' };

interface ExportResult {
  fileId: string;
  fileName: string;
  rowCount: number;
}

/** 导出 (masked) and, with the reveal permission, 导出完整号码 (audited). */
export function HouseholdExportButtons({ filter }: { filter: ExportFilter }) {
  const { can } = useAuth();
  return (
    <Space>
      <ExportJobButton start={() => startExport(filter)} testId="households-export-button" />
      {can('household.reveal') && <FullExportButton filter={filter} />}
    </Space>
  );
}

function FullExportButton({ filter }: { filter: ExportFilter }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [jobId, setJobId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  const start = async () => {
    setStarting(true);
    try {
      setJobId((await startExport(filter, true)).id);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setStarting(false);
    }
  };

  const download = async (result: ExportResult) => {
    try {
      await downloadFile(`/files/${encodeURIComponent(result.fileId)}/content`, result.fileName);
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  return (
    <>
      <Popconfirm
        title={t('households.exportFull.confirmTitle')}
        description={<div style={{ maxWidth: 280 }}>{t('households.exportFull.confirmText')}</div>}
        okText={t('households.exportFull.ok')}
        cancelText={t('common.cancel')}
        okButtonProps={buttonTestId('households-export-full-confirm', { danger: true })}
        onConfirm={() => void start()}
      >
        <Button
          icon={<SafetyCertificateOutlined />}
          loading={starting}
          data-testid="households-export-full-button"
        >
          {t('households.exportFull.button')}
        </Button>
      </Popconfirm>
      <Modal
        open={jobId !== null}
        title={t('households.exportFull.title')}
        footer={null}
        onCancel={() => setJobId(null)}
        destroyOnHidden
      >
        {jobId && (
          <JobProgress
            jobId={jobId}
            renderResult={(raw) => {
              const result = raw as ExportResult;
              return (
                <Space direction="vertical">
                  <Typography.Text>{t('export.ready', { count: result.rowCount })}</Typography.Text>
                  <Typography.Text type="warning">{t('households.exportFull.keepSafe')}</Typography.Text>
                  <Button
                    type="primary"
                    icon={<DownloadOutlined />}
                    onClick={() => void download(result)}
                    data-testid="export-download"
                  >
                    {t('export.download', { name: result.fileName })}
                  </Button>
                </Space>
              );
            }}
          />
        )}
      </Modal>
    </>
  );
}
