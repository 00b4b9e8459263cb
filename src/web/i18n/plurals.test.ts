import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';

/** The counts the household pages show: English says "1 household", "2 households"; Chinese has one form. */
async function translator(lng: 'en' | 'zh-CN') {
  const i18n = createInstance();
  await i18n.init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng,
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
  });
  return i18n.t.bind(i18n) as (key: string, options?: Record<string, unknown>) => string;
}

describe('plural forms', () => {
  it('English picks one or other by the count', async () => {
    const t = await translator('en');
    expect(t('households.stats.pageTotal', { count: 1, n: '1' })).toBe('1 household');
    expect(t('households.stats.pageTotal', { count: 2, n: '2' })).toBe('2 households');
    expect(t('households.live.persons', { count: 1 })).toBe('1 person');
    expect(t('households.live.persons', { count: 3 })).toBe('3 persons');
    expect(t('households.import.countRows', { count: 1 })).toBe('1 row');
    expect(t('households.import.countRows', { count: 0 })).toBe('0 rows');
    expect(t('households.import.countHouseholds', { count: 0 })).toBe('0 households');
    expect(t('households.sample.drawn', { count: 1 })).toBe('1 household drawn');
    expect(t('export.ready', { count: 1 })).toBe('1 row ready');
  });

  it('Chinese reads the same whatever the count', async () => {
    const t = await translator('zh-CN');
    expect(t('households.stats.pageTotal', { count: 1, n: '1' })).toBe('共 1 户');
    expect(t('households.live.persons', { count: 3 })).toBe('3 人');
    expect(t('households.import.countRows', { count: 1 })).toBe('1 行');
  });
});

describe('the home page’s to-do hints name the tab each to-do opens', () => {
  for (const lng of ['en', 'zh-CN'] as const)
    it(lng, async () => {
      const t = await translator(lng);
      // 待我审核 opens the tab 待我审核, 待我确认脱困 the tab 待确认脱困 (English had them swapped).
      expect(t('dashboard.todo.households.awaitingReview.hint')).toContain(t('households.tab.awaiting'));
      expect(t('dashboard.todo.households.awaitingReview.hint')).not.toContain(
        t('households.tab.exitProposed'),
      );
      expect(t('dashboard.todo.households.exitAwaitingConfirmation.hint')).toContain(
        t('households.tab.exitProposed'),
      );
    });
});
