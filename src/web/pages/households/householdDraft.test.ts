import { describe, expect, it } from 'vitest';
import { blankRows, draftFields, isBlankMember, isBlankMoneyRow, withoutBlankRows } from './householdDraft';

describe('what a draft sends', () => {
  it('takes a row with only its preset kind or relation for an empty one', () => {
    expect(isBlankMoneyRow({ annualYuan: null })).toBe(true);
    expect(isBlankMoneyRow({ description: '  ' })).toBe(true);
    // 0 is an amount: a household with no wages types 0.
    expect(isBlankMoneyRow({ annualYuan: 0 })).toBe(false);
    expect(isBlankMoneyRow({ description: '临时工' })).toBe(false);
    expect(isBlankMember({ name: '' })).toBe(true);
    expect(isBlankMember({ name: '李秀英' })).toBe(false);
    expect(isBlankMember({ idNumber: '3301' })).toBe(false);
    expect(isBlankMember({ schoolLevel: 'primary' })).toBe(false);
    // A member on file is kept even with nothing retyped: leaving it out would delete it.
    expect(isBlankMember({ id: 'm1' })).toBe(false);
  });

  it('leaves out the empty rows and checks the fields of every other', () => {
    const values = {
      name: '王建国',
      members: [{ name: '' }, { name: '李秀英' }],
      incomes: [{ annualYuan: null }, { description: '低保金' }],
      expenditures: [{ annualYuan: 800 }],
    };
    const blanks = blankRows(values);
    expect([...blanks.members]).toEqual([0]);
    expect([...blanks.incomes]).toEqual([0]);
    expect([...blanks.expenditures]).toEqual([]);
    const names: (string | number)[][] = [
      ['name'],
      ['members', 0, 'name'],
      ['members', 1, 'name'],
      ['incomes', 0, 'annualYuan'],
      ['incomes', 1, 'annualYuan'],
      ['expenditures', 0, 'annualYuan'],
    ];
    expect(draftFields(names, blanks)).toEqual([
      ['name'],
      ['members', 1, 'name'],
      // Typed a description without an amount: checked, so the amount is asked for, not dropped.
      ['incomes', 1, 'annualYuan'],
      ['expenditures', 0, 'annualYuan'],
    ]);
    expect(withoutBlankRows(values)).toEqual({
      name: '王建国',
      members: [{ name: '李秀英' }],
      incomes: [{ description: '低保金' }],
      expenditures: [{ annualYuan: 800 }],
    });
  });
});
