import i18n from '../i18n';
import { en } from '../i18n/en';
import type { Messages } from '../i18n/zh-CN';
import { zhCN } from '../i18n/zh-CN';
import { actorName } from '../lib/actorName';

function messages(): Messages {
  return i18n.language === 'en' ? en : zhCN;
}

/** Label of an audit action code (`org.create`), or the code itself when it has none yet. */
export function auditActionLabel(action: string): string {
  const labels: Record<string, string> = messages().audit.action;
  return labels[action] ?? action;
}

/**
 * Who wrote an audit entry, in the UI's language: a user by name (`张三 (zhangsan)` in English), the
 * system acting on a user's step as the household's timeline names it (lib/actorName.ts), the system
 * alone (no user: sign-in failures, jobs) as such.
 */
export function auditActorLabel(entry: { actorId: string | null; actorName: string | null }): string {
  if (!entry.actorId || !entry.actorName) return messages().audit.system;
  return actorName(i18n.t, entry.actorName, i18n.language === 'en');
}

export function auditEntityLabel(entity: string): string {
  const labels: Record<string, string> = messages().audit.entity;
  return labels[entity] ?? entity;
}
