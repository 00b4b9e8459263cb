import i18n from '../i18n';
import { en } from '../i18n/en';
import type { Messages } from '../i18n/zh-CN';
import { zhCN } from '../i18n/zh-CN';

function messages(): Messages {
  return i18n.language === 'en' ? en : zhCN;
}

/** Label of an audit action code (`org.create`), or the code itself when it has none yet. */
export function auditActionLabel(action: string): string {
  const labels: Record<string, string> = messages().audit.action;
  return labels[action] ?? action;
}

/** Who wrote an audit entry: a user by name; the system (no user: sign-in failures, jobs) in the UI's language. */
export function auditActorLabel(entry: { actorId: string | null; actorName: string | null }): string {
  return entry.actorId && entry.actorName ? entry.actorName : messages().audit.system;
}

export function auditEntityLabel(entity: string): string {
  const labels: Record<string, string> = messages().audit.entity;
  return labels[entity] ?? entity;
}
