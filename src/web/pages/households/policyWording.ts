import type { TFunction } from 'i18next';

/**
 * A policy version as staff name it: 「临江市低保标准（2026-07-01 起执行）」. The region's name comes from
 * the server (the federation carrying the code); without one, the code stands in for it.
 */
export function policyWording(
  t: TFunction,
  policy: { regionCode: string; regionName: string | null | undefined; effectiveFrom: string },
): string {
  return policy.regionName
    ? t('households.entry.policyNamed', { region: policy.regionName, from: policy.effectiveFrom })
    : t('households.entry.policyCode', { code: policy.regionCode, from: policy.effectiveFrom });
}
