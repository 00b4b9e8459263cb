import { describe, expect, it } from 'vitest';
import { type PolicyRegion, regionLabel, regionOptions } from './regions';

const regions: PolicyRegion[] = [
  { regionCode: '330105', regionName: '江北区', orgName: '江北区总工会', orgLevel: 'district' },
  { regionCode: '330100', regionName: '临江市', orgName: '临江市总工会', orgLevel: 'city' },
  { regionCode: '330108', regionName: null, orgName: '转塘街道总工会', orgLevel: 'township' },
];

describe('policy regions in the form', () => {
  it('shows each region by code and name, in code order; the unit when it names no region', () => {
    expect(regionOptions(regions).map((o) => o.label)).toEqual([
      '330100 临江市',
      '330105 江北区',
      '330108 转塘街道总工会',
    ]);
    expect(regionLabel('330000', null)).toBe('330000');
  });

  it('searches by code, region name or unit name', () => {
    const [city, north] = regionOptions(regions);
    expect(city?.searchText).toContain('临江市');
    expect(north?.searchText).toContain('3301');
    expect(north?.searchText).toContain('江北区总工会');
  });

  it('offers a typed 6-digit code no unit carries, once, and nothing for partial codes', () => {
    const typed = regionOptions(regions, { typed: ' 330127 ' });
    expect(typed.at(-1)).toMatchObject({ value: '330127', label: '330127', typed: true });
    expect(regionOptions(regions, { typed: '3301' })).toHaveLength(3);
    expect(regionOptions(regions, { typed: '330105' })).toHaveLength(3);
  });

  it('keeps the region of the version a new one starts from, named as the list named it', () => {
    const options = regionOptions(regions, {
      current: { regionCode: '330200', regionName: null, regionOrgName: null },
    });
    expect(options.at(-1)).toMatchObject({ value: '330200', label: '330200', typed: false });
    expect(
      regionOptions(regions, {
        current: { regionCode: '330105', regionName: '江北区', regionOrgName: '江北区总工会' },
      }),
    ).toHaveLength(3);
  });
});
