import { PageContainer, ProDescriptions } from '@ant-design/pro-components';
import { Alert, Card, Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/types';
import { useAuth, useMe } from '../../auth/AuthContext';
import { OrgLevelTag } from '../../components/OrgLevelTag';
import { RoleTags } from '../../components/RoleTags';
import { ChangePasswordForm } from './ChangePasswordForm';

export default function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { refresh } = useAuth();

  return (
    <PageContainer title={t('account.title')} breadcrumbRender={false}>
      {me.mustChangePassword && (
        <Alert
          data-testid="must-change-password"
          type="warning"
          showIcon
          message={t('account.mustChangeNotice')}
          style={{ marginBottom: 16 }}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('account.info')} style={{ height: '100%' }}>
            <ProDescriptions<Me>
              column={1}
              dataSource={me}
              columns={[
                { title: t('users.field.username'), dataIndex: 'username' },
                { title: t('users.field.displayName'), dataIndex: 'displayName' },
                { title: t('users.field.org'), dataIndex: 'orgName' },
                {
                  title: t('orgs.field.level'),
                  dataIndex: 'orgLevel',
                  render: () => <OrgLevelTag level={me.orgLevel} />,
                },
                {
                  title: t('users.field.roles'),
                  dataIndex: 'roles',
                  render: () => <RoleTags roles={me.roles} />,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('account.changePassword')} style={{ height: '100%' }}>
            <ChangePasswordForm onChanged={() => void refresh()} />
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
