/**
 * Validators for the national identifiers the product handles. Each returns `null` when valid,
 * otherwise a Chinese sentence saying what is wrong (shown to users as is).
 */
import {
  normalizeResidentId,
  PROVINCE_CODES,
  RESIDENT_ID_ISSUES_EN,
  RESIDENT_ID_ISSUES_ZH,
  type ResidentIdInfo,
  type ResidentIdIssue,
  residentIdCheckChar,
  residentIdInfo,
  residentIdIssue,
} from '../../shared/resident-id';
import { bilingual } from './bilingual';

/**
 * GB/T 2260 administrative region code: 6 digits whose first two name a province. The full list of
 * county codes changes every year, so we check structure and province, not membership of a table.
 */
export function regionCodeProblem(code: string): string | null {
  if (!/^\d{6}$/.test(code)) return '行政区划代码应为 6 位数字';
  if (!PROVINCE_CODES.has(code.slice(0, 2)))
    return `行政区划代码前两位 ${code.slice(0, 2)} 不是有效的省级代码`;
  if (code.slice(2, 4) === '00' && code.slice(4) !== '00')
    return '行政区划代码格式不正确：地级位为 00 时县级位也应为 00';
  return null;
}

/** Whether a unit whose region is `own` covers `target`: a province its cities and counties, a city its counties. */
export function regionCovers(own: string, target: string): boolean {
  if (own.endsWith('0000')) return target.startsWith(own.slice(0, 2));
  if (own.endsWith('00')) return target.startsWith(own.slice(0, 4));
  return own === target;
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The GB 32100-2015 check character of the first 17 characters. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  const check = (31 - (sum % 31)) % 31;
  return USCC_CHARS[check]!;
}

/** 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-letter alphabet with a MOD 31 check. */
export function usccProblem(code: string): string | null {
  if (code.length !== 18) return '统一社会信用代码应为 18 位';
  for (const ch of code)
    if (!USCC_CHARS.includes(ch)) return `统一社会信用代码含有无效字符“${ch}”（不使用 I、O、Z、S、V）`;
  if (!/^\d{6}$/.test(code.slice(2, 8))) return '统一社会信用代码第 3–8 位应为行政区划代码';
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) return '统一社会信用代码校验位不正确，请核对';
  return null;
}

export { normalizeResidentId, type ResidentIdInfo, residentIdCheckChar, residentIdInfo };

/** 公民身份号码 (GB 11643-1999, the checks in shared/resident-id.ts): what is wrong, in Chinese, or null. */
for (const [issue, zh] of Object.entries(RESIDENT_ID_ISSUES_ZH))
  bilingual(zh, RESIDENT_ID_ISSUES_EN[issue as ResidentIdIssue]);

export function residentIdProblem(raw: string, today: Date = new Date()): string | null {
  const issue = residentIdIssue(raw, today);
  return issue ? RESIDENT_ID_ISSUES_ZH[issue] : null;
}

const PHONE_PROBLEM = bilingual(
  '电话号码格式不正确（手机号 11 位，座机请带区号）',
  'Not a valid phone number (a mobile number has 11 digits; give a landline with its area code)',
);

/** Mainland mobile numbers (11 digits starting with 1) or landlines with area code. */
export function phoneProblem(raw: string): string | null {
  const phone = raw.replace(/[\s-]/g, '');
  if (/^1[3-9]\d{9}$/.test(phone)) return null;
  if (/^0\d{2,3}\d{7,8}$/.test(phone)) return null;
  return PHONE_PROBLEM;
}
