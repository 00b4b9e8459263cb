/**
 * 公民身份号码 (GB 11643-1999) and the GB/T 2260 province codes: one implementation for the server
 * (which decides) and the web form (which warns as the user types), so the two never disagree.
 * Messages are the caller's: the server words them in Chinese, the web app through i18n.
 */

/** GB/T 2260 province-level codes (incl. 71 台湾, 81 香港, 82 澳门). */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

/**
 * What a resident ID number may start with: a province, or 83 — residence permits of Hong Kong, Macao
 * (810000, 820000: provinces already) and Taiwan residents (830000) follow GB 11643 too.
 */
const ID_PREFIXES: ReadonlySet<string> = new Set([...PROVINCE_CODES, '83']);

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** What is wrong with a number: each caller says it in its own words. */
export type ResidentIdIssue = 'legacy' | 'format' | 'province' | 'birth' | 'future' | 'check';

/** What each issue is called in Chinese: the server's error message and the form's hint alike. */
export const RESIDENT_ID_ISSUES_ZH: Record<ResidentIdIssue, string> = {
  legacy: '15 位旧身份证号码已停止使用，请填写 18 位公民身份号码',
  format: '公民身份号码应为 18 位，最后一位可为数字或 X',
  province: '公民身份号码前两位不是有效的省级行政区划代码',
  birth: '公民身份号码中的出生日期无效',
  future: '公民身份号码中的出生日期晚于今天',
  check: '公民身份号码校验位不正确，请核对',
};

/** The same in English: the import's problem list and its other English texts. */
export const RESIDENT_ID_ISSUES_EN: Record<ResidentIdIssue, string> = {
  legacy: '15-digit ID numbers are no longer in use; enter the 18-character resident ID number',
  format: 'A resident ID number has 18 characters; the last may be a digit or X',
  province: 'The first two digits of the ID number are not a valid province code',
  birth: 'The birth date in the ID number is not a valid date',
  future: 'The birth date in the ID number is after today',
  check: 'The check character of the ID number is wrong; please verify the number',
};

/** Trimmed, with a lower-case check character x upper-cased. */
export function normalizeResidentId(raw: string): string {
  return raw.trim().toUpperCase();
}

/** The ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** Null for a valid 18-character number; 15-digit numbers (retired) are refused as `legacy`. */
export function residentIdIssue(raw: string, today: Date = new Date()): ResidentIdIssue | null {
  const id = normalizeResidentId(raw);
  if (/^\d{15}$/.test(id)) return 'legacy';
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  if (!ID_PREFIXES.has(id.slice(0, 2))) return 'province';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return 'birth';
  if (date.getTime() > today.getTime()) return 'future';
  if (residentIdCheckChar(id.slice(0, 17)) !== id[17]) return 'check';
  return null;
}

export interface ResidentIdInfo {
  regionCode: string;
  /** ISO date. */
  birthDate: string;
  sex: 'male' | 'female';
}

/** Region, birth date and sex encoded in a valid number. */
export function residentIdInfo(raw: string): ResidentIdInfo {
  const id = normalizeResidentId(raw);
  return {
    regionCode: id.slice(0, 6),
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
  };
}
