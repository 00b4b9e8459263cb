/** Masking rules of DOMAIN.md: what lists, exports and publicity show instead of full values. */

/** 110105199001011234 → 110105********1234 */
export function maskResidentId(id: string | null | undefined): string {
  if (!id) return '';
  if (id.length <= 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** 13812341234 → 138****1234; landlines keep area code and last 4. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const p = phone.replace(/[\s-]/g, '');
  if (p.length <= 7) return `${p.slice(0, 1)}${'*'.repeat(Math.max(p.length - 1, 0))}`;
  return `${p.slice(0, 3)}${'*'.repeat(p.length - 7)}${p.slice(-4)}`;
}

/** Publicity lists: 张三明 → 张*明, 张三 → 张*, 欧阳小明 → 欧**明. */
export function maskName(name: string | null | undefined): string {
  if (!name) return '';
  const chars = Array.from(name);
  if (chars.length === 1) return chars[0]!;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** Bank account: keep the last 4 digits. */
export function maskBankAccount(account: string | null | undefined): string {
  if (!account) return '';
  const a = account.replace(/\s/g, '');
  return `${'*'.repeat(Math.max(a.length - 4, 0))}${a.slice(-4)}`;
}

/**
 * Free text that may hold an ID number, phone or account (a search, a logged URL): every run of six or
 * more digits (an ID's final X included) keeps its first 3 and last 2 characters.
 * 身份证 110105199001011234 → 110*************34, 13812341234 → 138******34.
 */
export function maskDigitRuns(text: string): string {
  return text.replace(
    /\d[\dXx]{5,}/g,
    (run) => `${run.slice(0, 3)}${'*'.repeat(run.length - 5)}${run.slice(-2)}`,
  );
}
