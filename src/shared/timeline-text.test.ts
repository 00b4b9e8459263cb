import { describe, expect, it } from 'vitest';
import {
  annualReviewComment,
  importedComment,
  notDuplicateComment,
  parseAnnualReviewComment,
  parseImportedComment,
  parseNotDuplicateComment,
  parseSpotCheckComment,
  parseSystemActorName,
  spotCheckComment,
  systemActorName,
} from './timeline-text';

describe('the words the system writes into a household timeline', () => {
  it('are the Chinese sentences the timeline has always held', () => {
    expect(importedComment({ fileName: '困难职工.xlsx', row: 12 })).toBe(
      '由 Excel 文件“困难职工.xlsx”第 12 行导入',
    );
    expect(annualReviewComment({ outcome: 'continue', note: '收入未变', nextDue: '2027-03-01' })).toBe(
      '继续帮扶：收入未变（下次年审 2027-03-01）',
    );
    expect(spotCheckComment({ confirmed: true, note: '入户核实' })).toBe('抽查属实：入户核实');
    expect(spotCheckComment({ confirmed: false, note: '收入漏报' })).toBe('抽查发现问题：收入漏报');
    expect(notDuplicateComment({ otherUnit: '江东环卫工会', note: null })).toBe(
      '已标记与另一户（江东环卫工会）不是同一户',
    );
    expect(notDuplicateComment({ otherUnit: '江东环卫工会', note: '同名不同人' })).toBe(
      '已标记与另一户（江东环卫工会）不是同一户：同名不同人',
    );
    expect(systemActorName({ person: '王芳（jd.wj.wy.officer）', trigger: 'recorded' })).toBe(
      '系统（王芳（jd.wj.wy.officer）登记月收入后）',
    );
    expect(systemActorName({ person: '王芳（wf）', trigger: 'corrected' })).toBe(
      '系统（王芳（wf）更正月收入后）',
    );
  });

  it('are read back into the parts they were written from, an officer’s note as written', () => {
    const file = { fileName: '第二批“补录”.xlsx', row: 3 };
    expect(parseImportedComment(importedComment(file))).toEqual(file);
    for (const outcome of ['continue', 'propose_exit', 'recompute'] as const) {
      const r = { outcome, note: '家庭情况（含子女）：\n未变', nextDue: '2027-01-31' };
      expect(parseAnnualReviewComment(annualReviewComment(r))).toEqual(r);
    }
    for (const confirmed of [true, false]) {
      const s = { confirmed, note: '入户核实：属实' };
      expect(parseSpotCheckComment(spotCheckComment(s))).toEqual(s);
    }
    for (const note of [null, '同名：不同人']) {
      const n = { otherUnit: '临江望江物业服务有限公司工会委员会', note };
      expect(parseNotDuplicateComment(notDuplicateComment(n))).toEqual(n);
    }
    for (const trigger of ['recorded', 'corrected'] as const) {
      const a = { person: '王芳（jd.wj.wy.officer）', trigger };
      expect(parseSystemActorName(systemActorName(a))).toEqual(a);
    }
  });

  it('leave an officer’s own words alone', () => {
    expect(parseImportedComment('从旧系统迁移')).toBeNull();
    expect(parseAnnualReviewComment('继续帮扶')).toBeNull();
    expect(parseSpotCheckComment('属实')).toBeNull();
    expect(parseNotDuplicateComment(null)).toBeNull();
    expect(parseSystemActorName('王芳（wf）')).toBeNull();
  });
});
