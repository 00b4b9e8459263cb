import { describe, expect, it } from 'vitest';
import { idErrorField, maskId } from './idErrorField';

describe('the ID field a refused ID number is about', () => {
  const employee = '330102198503150011';
  const spouse = '33010219870708002X';
  const duplicate = (id: string) =>
    `身份证号 ${maskId(id)} 已在“临江望江物业服务有限公司工会委员会”的困难职工档案中，同一身份证号在全市只能有一份有效档案`;

  it('masks as the server does', () => {
    expect(maskId(spouse.toLowerCase())).toBe('330102********002X');
    expect(maskId('7629')).toBe('');
  });

  it('is the employee’s or a member’s number that masks the same', () => {
    const members = [{ idNumber: '' }, { idNumber: spouse }];
    expect(
      idErrorField('HOUSEHOLD_DUPLICATE_ID', duplicate(employee), { idNumber: employee }, members),
    ).toEqual(['idNumber']);
    expect(
      idErrorField('HOUSEHOLD_DUPLICATE_ID', duplicate(spouse), { idNumber: employee }, members),
    ).toEqual(['members', 1, 'idNumber']);
  });

  it('is a number kept on file in edit mode (not retyped)', () => {
    expect(
      idErrorField('HOUSEHOLD_DUPLICATE_ID', duplicate(spouse), { idNumber: '' }, [
        { idNumber: '', idMasked: maskId(spouse) },
      ]),
    ).toEqual(['members', 0, 'idNumber']);
    expect(
      idErrorField('HOUSEHOLD_DUPLICATE_ID', duplicate(employee), { idMasked: maskId(employee) }, []),
    ).toEqual(['idNumber']);
  });

  it('is the second appearance of a number typed twice in the household', () => {
    const message = `身份证号 ${maskId(spouse)} 在本户中重复填写`;
    expect(
      idErrorField('HOUSEHOLD_ID_REPEATED', message, { idNumber: employee }, [
        { idNumber: spouse },
        { idNumber: spouse },
      ]),
    ).toEqual(['members', 1, 'idNumber']);
  });

  it('is none for another error, or a number on no field', () => {
    expect(
      idErrorField('HOUSEHOLD_NOT_EDITABLE', duplicate(employee), { idNumber: employee }, []),
    ).toBeNull();
    expect(idErrorField('HOUSEHOLD_DUPLICATE_ID', duplicate(spouse), { idNumber: employee }, [])).toBeNull();
  });
});
