/**
 * What 保存草稿 sends: what has been entered. Rows nobody filled in (the income row the form starts
 * with, a member or expenditure row added and left empty) are left out instead of failing the save;
 * a row with anything typed in it is checked as the server will check it. Completeness (every amount,
 * a cause of hardship) is for 提交审核.
 */

export interface MoneyRowLike {
  description?: string | null;
  annualYuan?: number | null;
}

export interface MemberRowLike {
  /** A member on file is never blank: leaving it out would delete it. */
  id?: string;
  name?: string | null;
  idNumber?: string | null;
  occupation?: string | null;
  schoolLevel?: string | null;
  healthNote?: string | null;
}

const blank = (text: string | null | undefined) => !text?.trim();

/** No amount and no description: the kind alone (preset) says nothing. */
export const isBlankMoneyRow = (row: MoneyRowLike | undefined) =>
  typeof row?.annualYuan !== 'number' && blank(row?.description);

/** Nothing typed: relation and health status have presets, and say nothing on their own. */
export const isBlankMember = (row: MemberRowLike | undefined) =>
  !row?.id &&
  blank(row?.name) &&
  blank(row?.idNumber) &&
  blank(row?.occupation) &&
  blank(row?.healthNote) &&
  !row?.schoolLevel;

export const DRAFT_LISTS = ['members', 'incomes', 'expenditures'] as const;
export type DraftList = (typeof DRAFT_LISTS)[number];

export interface DraftValues {
  members?: (MemberRowLike | undefined)[];
  incomes?: (MoneyRowLike | undefined)[];
  expenditures?: (MoneyRowLike | undefined)[];
}

/** The indexes of the rows a draft leaves out, per list. */
export function blankRows(values: DraftValues): Record<DraftList, Set<number>> {
  const indexes = <T>(rows: T[] | undefined, isBlank: (row: T) => boolean) =>
    new Set((rows ?? []).flatMap((row, i) => (isBlank(row) ? [i] : [])));
  return {
    members: indexes(values.members, isBlankMember),
    incomes: indexes(values.incomes, isBlankMoneyRow),
    expenditures: indexes(values.expenditures, isBlankMoneyRow),
  };
}

/** The fields a draft checks: every field but those of the rows it leaves out. */
export function draftFields<N extends readonly (string | number)[]>(
  names: N[],
  blanks: Record<DraftList, Set<number>>,
): N[] {
  return names.filter((name) => {
    const [list, index] = name;
    return !(
      DRAFT_LISTS.includes(list as DraftList) &&
      typeof index === 'number' &&
      blanks[list as DraftList].has(index)
    );
  });
}

/** `values` without the rows a draft leaves out. */
export function withoutBlankRows<V extends DraftValues>(values: V): V {
  const blanks = blankRows(values);
  const keep = <T>(rows: T[] | undefined, list: DraftList) => rows?.filter((_, i) => !blanks[list].has(i));
  return {
    ...values,
    members: keep(values.members, 'members'),
    incomes: keep(values.incomes, 'incomes'),
    expenditures: keep(values.expenditures, 'expenditures'),
  };
}
