import { DownloadOutlined, ExportOutlined } from '@ant-design/icons';
import { App, Button, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../api/client';
import { errorMessage } from '../api/errors';
import type { Job } from '../api/types';
import { JobProgress } from './JobProgress';

/** What every export job returns (see docs/api.md, "Exports"). */
interface ExportResult {
  fileId: string;
  fileName: string;
  rowCount: number;
}

export interface ExportJobButtonProps {
  /** Starts the export job with the list's current filters. */
  start: () => Promise<Job>;
  testId?: string;
}

/** 导出: starts a background export, follows its progress and offers the .xlsx when it is ready. */
export function ExportJobButton({ start, testId = 'export-button' }: ExportJobButtonProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [jobId, setJobId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  const onClick = async () => {
    setStarting(true);
    try {
      setJobId((await start()).id);
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
      <Button icon={<ExportOutlined />} loading={starting} onClick={onClick} data-testid={testId}>
        {t('export.button')}
      </Button>
      <Modal
        open={jobId !== null}
        title={t('export.title')}
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
