import { describe, expect, it } from 'vitest';
import { formEntryDepth, leavesForm, searchWithStep, stepFromSearch } from './formSteps';

describe('the form step in the address', () => {
  it('reads the step counted from 1, the first step when none or a wrong one is named', () => {
    expect(stepFromSearch('', 4)).toBe(0);
    expect(stepFromSearch('?step=1', 4)).toBe(0);
    expect(stepFromSearch('?step=3', 4)).toBe(2);
    expect(stepFromSearch('?step=4', 4)).toBe(3);
    for (const wrong of ['?step=0', '?step=5', '?step=-1', '?step=2.5', '?step=abc', '?step='])
      expect(stepFromSearch(wrong, 4), wrong).toBe(0);
  });

  it('writes only the step, keeps other parameters, and the first step is the plain address', () => {
    expect(searchWithStep('', 2)).toBe('?step=3');
    expect(searchWithStep('?step=3', 0)).toBe('');
    expect(searchWithStep('?from=list&step=2', 3)).toBe('?from=list&step=4');
    expect(stepFromSearch(searchWithStep('', 3), 4)).toBe(3);
  });

  it('counts the form’s own history entries from the entry state, nothing else', () => {
    expect(formEntryDepth({ formEntry: 2 })).toBe(2);
    for (const other of [null, undefined, {}, { formEntry: -1 }, { formEntry: 1.5 }, { formEntry: '2' }])
      expect(formEntryDepth(other)).toBe(0);
  });

  it('moving between steps is not leaving; another page is', () => {
    const form = { pathname: '/households/new' };
    expect(leavesForm(form, { pathname: '/households/new' })).toBe(false);
    expect(leavesForm(form, { pathname: '/households' })).toBe(true);
  });
});
