import i18n from 'i18next';
import { afterAll, describe, expect, it } from 'vitest';
import '../../i18n';
import { autoExitWithdrawalText } from '../../../shared/exit-proposal';
import {
  annualReviewComment,
  importedComment,
  notDuplicateComment,
  spotCheckComment,
  systemActorName,
} from '../../../shared/timeline-text';
import { timelineTexts } from './timelineText';

afterAll(() => i18n.changeLanguage('zh-CN'));

const english = async () => {
  await i18n.changeLanguage('en');
  return timelineTexts(i18n.t, true);
};

describe('the timeline in English', () => {
  it('words the comments the system wrote from their parts', async () => {
    const { comment } = await english();
    expect(comment('imported', importedComment({ fileName: '困难职工.xlsx', row: 12 }))).toBe(
      'Imported from row 12 of the Excel file “困难职工.xlsx”',
    );
    expect(
      comment(
        'annual_reviewed',
        annualReviewComment({ outcome: 'propose_exit', note: '已再就业', nextDue: '2027-03-01' }),
      ),
    ).toBe('Propose exit: 已再就业 (next annual review due 2027-03-01)');
    expect(comment('spot_checked', spotCheckComment({ confirmed: true, note: '入户核实' }))).toBe(
      'Spot check confirmed the record: 入户核实',
    );
    expect(comment('spot_checked', spotCheckComment({ confirmed: false, note: '收入漏报' }))).toBe(
      'Spot check found a problem: 收入漏报',
    );
    expect(comment('not_duplicate', notDuplicateComment({ otherUnit: '江东环卫工会', note: null }))).toBe(
      'Marked as not the same household as the one at 江东环卫工会',
    );
    expect(
      comment('not_duplicate', notDuplicateComment({ otherUnit: '江东环卫工会', note: '同名不同人' })),
    ).toBe('Marked as not the same household as the one at 江东环卫工会: 同名不同人');
    expect(
      comment(
        'exit_proposal_withdrawn',
        autoExitWithdrawalText({ months: 6, from: '2025-06', to: '2025-11', broken: ['2025-08', '2025-09'] }),
      ),
    ).toMatch(/^After a correction, per-capita monthly income in 2025-08, 2025-09 is no longer above/);
  });

  it('names the system with the person whose entry made it act; a person with their user name in brackets', async () => {
    const { actor } = await english();
    expect(actor(systemActorName({ person: '王芳（jd.wj.wy.officer）', trigger: 'recorded' }))).toBe(
      'System (after 王芳 (jd.wj.wy.officer) recorded a monthly income)',
    );
    expect(actor(systemActorName({ person: '王芳（wf）', trigger: 'corrected' }))).toBe(
      'System (after 王芳 (wf) corrected a monthly income)',
    );
    expect(actor('王芳（wf）')).toBe('王芳 (wf)');
  });

  it('shows an officer’s own words, and everything in Chinese, as stored', async () => {
    const { comment, actor } = await english();
    expect(comment('returned', '材料不全')).toBe('材料不全');
    expect(comment('imported', '从旧系统迁移')).toBe('从旧系统迁移');
    expect(comment('annual_reviewed', null)).toBeNull();
    await i18n.changeLanguage('zh-CN');
    const chinese = timelineTexts(i18n.t, false);
    const stored = importedComment({ fileName: 'a.xlsx', row: 2 });
    expect(chinese.comment('imported', stored)).toBe(stored);
    expect(chinese.actor('系统（王芳（wf）登记月收入后）')).toBe('系统（王芳（wf）登记月收入后）');
    expect(actor('王芳（wf）')).toBe('王芳 (wf)');
  });
});
