import { TranslationOutlined } from '@ant-design/icons';
import { Segmented, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, type Language, setLanguage } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const value: Language = i18n.language === 'en' ? 'en' : currentLanguage();
  return (
    <Tooltip title={t('lang.switch')}>
      <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
        <TranslationOutlined />
        <Segmented<Language>
          data-testid="language-switch"
          size="small"
          value={value}
          onChange={(lng) => setLanguage(lng)}
          options={[
            { label: t('lang.zh'), value: 'zh-CN' },
            { label: t('lang.en'), value: 'en' },
          ]}
        />
      </span>
    </Tooltip>
  );
}
