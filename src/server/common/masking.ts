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
 * What may stand between the groups of a number as people type it: spaces (also full-width, after NFKC),
 * dots, slashes, underscores, hyphens and dashes, and a space or hyphen as a URL encodes it.
 */
const SEPARATOR = String.raw`(?:[\s._/\\+\-\u2010-\u2015]+|%20|%2[dDfF])`;
/** Digits (an ID's final X included) in groups joined by separators: 138-1234-1234, 33 01 02 19 80 … */
const DIGIT_RUN = new RegExp(String.raw`\d[\dXx]*(?:${SEPARATOR}\d[\dXx]*)*`, 'g');
const GROUP_SEPARATOR = new RegExp(`(${SEPARATOR})`);
/** A date as written in a filter or a sentence (2025-06-30, 2025/6/30, 2025.06.30): not personal data. */
const DATE = /^\d{4}([-/.])\d{1,2}\1\d{1,2}$/;

/**
 * Free text that may hold an ID number, phone or account (a search, a logged URL): every run of six or
 * more digits keeps its first 3 and last 2 characters; separators between groups stay. Full-width digits
 * and spaces (a Chinese input method's) are read as ASCII first.
 * 身份证 110105199001011234 → 110*************34, 138-1234-1234 → 138-****-**34.
 */
export function maskDigitRuns(text: string): string {
  return text.normalize('NFKC').replace(DIGIT_RUN, (run) => {
    if (DATE.test(run)) return run;
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
