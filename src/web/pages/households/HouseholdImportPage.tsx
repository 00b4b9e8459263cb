import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Radio,
  Result,
  Row,
  Space,
  Statistic,
  Steps,
  Table,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import type { TFunction } from 'i18next';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { downloadFile } from '../../api/client';
import { errorMessage } from '../../api/errors';
import type { HouseholdImportResult, ImportMode, Job, JobError } from '../../api/types';
import { JobProgress, jobMessage } from '../../components/JobProgress';
import { householdKeys } from './households.api';
import { IMPORT_TEMPLATE_NAME, IMPORT_TEMPLATE_URL, startImport } from './households.archive.api';
import { householdListPath } from './listState';

const isXlsx = (file: { name: string }) => /\.xlsx$/i.test(file.name);

/** The job's result; the per-sheet row counts are absent from results of imports run before them. */

const MEMBER_SHEET = '家庭成员';

/** Rows the problem list names, per sheet (a row with several problems is one row). */
function listedRows(errors: JobError[]) {
  const rows = (member: boolean) =>
    new Set(errors.filter((e) => (e.sheet === MEMBER_SHEET) === member && e.row).map((e) => e.row)).size;
  return { main: rows(false), members: rows(true) };
}

/**
 * The list's heading, with the counts of the summary above it: rows with problems per sheet, and apart
 * from them the rows skipped as imported before (the list names those too, but they are not problems).
 * A job that failed has no result: the rows the list names.
 */
function importListHeading(t: TFunction<'translation'>, errors: JobError[], job: Job) {
  const result = job.status === 'succeeded' ? (job.result as HouseholdImportResult | null) : null;
  const listed = listedRows(errors);
  const main = result ? result.failed : listed.main;
  const members = result ? (result.memberFailed ?? 0) : listed.members;
  const skipped = result?.skipped ?? 0;
  const count = errors.length;
  if (main === 0 && members === 0 && skipped > 0)
    return { title: t('households.import.skippedOnly', { skipped, count }), type: 'info' as const };
  const problems =
    members > 0
      ? t('households.import.problemListWithMembers', { main, members, count })
      : t('households.import.problemList', { main, count });
  return {
    title: skipped > 0 ? t('households.import.problemListSkipped', { problems, skipped }) : problems,
  };
}

/** 批量导入: template → upload and mode → background job with its per-row error report. */
export default function HouseholdImportPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('all_or_nothing');
  const [jobId, setJobId] = useState<string | null>(null);
  const [finished, setFinished] = useState<Job | null>(null);
  const importedSome =
    finished?.status === 'succeeded' &&
    ((finished.result as HouseholdImportResult | null)?.imported ?? 0) > 0;
  const [starting, setStarting] = useState(false);
  const [downloading, setDownloading] = useState(false);

  const downloadTemplate = async () => {
    setDownloading(true);
    try {
      await downloadFile(IMPORT_TEMPLATE_URL, IMPORT_TEMPLATE_NAME);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setDownloading(false);
    }
  };

  const start = async () => {
    if (!file) {
      message.warning(t('households.import.fileRequired'));
      return;
    }
    setStarting(true);
    try {
      const job = await startImport(file, mode);
      setFinished(null);
      setJobId(job.id);
      setStep(2);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setStarting(false);
    }
  };

  const onFinished = useCallback(
    (job: Job) => {
      setFinished(job);
      void queryClient.invalidateQueries({ queryKey: householdKeys.all });
    },
    [queryClient],
  );

  const restart = () => {
    setJobId(null);
    setFinished(null);
    setFile(null);
    setStep(1);
  };

  const fileList: UploadFile[] = file
    ? [{ uid: 'import-file', name: file.name, size: file.size, status: 'done' }]
    : [];

  return (
    <PageContainer
      title={t('households.import.title')}
      breadcrumbRender={false}
      onBack={() => navigate(householdListPath())}
    >
      <Card>
        <Steps
          current={step}
          style={{ marginBottom: 24 }}
          items={[
            { title: t('households.import.step.template') },
            { title: t('households.import.step.upload') },
            { title: t('households.import.step.result') },
          ]}
        />

        {step === 0 && (
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Alert
              type="info"
              showIcon
              message={t('households.import.templateIntro')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  <li>{t('households.import.tip.sheets')}</li>
                  <li>{t('households.import.tip.text')}</li>
                  <li>{t('households.import.tip.employer')}</li>
                  <li>{t('households.import.tip.money')}</li>
                  <li>{t('households.import.tip.repeat')}</li>
                </ul>
              }
            />
            <Space>
              <Button
                icon={<DownloadOutlined />}
                loading={downloading}
                onClick={() => void downloadTemplate()}
                data-testid="household-import-template"
              >
                {t('households.import.downloadTemplate')}
              </Button>
              <Button type="primary" onClick={() => setStep(1)} data-testid="household-import-next">
                {t('households.import.haveFile')}
              </Button>
            </Space>
          </Space>
        )}

        {step === 1 && (
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <div data-testid="household-import-upload">
              <Upload.Dragger
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                multiple={false}
                maxCount={1}
                fileList={fileList}
                beforeUpload={(picked) => {
                  if (!isXlsx(picked)) {
                    message.error(t('households.import.notXlsx'));
                    return Upload.LIST_IGNORE;
                  }
                  setFile(picked);
                  return false;
                }}
                onRemove={() => {
                  setFile(null);
                  return true;
                }}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{t('households.import.dragText')}</p>
                <p className="ant-upload-hint">{t('households.import.dragHint')}</p>
              </Upload.Dragger>
            </div>
            <div>
              <Typography.Text strong>{t('households.import.mode')}</Typography.Text>
              <Radio.Group
                value={mode}
                onChange={(e) => setMode(e.target.value as ImportMode)}
                data-testid="household-import-mode"
                style={{ display: 'block', marginTop: 8 }}
              >
                <Space direction="vertical">
                  <Radio value="all_or_nothing" data-testid="household-import-mode-all_or_nothing">
                    {t('households.import.modeAll')}
                    <Typography.Text type="secondary">
                      {t('households.import.hintInParens', { hint: t('households.import.modeAllHint') })}
                    </Typography.Text>
                  </Radio>
                  <Radio value="valid_rows" data-testid="household-import-mode-valid_rows">
                    {t('households.import.modeValid')}
                    <Typography.Text type="secondary">
                      {t('households.import.hintInParens', { hint: t('households.import.modeValidHint') })}
                    </Typography.Text>
                  </Radio>
                </Space>
              </Radio.Group>
            </div>
            <Space>
              <Button onClick={() => setStep(0)}>{t('households.import.back')}</Button>
              <Button
                type="primary"
                icon={<UploadOutlined />}
                disabled={!file}
                loading={starting}
                onClick={() => void start()}
                data-testid="household-import-start"
              >
                {t('households.import.start')}
              </Button>
            </Space>
          </Space>
        )}

        {step === 2 && jobId && (
          <Space
            direction="vertical"
            size={16}
            style={{ width: '100%' }}
            data-testid="household-import-report"
          >
            <JobProgress
              jobId={jobId}
              onFinished={onFinished}
              renderResult={(raw) => <ImportSummary result={raw as HouseholdImportResult} mode={mode} />}
              errorsHeading={(errors, job) => importListHeading(t, errors, job)}
            />
            {finished?.status === 'failed' && (
              <Result
                status="error"
                title={t('households.import.failed')}
                subTitle={jobMessage(finished, i18n.language)}
              />
            )}
            {finished && (
              <Space>
                {/* The next step is the list when archives were written, another file when none was. */}
                <Button
                  type={importedSome ? 'default' : 'primary'}
                  onClick={restart}
                  data-testid="household-import-again"
                >
                  {t('households.import.again')}
                </Button>
                {importedSome && (
                  <Button
                    type="primary"
                    onClick={() => navigate('/households')}
                    data-testid="household-import-view"
                  >
                    {t('households.import.viewList')}
                  </Button>
                )}
              </Space>
            )}
          </Space>
        )}
      </Card>
    </PageContainer>
  );
}

