import { describe, expect, it } from 'vitest';
import { addMonths, ageOn, businessDate, isValidIsoDate, isValidIsoMonth, shanghaiDateTime } from './dates';

describe('business dates (Asia/Shanghai)', () => {
  it('changes day at midnight in Beijing, not in UTC', () => {
    expect(businessDate(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(businessDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    // The day just computed is remembered: instants on either side of it are still formatted.
    expect(businessDate(new Date('2026-12-31T15:59:59.999Z'))).toBe('2026-12-31');
    expect(businessDate(new Date('2027-01-01T15:59:59.999Z'))).toBe('2027-01-01');
    expect(businessDate(new Date('2027-01-01T16:00:00Z'))).toBe('2027-01-02');
    // Before 1991 China had summer time: those days are formatted, not assumed.
    expect(businessDate(new Date('1988-06-01T15:30:00Z'))).toBe('1988-06-02');
  });

  it('writes moments as Beijing wall-clock time with a two-digit hour', () => {
    expect(shanghaiDateTime('2026-03-05T01:02:03Z')).toBe('2026-03-05 09:02:03');
    expect(shanghaiDateTime(new Date('2026-03-05T16:02:03Z'))).toBe('2026-03-06 00:02:03');
    expect(shanghaiDateTime(null)).toBe('');
  });

  it('adds months clamping to the last day, and counts whole years of age', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', -12)).toBe('2025-11-15');
    expect(ageOn('2008-12-07', '2026-12-06')).toBe(17);
    expect(ageOn('2008-12-07', '2026-12-07')).toBe(18);
  });

  it('accepts only real calendar days', () => {
    expect(isValidIsoDate('2026-02-29')).toBe(false);
    expect(isValidIsoDate('2028-02-29')).toBe(true);
    expect(isValidIsoDate('2026-2-1')).toBe(false);
    expect(isValidIsoDate('1900-02-29')).toBe(false);
    expect(isValidIsoDate('2000-02-29')).toBe(true);
    for (const bad of [
      '2026-00-10',
      '2026-13-01',
      '2026-04-31',
      '2026-01-00',
      '2026-01-32',
      '2026-01-01T00:00',
      ' 2026-01-01',
    ])
      expect(isValidIsoDate(bad)).toBe(false);
    for (const good of ['1900-01-01', '2026-01-31', '2026-04-30', '2026-12-31', '2100-12-31'])
      expect(isValidIsoDate(good)).toBe(true);
  });

  it('accepts only the years 1900–2100: PostgreSQL has no year 0', () => {
    for (const outside of ['0000-01-01', '0001-01-01', '1899-12-31', '2101-01-01', '9999-12-31'])
      expect(isValidIsoDate(outside)).toBe(false);
    for (const month of ['1900-01', '2026-12', '2100-12']) expect(isValidIsoMonth(month)).toBe(true);
    for (const month of ['0000-01', '1899-12', '2101-01', '2026-00', '2026-13', '2026-1', '2026-01-01'])
      expect(isValidIsoMonth(month)).toBe(false);
  });
});
