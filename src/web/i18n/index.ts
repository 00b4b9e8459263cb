import dayjs from 'dayjs';
import 'dayjs/locale/en';
import 'dayjs/locale/zh-cn';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { aidEn } from './aid.en';
import { aidZhCN } from './aid.zh-CN';
import { archiveReportEn } from './archiveReport.en';
import { archiveReportZhCN } from './archiveReport.zh-CN';
import { disbursementsEn } from './disbursements.en';
import { disbursementsZhCN } from './disbursements.zh-CN';
import { en } from './en';
import { publicityEn } from './publicity.en';
import { publicityZhCN } from './publicity.zh-CN';
import { zhCN } from './zh-CN';

dayjs.extend(utc);
dayjs.extend(timezone);

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_STORAGE_KEY = 'bangfu.lang';

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return value === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function applyToDocument(lng: string): void {
  const english = lng.startsWith('en');
  dayjs.locale(english ? 'en' : 'zh-cn');
  if (typeof document !== 'undefined') {
    document.documentElement.lang = english ? 'en' : 'zh-CN';
    document.title = i18n.t('app.name');
  }
}

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': {
      translation: zhCN,
      aid: aidZhCN,
      publicity: publicityZhCN,
      disbursements: disbursementsZhCN,
      archiveReport: archiveReportZhCN,
    },
    en: {
      translation: en,
      aid: aidEn,
      publicity: publicityEn,
      disbursements: disbursementsEn,
      archiveReport: archiveReportEn,
    },
  },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
});

applyToDocument(i18n.language);
i18n.on('languageChanged', applyToDocument);

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export function setLanguage(lng: Language): void {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, lng);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  void i18n.changeLanguage(lng);
}

export default i18n;
