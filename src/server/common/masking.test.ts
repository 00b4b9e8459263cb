import { describe, expect, it } from 'vitest';
import { maskDigitRuns } from './masking';

describe('maskDigitRuns', () => {
  it('masks ID numbers, phones and accounts inside free text, keeping 3 before and 2 after', () => {
    expect(maskDigitRuns('110105199001011234')).toBe('110*************34');
    expect(maskDigitRuns('11010519491231002X')).toBe('110*************2X');
    expect(maskDigitRuns('q=13812341234&page=1')).toBe('q=138******34&page=1');
    expect(maskDigitRuns('张三 6222021234567890123 工行')).toBe('张三 622**************23 工行');
  });

  it('leaves short numbers and text without digits alone', () => {
    expect(maskDigitRuns('page=2&pageSize=20&reviewDueBefore=2025-06-30')).toBe(
      'page=2&pageSize=20&reviewDueBefore=2025-06-30',
    );
    expect(maskDigitRuns('12345')).toBe('12345');
    expect(maskDigitRuns('张建国')).toBe('张建国');
    expect(maskDigitRuns('123456')).toBe('123*56');
  });
});
