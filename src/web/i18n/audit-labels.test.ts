import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';

const serverDir = path.resolve(import.meta.dirname, '../../server');

/** Every audit action and entity the server writes as a literal (`action: 'household.created'`). */
function writtenByServer() {
  const actions = new Set<string>();
  const entities = new Set<string>();
  const files = readdirSync(serverDir, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.includes('testing'),
  );
  for (const file of files) {
    const text = readFileSync(path.join(serverDir, file), 'utf8');
    for (const m of text.matchAll(/'([a-z_]+\.[a-z_]+)'/g))
      if (/\baction\b[^\n]*$/.test(text.slice(Math.max(0, m.index - 60), m.index))) actions.add(m[1]!);
    for (const m of text.matchAll(/entity: '([a-z_]+)'/g)) entities.add(m[1]!);
  }
  // Written as `household.${change.action}` / `application.${change.action}` by the review transitions.
  for (const a of ['submitted', 'withdrawn', 'approved', 'returned', 'rejected', 'relapsed'])
    actions.add(`household.${a}`);
  for (const a of ['approved', 'returned', 'rejected']) actions.add(`application.${a}`);
  return { actions, entities };
}

describe('audit log labels', () => {
  const { actions, entities } = writtenByServer();

  it('finds what the server writes', () => {
    expect(actions.size).toBeGreaterThan(50);
    expect(actions).toContain('household.revealed');
    expect(entities).toContain('disbursement_batch');
  });

  it('every action and entity has a Chinese and an English label (no raw codes in the audit log)', () => {
    const zhActions: Record<string, string> = zhCN.audit.action;
    const enActions: Record<string, string> = en.audit.action;
    const zhEntities: Record<string, string> = zhCN.audit.entity;
    const enEntities: Record<string, string> = en.audit.entity;
    const missing = [
      ...[...actions].filter((a) => !zhActions[a] || !enActions[a]).map((a) => `action ${a}`),
      ...[...entities]
        .filter((e) => e !== 'test' && (!zhEntities[e] || !enEntities[e]))
        .map((e) => `entity ${e}`),
    ];
    expect(missing).toEqual([]);
  });
});
