import { describe, expect, it } from 'vitest';
import { residentIdProblem } from '../../../server/common/identifiers';
import { residentIdCheckChar } from '../../../shared/resident-id';
import { idInfo, idProblem } from './idNumber';

const withCheck = (body17: string) => body17 + residentIdCheckChar(body17);

describe('the form’s ID number check', () => {
  it('says what the server says, for every kind of number', () => {
    const today = new Date('2026-11-23T12:00:00+08:00');
    const samples = [
      '11010519491231002X',
      '11010519491231002x',
      '110105194912310021',
      '110105491231002',
      '1101051990010112',
      withCheck('99010519900101123'),
      withCheck('83000019900101123'),
      withCheck('11010519900230123'),
      withCheck('11010520990101123'),
    ];
    for (const id of samples)
      expect(idProblem(id, today) === null).toBe(residentIdProblem(id, today) === null);
    expect(idProblem('110105491231002', today)).toBe('legacy');
    expect(idProblem('110105194912310021', today)).toBe('check');
  });

  it('derives the age in whole years on the day, from the birth date', () => {
    const id = withCheck('11010519801124001');
    expect(idInfo(id, new Date(2026, 10, 23))).toEqual({ birthDate: '1980-11-24', sex: 'male', age: 45 });
    expect(idInfo(id, new Date(2026, 10, 24))).toMatchObject({ age: 46 });
    expect(idInfo('110105194912310021')).toBeNull();
  });
});
