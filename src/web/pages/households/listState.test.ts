import i18n from 'i18next';
import { afterAll, describe, expect, it } from 'vitest';
import '../../i18n';
import { clearSessionMemory } from '../../lib/sessionMemory';
import {
  columnSortOrder,
  householdListPath,
  listStateParams,
  partialIdQuery,
  readListState,
  rememberListSearch,
  sortOfColumns,
  statsTitle,
} from './listState';

const ORG = '0b6c3f7e-2d7a-4c1e-9a55-3f1d2c4b5a69';
const read = (search: string) => readListState(new URLSearchParams(search));

describe('the household list’s state in its address', () => {
  it('reads the tab, the search form, the page and its size', () => {
    expect(
      read(
        `tab=awaiting&q=${encodeURIComponent('王建')}&orgId=${ORG}&status=archived&category=deep&cause=illness&reviewDueBefore=2026-12-31&page=3&pageSize=50`,
      ),
    ).toEqual({
      tab: 'awaiting',
      mine: false,
      q: '王建',
      orgId: ORG,
      status: 'archived',
      category: 'deep',
      cause: 'illness',
      reviewDueBefore: '2026-12-31',
      page: 3,
      pageSize: 50,
    });
  });

  it('opens on the defaults, and ignores what it does not know', () => {
    const defaults = { tab: 'all', mine: false, page: 1, pageSize: 20 };
    expect(read('')).toMatchObject(defaults);
    expect(
      read(
        'tab=mine&orgId=x&status=gone&category=poor&cause=?&reviewDueBefore=31.12.2026&page=-2&pageSize=7&q=%20',
      ),
    ).toEqual({
      ...defaults,
      q: undefined,
      orgId: undefined,
      status: undefined,
      category: undefined,
      cause: undefined,
      reviewDueBefore: undefined,
    });
    expect(read('page=2.5').page).toBe(1);
    expect(read('category=unassessed').category).toBe('unassessed');
  });

  it('keeps the home page’s links: ?tab=awaiting, ?status=draft, ?tab=exitProposed&mine=1', () => {
    expect(read('tab=awaiting').tab).toBe('awaiting');
    expect(read('status=draft').status).toBe('draft');
    expect(read('tab=exitProposed&mine=1')).toMatchObject({ tab: 'exitProposed', mine: true });
  });

  it('writes only what differs from the defaults, and reads back what it wrote', () => {
    const state = read(`status=archived&q=${encodeURIComponent('王')}&page=2`);
    const written = listStateParams(state).toString();
    expect(written).toBe(`q=${encodeURIComponent('王')}&status=archived&page=2`);
    expect(read(written)).toEqual(state);
    expect(listStateParams(read('')).toString()).toBe('');
    // 只看由本单位确认的 belongs to 待确认脱困 only.
    expect(listStateParams({ ...read('tab=awaiting'), mine: true }).toString()).toBe('tab=awaiting');
    expect(listStateParams(read('tab=exitProposed&mine=1&pageSize=50')).toString()).toBe(
      'tab=exitProposed&mine=1&pageSize=50',
    );
  });

  it('keeps a column’s order in the address, and turns ProTable’s sorter into it and back', () => {
    expect(read('sort=-perCapita&page=3')).toMatchObject({ sort: '-perCapita', page: 3 });
    expect(read('sort=name').sort).toBeUndefined();
    expect(listStateParams(read('sort=reviewDueOn')).toString()).toBe('sort=reviewDueOn');
    expect(sortOfColumns({ perCapitaMonthlyFen: 'descend' })).toBe('-perCapita');
    expect(sortOfColumns({ perCapitaMonthlyFen: 'ascend' })).toBe('perCapita');
    expect(sortOfColumns({ reviewDueOn: 'ascend' })).toBe('reviewDueOn');
    expect(sortOfColumns({})).toBeUndefined();
    expect(columnSortOrder('-perCapita', 'perCapitaMonthlyFen')).toBe('descend');
    expect(columnSortOrder('-perCapita', 'reviewDueOn')).toBeNull();
    expect(columnSortOrder('reviewDueOn', 'reviewDueOn')).toBe('ascend');
  });

  it('remembers the list’s address for the way back from a household', () => {
    expect(householdListPath()).toBe('/households');
    rememberListSearch('?status=archived&page=2');
    expect(householdListPath()).toBe('/households?status=archived&page=2');
    rememberListSearch('');
    expect(householdListPath()).toBe('/households');
  });

  it('keeps an ID number or phone searched for out of the address, and forgets it all at sign-out', () => {
    for (const q of ['330102198503150011', '33010219850315001X', '13805711234'])
      expect(listStateParams(read(`q=${q}&status=archived`)).toString()).toBe('status=archived');
    expect(listStateParams(read(`q=${encodeURIComponent('王建国')}`)).toString()).toBe(
      `q=${encodeURIComponent('王建国')}`,
    );
    rememberListSearch('?status=archived');
    clearSessionMemory();
    expect(householdListPath()).toBe('/households');
  });
});

describe('a search text that is part of an ID number', () => {
  it('is digits (a final X allowed) of any length but 18', () => {
    expect(partialIdQuery('7629')).toBe(true);
    expect(partialIdQuery('33010219850315')).toBe(true);
    expect(partialIdQuery('330102 1985 031X')).toBe(true);
    expect(partialIdQuery('330102198503150011')).toBe(false);
    expect(partialIdQuery('王建国')).toBe(false);
    expect(partialIdQuery('')).toBe(false);
    expect(partialIdQuery(undefined)).toBe(false);
  });
});

describe('the title of the cards above the list', () => {
  afterAll(() => i18n.changeLanguage('zh-CN'));

  it('says what the cards count on each tab, and when the search fields narrow it', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(statsTitle({ tab: 'all', mine: false }, false)).toBe('全部记录（含草稿、审核中、已脱困）');
    expect(statsTitle({ tab: 'all', mine: false }, true)).toBe('符合筛选条件的记录');
    expect(statsTitle({ tab: 'awaiting', mine: false }, false)).toBe('待我审核的记录');
    expect(statsTitle({ tab: 'awaiting', mine: false }, true)).toBe('待我审核的记录（符合筛选条件）');
    expect(statsTitle({ tab: 'exitProposed', mine: false }, false)).toBe('待确认脱困的记录');
    expect(statsTitle({ tab: 'exitProposed', mine: true }, false)).toBe('待本单位确认脱困的记录');
    await i18n.changeLanguage('en');
    expect(statsTitle({ tab: 'awaiting', mine: false }, true)).toBe(
      'Records awaiting my review (matching the filters)',
    );
  });
});
