/** 公民身份号码 (GB 11643-1999) checks, mirroring the server's: 18 characters, ISO 7064 MOD 11-2 check. */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const PROVINCES = new Set([
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
  '83',
  '91',
]);

export type IdProblem = 'legacy' | 'format' | 'province' | 'birth' | 'future' | 'check';

export function normalizeId(raw: string): string {
  return raw.trim().toUpperCase();
}

export function checkChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] ?? '';
}

export function idProblem(raw: string, today = new Date()): IdProblem | null {
  const id = normalizeId(raw);
  if (/^\d{15}$/.test(id)) return 'legacy';
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  if (!PROVINCES.has(id.slice(0, 2))) return 'province';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return 'birth';
  if (date.getTime() > today.getTime()) return 'future';
  if (checkChar(id.slice(0, 17)) !== id[17]) return 'check';
  return null;
}

export interface IdInfo {
  birthDate: string;
  sex: 'male' | 'female';
  age: number;
}

/** Birth date, sex and age of a valid ID number; null when it is not valid. */
export function idInfo(raw: string, today = new Date()): IdInfo | null {
  const id = normalizeId(raw);
  if (idProblem(id, today)) return null;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) age -= 1;
  return {
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    age,
  };
}
