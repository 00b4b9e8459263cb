import { PrinterOutlined } from '@ant-design/icons';
import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { NOTICE_STYLES, NoticeSheet } from './NoticeSheet';
import { usePublicNotice } from './publicity.api';

/** `/public/publicity/:token`: the notice for anyone with the link — no sign-in, no app chrome, printable. */
export default function PublicNoticePage() {
  const { token = '' } = useParams();
  const { t } = useTranslation('publicity');
  const notice = usePublicNotice(token);
  return (
    <div style={{ background: '#fff', minHeight: '100vh', padding: '24px 16px' }}>
      <style>{NOTICE_STYLES}</style>
      {notice.isLoading && (
        <div style={{ textAlign: 'center', paddingTop: 80 }}>
          <Spin />
        </div>
      )}
      {notice.isError && (
        <Result status="404" title={t('public.notFound')} subTitle={t('public.notFoundHint')} />
      )}
      {notice.data && (
        <>
          <div className="no-print" style={{ maxWidth: 960, margin: '0 auto 8px', textAlign: 'right' }}>
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              {t('public.print')}
            </Button>
          </div>
          <NoticeSheet notice={notice.data} />
        </>
      )}
    </div>
  );
}
