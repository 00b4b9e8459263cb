import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { zhCN } from '../../i18n/zh-CN';

/**
 * The timeline shows `households.event.<action>`, falling back to the raw code: every action the server
 * writes to household_events (`action: '…'` in the households module, and the import's `IMPORTED_EVENT`)
 * needs a label in both languages.
 */
function serverEventActions(): string[] {
  const dir = join(import.meta.dirname, '../../../server/modules/households');
  const actions = new Set<string>();
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    const text = readFileSync(join(dir, file), 'utf8');
    for (const m of text.matchAll(/\baction: '([a-z_]+)'|_EVENT = '([a-z_]+)'/g)) actions.add(m[1] ?? m[2]!);
  }
  return [...actions].sort();
}

describe('household timeline labels', () => {
  it('has a Chinese and an English label for every event action the server writes', () => {
    const actions = serverEventActions();
    expect(actions).toEqual(
      expect.arrayContaining(['annual_reviewed', 'imported', 'not_duplicate', 'spot_checked']),
    );
    const zh: Record<string, string> = zhCN.households.event;
    const english: Record<string, string> = en.households.event;
    expect(actions.filter((a) => !zh[a])).toEqual([]);
    expect(actions.filter((a) => !english[a])).toEqual([]);
    expect(zh).toMatchObject({
      annual_reviewed: '年审',
      spot_checked: '年审抽查',
      not_duplicate: '排除疑似重复',
      imported: 'Excel 导入',
    });
  });
});
