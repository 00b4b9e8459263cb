import { DownloadOutlined, FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useAuth } from '../../auth/AuthContext';
import { JobProgress } from '../../components/JobProgress';
import { useStartJob } from '../../components/useStartJob';
import { formatYuan } from '../households/money';
import { startRegister } from './disbursements.api';

interface RegisterResult {
  fileId: string;
  fileName: string;
  rowCount: number;
  /** 合计: the lines not failed. */
  totalCount: number;
  totalFen: number;
  failedCount: number;
  failedFen: number;
}

/** 登记册: generated as a background job; progress, then the file to download. */
export function RegisterButton({ batchId, format }: { batchId: string; format: 'xlsx' | 'docx' }) {
  const { t } = useTranslation('disbursements');
  const { can } = useAuth();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [unmasked, setUnmasked] = useState(false);
  const { jobId, starting, run, clear } = useStartJob(() => startRegister(batchId, format, unmasked));
  const close = () => {
    setOpen(false);
    clear();
    setUnmasked(false);
  };

  return (
    <>
      <Button
        icon={format === 'xlsx' ? <FileExcelOutlined /> : <FileWordOutlined />}
        onClick={() => setOpen(true)}
        data-testid={`register-${format}`}
      >
        {t(format === 'xlsx' ? 'detail.registerXlsx' : 'detail.registerDocx')}
      </Button>
      <Modal open={open} title={t('detail.registerTitle')} footer={null} onCancel={close} destroyOnHidden>
        {jobId ? (
          <JobProgress
            jobId={jobId}
            renderResult={(raw) => {
              const result = raw as RegisterResult;
              return (
                <Space direction="vertical">
                  <Typography.Text>
                    {t('detail.registerReady', {
                      count: result.totalCount,
                      amount: formatYuan(result.totalFen),
                    })}
                    {result.failedCount > 0 &&
                      t('detail.registerFailed', {
                        count: result.failedCount,
                        amount: formatYuan(result.failedFen),
                      })}
                  </Typography.Text>
                  <Button
                    type="primary"
                    icon={<DownloadOutlined />}
                    onClick={() =>
                      void downloadFile(
                        `/files/${encodeURIComponent(result.fileId)}/content`,
                        result.fileName,
                      ).catch((error) => message.error(errorMessage(error)))
                    }
                    data-testid="register-download"
                  >
                    {t('detail.download', { name: result.fileName })}
                  </Button>
                </Space>
              );
            }}
          />
        ) : (
          <Space direction="vertical" style={{ width: '100%' }}>
            {(can('disbursement.reveal') || can('household.reveal')) && (
              <Checkbox checked={unmasked} onChange={(e) => setUnmasked(e.target.checked)}>
                {t('detail.unmasked')}
              </Checkbox>
            )}
            <Button type="primary" loading={starting} onClick={() => void run()} data-testid="register-start">
              {t(format === 'xlsx' ? 'detail.registerXlsx' : 'detail.registerDocx')}
            </Button>
          </Space>
        )}
      </Modal>
    </>
  );
}
