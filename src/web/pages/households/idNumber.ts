/** 公民身份号码 on the form: the server's own checks (shared/resident-id.ts), and the age they imply. */
import { residentIdInfo, residentIdIssue } from '../../../shared/resident-id';

export { type ResidentIdIssue as IdProblem, residentIdIssue as idProblem } from '../../../shared/resident-id';

export interface IdInfo {
  birthDate: string;
  sex: 'male' | 'female';
  age: number;
}

/** Birth date, sex and age (in whole years, today) of a valid ID number; null when it is not valid. */
export function idInfo(raw: string, today = new Date()): IdInfo | null {
  if (residentIdIssue(raw, today)) return null;
  const { birthDate, sex } = residentIdInfo(raw);
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) age -= 1;
  return { birthDate, sex, age };
}
