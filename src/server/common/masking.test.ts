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
    expect(maskDigitRuns('from=2025-06-30&to=2025-12-31')).toBe('from=2025-06-30&to=2025-12-31');
    expect(maskDigitRuns('第 12 行-第 345 行')).toBe('第 12 行-第 345 行');
  });

  it('masks numbers written in groups, as typed or URL-encoded, keeping the separators', () => {
    expect(maskDigitRuns('138-1234-1234')).toBe('138-****-**34');
    expect(maskDigitRuns('138 1234 1234')).toBe('138 **** **34');
    expect(maskDigitRuns('q=138+1234+1234&page=1')).toBe('q=138+****+**34&page=1');
    expect(maskDigitRuns('q=6222%200212%203456%207890%20123')).toBe('q=622*%20****%20****%20****%20*23');
    expect(maskDigitRuns('330102 19800101 123X')).toBe('330*** ******** **3X');
    // Short groups are not joined: a group of two is a date part or a count, not a number's middle.
    expect(maskDigitRuns('12-34-56')).toBe('12-34-56');
  });
});
