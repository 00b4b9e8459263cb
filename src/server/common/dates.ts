/**
 * Business dates: the calendar day in Asia/Shanghai as `YYYY-MM-DD` (policies take effect, reviews fall
 * due and decisions are dated by this day, whatever the server's time zone).
 */
export type IsoDate = string;

/** One formatter for the process: `toLocaleDateString` with options builds a new one on every call. */
const shanghaiDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' });

const DAY_MS = 86_400_000;
/** The last day formatted and the instants it covers: an import asks for today once per row. */
let lastDay: { from: number; to: number; day: IsoDate } | undefined;

export function businessDate(at: Date = new Date()): IsoDate {
  const t = at.getTime();
  if (lastDay && t >= lastDay.from && t < lastDay.to) return lastDay.day;
  const day = shanghaiDay.format(at);
  // China Standard Time (UTC+8) has had no daylight saving since 1991: the day starts at 16:00 UTC the
  // evening before. The span is remembered only when the formatter agrees at both of its ends.
  const from = Date.parse(`${day}T00:00:00+08:00`);
  if (shanghaiDay.format(new Date(from)) === day && shanghaiDay.format(new Date(from + DAY_MS - 1)) === day)
    lastDay = { from, to: from + DAY_MS, day };
  return day;
}

/**
 * The first instant of a business day: Asia/Shanghai is UTC+8 all year (no daylight saving since
 * 1991), so the day starts at 00:00 +08:00.
 */
export function businessDayStart(day: IsoDate): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** The first instant after a business day (a period's exclusive end when `day` is its last day). */
export function businessDayEnd(day: IsoDate): Date {
  return new Date(businessDayStart(day).getTime() + DAY_MS);
}

/** Adds calendar months; a day past the end of the target month clamps to its last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** Whole years between a birth date and a day (the age someone has on that day). */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The years a date from a request may fall in. PostgreSQL has no year 0 (`0000-01-01` fails in the
 * database), and no business date, birth date (ID numbers start at 1900) or deadline of this product lies
 * outside them: one rule for every date and month the API takes.
 */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;
export const ISO_DATE_PROBLEM = `日期应为 ${FIRST_YEAR}-01-01 至 ${LAST_YEAR}-12-31 之间的有效日期，格式为 YYYY-MM-DD`;
export const ISO_MONTH_PROBLEM = `月份应为 ${FIRST_YEAR}-01 至 ${LAST_YEAR}-12 之间的月份，格式为 YYYY-MM`;

/** A real calendar day `YYYY-MM-DD` between FIRST_YEAR and LAST_YEAR. */
export function isValidIsoDate(text: string): boolean {
  const m = ISO_DAY.exec(text);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < FIRST_YEAR || year > LAST_YEAR) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);
}

/** A month `YYYY-MM` between FIRST_YEAR and LAST_YEAR. */
export function isValidIsoMonth(text: string): boolean {
  return /^\d{4}-\d{2}$/.test(text) && isValidIsoDate(`${text}-01`);
}

// Swedish writes ISO order (2026-11-23 18:05:00): the same form as the dates beside it in a sheet.
const shanghaiMoment = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  hour12: false,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** A moment as Beijing wall-clock text for spreadsheets and documents, e.g. 2026-11-23 18:05:00. */
export function shanghaiDateTime(at: Date | string | null | undefined): string {
  return at ? shanghaiMoment.format(new Date(at)) : '';
}
