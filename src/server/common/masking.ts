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
 * A run of digits as people write them: groups of three or more (an ID's final X included) joined by a
 * space, a hyphen, or a space as a URL encodes it (`+`, `%20`) — 138-1234-1234, 6222 0212 3456 7890.
 * Groups of two stay apart, so a date (2025-06-30) is not one run.
 */
const DIGIT_RUN = /\d[\dXx]{2,}(?:(?:[ +-]|%20)\d[\dXx]{2,})*/g;
const GROUP_SEPARATOR = /([ +-]|%20)/;

/**
 * Free text that may hold an ID number, phone or account (a search, a logged URL): every run of six or
 * more digits keeps its first 3 and last 2 characters; separators between groups stay.
 * 身份证 110105199001011234 → 110*************34, 138-1234-1234 → 138-****-**34.
 */
export function maskDigitRuns(text: string): string {
  return text.replace(DIGIT_RUN, (run) => {
    // Split keeps the separators (odd positions), so `%20`'s own digits are never counted or masked.
    const parts = run.split(GROUP_SEPARATOR);
    const total = parts.reduce((n, part, i) => (i % 2 === 0 ? n + part.length : n), 0);
    if (total < 6) return run;
    let seen = 0;
    return parts
      .map((part, i) =>
        i % 2 === 1
          ? part
          : [...part]
              .map((ch) => {
                seen += 1;
                return seen <= 3 || seen > total - 2 ? ch : '*';
              })
              .join(''),
      )
      .join('');
  });
}
