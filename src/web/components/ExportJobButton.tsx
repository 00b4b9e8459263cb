import { DownloadOutlined, ExportOutlined } from '@ant-design/icons';
import { App, Button, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../api/client';
import { errorMessage } from '../api/errors';
import type { Job } from '../api/types';
import { JobProgress } from './JobProgress';
import { useStartJob } from './useStartJob';

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
  const job = useStartJob(start);
  return (
    <>
      <Button icon={<ExportOutlined />} loading={job.starting} onClick={job.run} data-testid={testId}>
        {t('export.button')}
      </Button>
      <ExportJobModal jobId={job.jobId} title={t('export.title')} onClose={job.clear} />
    </>
  );
}

/** Follows an export job while `jobId` is set, then offers its file; `notice` is shown above the button. */
export function ExportJobModal({
  jobId,
  title,
  notice,
  onClose,
}: {
  jobId: string | null;
  title: string;
  notice?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();

  const download = async (result: ExportResult) => {
    try {
      await downloadFile(`/files/${encodeURIComponent(result.fileId)}/content`, result.fileName);
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  return (
    <Modal open={jobId !== null} title={title} footer={null} onCancel={onClose} destroyOnHidden>
      {jobId && (
        <JobProgress
          jobId={jobId}
          renderResult={(raw) => {
            const result = raw as ExportResult;
            return (
              <Space direction="vertical">
                <Typography.Text>{t('export.ready', { count: result.rowCount })}</Typography.Text>
                {notice && <Typography.Text type="warning">{notice}</Typography.Text>}
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
  );
}