function ImportSummary({ result, mode }: { result: HouseholdImportResult; mode: ImportMode }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const nothingWritten = mode === 'all_or_nothing' && result.failed > 0 && result.imported === 0;
  const notices = result.notices ?? [];
  const noticeCount = result.noticeCount ?? notices.length;
  const memberFailed = result.memberFailed ?? 0;
  const rowsRead =
    result.rows === undefined
      ? null
      : result.memberRows
        ? t('households.import.rowsReadWithMembers', { count: result.rows, members: result.memberRows })
        : t('households.import.rowsRead', { count: result.rows });
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="household-import-summary">
      {rowsRead && <Typography.Text type="secondary">{rowsRead}</Typography.Text>}
      {/* Each figure with its unit in one text (「0 households」): a separate suffix ran into the number. */}
      <Row gutter={16}>
        <Col span={6}>
          <Statistic
            title={t('households.import.imported')}
            value={result.imported}
            formatter={() => t('households.import.countHouseholds', { count: result.imported })}
            valueStyle={result.imported > 0 ? { color: '#389e0d' } : undefined}
            data-testid="household-import-imported"
          />
        </Col>
        <Col span={6}>
          <Statistic
            title={t('households.import.skipped')}
            value={result.skipped}
            formatter={() => t('households.import.countRows', { count: result.skipped })}
            data-testid="household-import-skipped"
          />
        </Col>
        <Col span={6}>
          <Statistic
            title={t('households.import.failedRows')}
            value={result.failed}
            formatter={() => t('households.import.countRows', { count: result.failed })}
            valueStyle={result.failed > 0 ? { color: '#cf1322' } : undefined}
            data-testid="household-import-failed"
          />
        </Col>
        {(memberFailed > 0 || (result.memberRows ?? 0) > 0) && (
          <Col span={6}>
            <Statistic
              title={t('households.import.memberFailedRows')}
              value={memberFailed}
              formatter={() => t('households.import.countRows', { count: memberFailed })}
              valueStyle={memberFailed > 0 ? { color: '#cf1322' } : undefined}
              data-testid="household-import-member-failed"
            />
          </Col>
        )}
      </Row>
      {nothingWritten && <Alert type="warning" showIcon message={t('households.import.nothingWritten')} />}
      {result.imported > 0 && <Alert type="success" showIcon message={t('households.import.draftsHint')} />}
      {notices.length > 0 && (
        <div data-testid="household-import-notices">
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 8 }}
            message={t('households.import.noticesTitle', { count: noticeCount })}
            description={
              <>
                {t('households.import.noticesHint')}
                {noticeCount > notices.length &&
                  ` ${t('households.import.noticesMore', { shown: notices.length, count: noticeCount })}`}
              </>
            }
          />
          <Table<JobError & { key: number }>
            size="small"
            pagination={notices.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            dataSource={notices.map((n, key) => ({ ...n, key }))}
            columns={[
              { title: t('households.import.row'), dataIndex: 'row', width: 80 },
              {
                title: t('households.import.column'),
                dataIndex: 'column',
                width: 160,
                render: (v: string, n: JobError) => (english ? (n.columnEn ?? v) : v),
              },
              {
                title: t('households.import.notice'),
                dataIndex: 'message',
                render: (v: string, n: JobError) => (english ? (n.messageEn ?? v) : v),
              },
            ]}
          />
        </div>
      )}
    </Space>
  );
}
