import { PlusOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../auth/AuthContext';
import { ApplicationsTable } from './ApplicationsTable';

export default function ApplicationsPage() {
  const { t } = useTranslation('aid');
  const { can } = useAuth();
  const navigate = useNavigate();
  return (
    <PageContainer title={t('applications.title')}>
      <ApplicationsTable
        toolBar={
          can('application.write')
            ? [
                <Button
                  key="create"
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => navigate('/applications/new')}
                  data-testid="application-create"
                >
                  {t('applications.create')}
                </Button>,
              ]
            : []
        }
      />
    </PageContainer>
  );
}
