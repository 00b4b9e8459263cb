import { CheckCircleFilled, DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Progress, Space, Table, Typography } from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet, downloadFile } from '../api/client';
import { errorMessage } from '../api/errors';
import type { Job, JobError } from '../api/types';
import { ErrorState } from './ErrorState';
import { JsonView } from './JsonView';

export const jobQueryKey = (id: string) => ['jobs', id] as const;

const isRunning = (job: Job | undefined) => !job || job.status === 'queued' || job.status === 'running';

/**
 * Why a job failed, in the interface's language: the server says it in Chinese and in English; jobs that
 * failed before the English variant was kept have the Chinese one only.
 */
export function jobMessage(job: Pick<Job, 'message' | 'messageEn'>, language: string): string | null {
  return language === 'en' ? (job.messageEn ?? job.message) : job.message;
}

export interface JobProgressProps {
  jobId: string;
  /** Called once when the job reaches `succeeded` or `failed`. */
  onFinished?: (job: Job) => void;
  /** How to show a successful job's `result`; pretty JSON by default. */
  renderResult?: (result: unknown, job: Job) => ReactNode;
  /**
   * The heading of the problem list (「发现 N 个问题」 by default) and its tone: `info` when the list
   * holds notes only (e.g. rows an import skipped), not problems.
   */
  errorsHeading?: (errors: JobError[], job: Job) => { title: ReactNode; type?: 'warning' | 'info' };
}

/**
 * Follows a background job (imports, exports…): polls `GET /api/jobs/:id` every second while it is
 * queued or running, then shows its result and the problems it found (downloadable as .xlsx).
 */
export function JobProgress({ jobId, onFinished, renderResult, errorsHeading }: JobProgressProps) {
  const { t, i18n } = useTranslation();
  const {
    data: job,
    error,
    refetch,
  } = useQuery({
    queryKey: jobQueryKey(jobId),
    queryFn: ({ signal }) => apiGet<Job>(`/jobs/${encodeURIComponent(jobId)}`, undefined, signal),
    refetchInterval: (query) => (isRunning(query.state.data) && !query.state.error ? 1000 : false),
    staleTime: 0,
  });

  const reported = useRef<string | null>(null);
  useEffect(() => {
    if (job && !isRunning(job) && reported.current !== job.id) {
      reported.current = job.id;
      onFinished?.(job);
    }
  }, [job, onFinished]);

  if (error && !job) return <ErrorState error={error} onRetry={() => void refetch()} />;

  const percent = job && job.total > 0 ? Math.min(100, Math.floor((job.done / job.total) * 100)) : 0;
  const status = job?.status ?? 'queued';
  const progressStatus = status === 'failed' ? 'exception' : status === 'running' ? 'active' : 'normal';

  // The percentage only: `done` / `total` count a job's own steps (an import counts each row twice,
  // checked then written), which read as a number of rows they are not.
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="job-progress" data-status={status}>
      <Typography.Text strong type={status === 'succeeded' ? 'success' : undefined}>
        {status === 'succeeded' && <CheckCircleFilled style={{ marginInlineEnd: 6 }} />}
        {t(`job.${status}`)}
      </Typography.Text>
      {/* Once done, the result says what happened; a full bar would only repeat 处理完成. */}
      {status !== 'succeeded' && <Progress percent={percent} status={progressStatus} />}
      {job?.message && (
        <Alert
          type={status === 'failed' ? 'error' : 'info'}
          showIcon
          message={jobMessage(job, i18n.language)}
          data-testid="job-message"
        />
      )}
      {job?.status === 'succeeded' && job.result !== null && job.result !== undefined && (
        <div data-testid="job-result">
          {renderResult ? renderResult(job.result, job) : <JsonView value={job.result} />}
        </div>
      )}
      {job && job.errors.length > 0 && (
        <JobErrors
          jobId={job.id}
          errors={job.errors}
          heading={
            errorsHeading?.(job.errors, job) ?? { title: t('job.errors', { count: job.errors.length }) }
          }
        />
      )}
    </Space>
  );
}

function JobErrors({
  jobId,
  errors,
  heading,
}: {
  jobId: string;
  errors: JobError[];
  heading: { title: ReactNode; type?: 'warning' | 'info' };
}) {
  const { t, i18n } = useTranslation();
  // The server words each problem in Chinese and, where it can, in English: the English one in English.
  const english = i18n.language === 'en';
  const { message } = App.useApp();
  const [downloading, setDownloading] = useState(false);
  const download = async () => {
    setDownloading(true);
    try {
      await downloadFile(`/jobs/${encodeURIComponent(jobId)}/errors.xlsx`, `${t('job.errorsFile')}.xlsx`);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setDownloading(false);
    }
  };
  return (
    <div data-testid="job-errors">
      <Alert
        type={heading.type ?? 'warning'}
        showIcon
        message={heading.title}
        action={
          <Button
            size="small"
            icon={<DownloadOutlined />}
            loading={downloading}
            onClick={() => void download()}
            data-testid="job-errors-download"
          >
            {t('job.downloadErrors')}
          </Button>
        }
        style={{ marginBottom: 8 }}
      />
      <Table<JobError & { key: number }>
        size="small"
        pagination={errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        dataSource={errors.map((e, key) => ({ ...e, key }))}
        columns={[
          // A file of several sheets (the import's 困难职工 and 家庭成员) says which sheet a row is on.
          ...(errors.some((e) => e.sheet)
            ? [{ title: t('job.sheet'), dataIndex: 'sheet', width: 100, render: (v?: string) => v ?? '—' }]
            : []),
          { title: t('job.row'), dataIndex: 'row', width: 80, render: (v?: number) => v ?? '—' },
          { title: t('job.column'), dataIndex: 'column', width: 220, render: (v?: string) => v ?? '—' },
          {
            title: t('job.message'),
            dataIndex: 'message',
            render: (v: string, e: JobError) => (english ? (e.messageEn ?? v) : v),
          },
        ]}
      />
    </div>
  );
}
