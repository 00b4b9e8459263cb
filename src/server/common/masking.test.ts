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
  });

  it('masks numbers however they are grouped or typed: dots, slashes, dashes, pairs, full-width', () => {
    expect(maskDigitRuns('138.1234.1234')).toBe('138.****.**34');
    expect(maskDigitRuns('138/1234/1234')).toBe('138/****/**34');
    expect(maskDigitRuns('138_1234_1234')).toBe('138_****_**34');
    expect(maskDigitRuns('138  1234\t1234')).toBe('138  ****\t**34');
    expect(maskDigitRuns('138–1234–1234')).toBe('138–****–**34');
    expect(maskDigitRuns('１３８１２３４１２３４')).toBe('138******34');
    expect(maskDigitRuns('138　1234　1234')).toBe('138 **** **34');
    expect(maskDigitRuns('33 01 02 19 80 01 01 12 3X')).toBe('33 0* ** ** ** ** ** ** 3X');
    expect(maskDigitRuns('6222 0212 34 56 78 90 123')).toBe('622* **** ** ** ** ** *23');
    // Dates stay readable, in any of the usual spellings.
    expect(maskDigitRuns('2025/6/30 与 2025.06.30')).toBe('2025/6/30 与 2025.06.30');
  });
});
