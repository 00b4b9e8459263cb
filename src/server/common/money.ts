/** Money is integer fen (分) everywhere; yuan appears only at the edges (display, Excel, documents). */
export type Fen = number & { readonly __brand: 'Fen' };

export function fen(value: number): Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`金额必须是整数分：${value}`);
  return value as Fen;
}

/** Parses a yuan amount such as "12,080.50" or 12080.5 into fen, refusing more than two decimals. */
export function yuanToFen(yuan: string | number): Fen {
  const text = String(yuan).replace(/[,，\s]/g, '');
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw new RangeError(`无法识别的金额：${yuan}`);
  const [, sign, whole, decimals = ''] = match;
  const value = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  return fen(sign === '-' ? -value : value);
}

/** 1208050 → "12,080.50" */
export function formatYuan(amount: Fen | number, options: { grouping?: boolean } = {}): string {
  const negative = amount < 0;
  const abs = Math.abs(amount);
  const whole = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  // Thousands separators by hand: `toLocaleString` is an ICU call, and every decision explains its sums.
  const wholeText =
    options.grouping === false ? String(whole) : String(whole).replace(/\B(?=(\d{3})+$)/g, ',');
  return `${negative ? '-' : ''}${wholeText}.${cents}`;
}

export function sumFen(values: Iterable<Fen | number>): Fen {
  let total = 0;
  for (const v of values) total += v;
  return fen(total);
}
