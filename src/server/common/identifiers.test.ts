import { describe, expect, it } from 'vitest';
import {
  phoneProblem,
  regionCodeProblem,
  residentIdCheckChar,
  residentIdInfo,
  residentIdProblem,
  usccCheckChar,
  usccProblem,
} from './identifiers';
import { maskBankAccount, maskName, maskPhone, maskResidentId } from './masking';
import { formatYuan, sumFen, yuanToFen } from './money';

describe('resident ID (GB 11643-1999)', () => {
  // The standard's own example (ending in X), and numbers whose check digits were computed outside this
  // code (ISO 7064 MOD 11-2 by hand: weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2).
  const valid = [
    '11010519491231002X',
    '440524198001010013',
    '330102197606060128',
    '510107200112310043',
    '650102195507159988',
    '110108199302282318',
  ];

  it('computes the same check characters as the hand-checked numbers', () => {
    for (const id of valid) expect(residentIdCheckChar(id.slice(0, 17))).toBe(id[17]);
  });

  it.each(valid)('accepts %s', (id) => {
    expect(residentIdProblem(id)).toBeNull();
  });

  it('accepts a lower-case x', () => {
    expect(residentIdProblem('11010519491231002x')).toBeNull();
  });

  it('refuses a wrong check digit', () => {
    expect(residentIdProblem('110105194912310021')).toBe('公民身份号码校验位不正确，请核对');
  });

  it('refuses 15-digit legacy numbers with a clear message', () => {
    expect(residentIdProblem('110105491231002')).toMatch(/15 位旧身份证号码已停止使用/);
  });

  it('refuses impossible birth dates, future dates and bad provinces', () => {
    const withBody = (body17: string) => body17 + residentIdCheckChar(body17);
    expect(residentIdProblem(withBody('11010519900230123'))).toBe('公民身份号码中的出生日期无效');
    expect(residentIdProblem(withBody('11010520990101123'), new Date('2026-11-23'))).toBe(
      '公民身份号码中的出生日期晚于今天',
    );
    expect(residentIdProblem(withBody('99010519900101123'))).toMatch(/省级/);
    expect(residentIdProblem('1101051990010112')).toMatch(/18 位/);
  });

  it('accepts residence permits of Hong Kong, Macao and Taiwan residents (81, 82, 83), not other prefixes', () => {
    const withBody = (body17: string) => body17 + residentIdCheckChar(body17);
    for (const prefix of ['810000', '820000', '830000'])
      expect(residentIdProblem(withBody(`${prefix}19900101123`))).toBeNull();
    expect(residentIdProblem(withBody('91000019900101123'))).toMatch(/省级/);
    // 83 is a permit prefix, not a GB/T 2260 province: no region code starts with it.
    expect(regionCodeProblem('830000')).toMatch(/省级/);
  });

  it('derives region, birth date and sex', () => {
    expect(residentIdInfo('11010519491231002X')).toEqual({
      regionCode: '110105',
      birthDate: '1949-12-31',
      sex: 'female',
    });
    expect(residentIdInfo(valid[1]!)).toMatchObject({
      regionCode: '440524',
      birthDate: '1980-01-01',
      sex: 'male',
    });
    expect(residentIdProblem(`44052418800101001${residentIdCheckChar('44052418800101001')}`)).toBe(
      '公民身份号码中的出生日期无效',
    );
  });
});

describe('USCC (GB 32100-2015)', () => {
  it('accepts real-format codes and computes the check character', () => {
    expect(usccProblem('91350100M000100Y43')).toBeNull();
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('refuses a wrong check character, forbidden letters and bad length', () => {
    expect(usccProblem('91350100M000100Y44')).toBe('统一社会信用代码校验位不正确，请核对');
    expect(usccProblem('91350100M000100I43')).toMatch(/无效字符“I”/);
    expect(usccProblem('91350100M000100Y4')).toBe('统一社会信用代码应为 18 位');
  });
});

describe('region codes (GB/T 2260)', () => {
  it.each(['110000', '330102', '650100', '820000'])('accepts %s', (code) => {
    expect(regionCodeProblem(code)).toBeNull();
  });
  it.each([
    ['33010', '6 位'],
    ['990102', '省级'],
    ['330012', '县级位'],
    ['33a102', '6 位'],
  ])('refuses %s', (code, why) => {
    expect(regionCodeProblem(code)).toContain(why);
  });
});

describe('phones', () => {
  it('accepts mobiles and landlines, refuses the rest', () => {
    expect(phoneProblem('13812341234')).toBeNull();
    expect(phoneProblem('0571-86001234')).toBeNull();
    expect(phoneProblem('12345')).not.toBeNull();
  });
});

describe('masking', () => {
  it('masks as DOMAIN.md prescribes', () => {
    expect(maskResidentId('110105199001011234')).toBe('110105********1234');
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskName('张三明')).toBe('张*明');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskBankAccount('6222021234567890123')).toBe('***************0123');
  });
});

describe('money in fen', () => {
  it('converts yuan to fen exactly and formats back', () => {
    expect(yuanToFen('12,080.50')).toBe(1_208_050);
    expect(yuanToFen(0.1)).toBe(10);
    expect(yuanToFen('5920')).toBe(592_000);
    expect(() => yuanToFen('1.234')).toThrow(/金额/);
    expect(formatYuan(1_208_050)).toBe('12,080.50');
    expect(formatYuan(-5)).toBe('-0.05');
    // 送温暖: 区政府 5,920 + 局工会 6,160 = 12,080 元
    expect(formatYuan(sumFen([yuanToFen('5920'), yuanToFen('6160')]))).toBe('12,080.00');
  });
});
