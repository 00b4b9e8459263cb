import { createInstance, type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { zhCN } from '../../i18n/zh-CN';
import { policyWording } from './policyWording';

async function translator(lng: 'en' | 'zh-CN') {
  const i18n = createInstance();
  await i18n.init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng,
    interpolation: { escapeValue: false },
  });
  return i18n.t.bind(i18n) as TFunction;
}

describe('a policy version in words', () => {
  it('names the region, or shows its code when it has no name', async () => {
    const zh = await translator('zh-CN');
    const named = { regionCode: '330100', regionName: '临江市', effectiveFrom: '2026-07-01' };
    expect(policyWording(zh, named)).toBe('临江市低保标准（2026-07-01 起执行）');
    expect(policyWording(zh, { ...named, regionName: null })).toBe(
      '地区 330100 的低保标准（2026-07-01 起执行）',
    );
    const english = await translator('en');
    expect(policyWording(english, named)).toBe('临江市 minimum-living standard (in force from 2026-07-01)');
    expect(policyWording(english, { ...named, regionName: null })).toBe(
      'Minimum-living standard of region 330100 (in force from 2026-07-01)',
    );
  });
});
