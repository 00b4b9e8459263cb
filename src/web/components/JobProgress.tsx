import { useQuery } from '@tanstack/react-query';
import { Alert, Progress, Space, Table, Typography } from 'antd';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../api/client';
import type { Job, JobError } from '../api/types';
import { ErrorState } from './ErrorState';
import { JsonView } from './JsonView';

export const jobQueryKey = (id: string) => ['jobs', id] as const;

const isRunning = (job: Job | undefined) => !job || job.status === 'queued' || job.status === 'running';

export interface JobProgressProps {
  jobId: string;
  /** Called once when the job reaches `succeeded` or `failed`. */
  onFinished?: (job: Job) => void;
  /** How to show a successful job's `result`; pretty JSON by default. */
  renderResult?: (result: unknown, job: Job) => ReactNode;
}

/**
 * Follows a background job (imports, exports…): polls `GET /api/jobs/:id` every second while it is
 * queued or running, then shows its result or the problems it found.
 */
export function JobProgress({ jobId, onFinished, renderResult }: JobProgressProps) {
  const { t } = useTranslation();
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
  const progressStatus =
    status === 'failed'
      ? 'exception'
      : status === 'succeeded'
        ? 'success'
        : status === 'running'
          ? 'active'
          : 'normal';

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="job-progress" data-status={status}>
      <Space>
        <Typography.Text strong>{t(`job.${status}`)}</Typography.Text>
        {job && job.total > 0 && (
          <Typography.Text type="secondary">
            {t('job.progress', { done: job.done, total: job.total })}
          </Typography.Text>
        )}
      </Space>
      <Progress percent={status === 'succeeded' ? 100 : percent} status={progressStatus} />
      {job?.message && <Alert type={status === 'failed' ? 'error' : 'info'} showIcon message={job.message} />}
      {job && job.errors.length > 0 && <JobErrors errors={job.errors} />}
      {job?.status === 'succeeded' && job.result !== null && job.result !== undefined && (
        <div data-testid="job-result">
          {renderResult ? renderResult(job.result, job) : <JsonView value={job.result} />}
        </div>
      )}
    </Space>
  );
}

function JobErrors({ errors }: { errors: JobError[] }) {
  const { t } = useTranslation();
  return (
    <div data-testid="job-errors">
      <Alert
        type="warning"
        showIcon
        message={t('job.errors', { count: errors.length })}
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
          { title: t('job.column'), dataIndex: 'column', width: 120, render: (v?: string) => v ?? '—' },
          { title: t('job.message'), dataIndex: 'message' },
        ]}
      />
    </div>
  );
}
