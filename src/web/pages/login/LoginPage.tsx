import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { LoginForm, ProFormText } from '@ant-design/pro-components';
import { Alert, App, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { errorMessage } from '../../api/errors';
import { useAuth } from '../../auth/AuthContext';
import { login } from '../../auth/auth.api';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PageLoading } from '../../components/PageLoading';
import { buttonTestId } from '../../lib/testId';

interface LoginValues {
  username: string;
  password: string;
}

function safeFrom(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login') ? from : '/';
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { me, loading, signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);

  if (loading) return <PageLoading fullscreen />;
  if (me) return <Navigate to={me.mustChangePassword ? '/account' : safeFrom(location.state)} replace />;

  const onFinish = async (values: LoginValues) => {
    setError(null);
    try {
      const user = await login(values.username.trim(), values.password);
      signIn(user);
      message.success(t('login.welcome', { name: user.displayName }));
      if (user.mustChangePassword)
        navigate('/account', { replace: true, state: { mustChangePassword: true } });
      else navigate(safeFrom(location.state), { replace: true });
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        background: 'linear-gradient(180deg, #fff1f0 0%, #f5f5f5 60%)',
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'flex-end', padding: '16px 24px' }}>
        <LanguageSwitch />
      </div>
      <div
        style={{
          flex: 1,
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          paddingBottom: 64,
        }}
      >
        <div
          style={{
            background: '#fff',
            borderRadius: 12,
            boxShadow: '0 6px 24px rgba(0,0,0,0.08)',
            padding: '8px 0',
          }}
        >
          <LoginForm<LoginValues>
            title={t('app.name')}
            subTitle={t('login.subtitle')}
            onFinish={onFinish}
            submitter={{
              searchConfig: { submitText: t('login.submit') },
              submitButtonProps: buttonTestId('login-submit', { size: 'large', block: true }),
            }}
            message={
              error ? (
                <Alert
                  type="error"
                  showIcon
                  message={errorMessage(error)}
                  style={{ marginBottom: 24 }}
                  data-testid="login-error"
                />
              ) : undefined
            }
          >
            <ProFormText
              name="username"
              label={t('login.username')}
              fieldProps={{ size: 'large', prefix: <UserOutlined />, autoComplete: 'username' }}
              placeholder={t('login.username')}
              rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
            />
            <ProFormText.Password
              name="password"
              label={t('login.password')}
              fieldProps={{
                size: 'large',
                prefix: <LockOutlined />,
                autoComplete: 'current-password',
              }}
              placeholder={t('login.password')}
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            />
          </LoginForm>
          <Typography.Paragraph
            type="secondary"
            style={{ textAlign: 'center', fontSize: 12, margin: '0 24px 16px' }}
          >
            {t('login.footer')}
          </Typography.Paragraph>
        </div>
      </div>
    </div>
  );
}
