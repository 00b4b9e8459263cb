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

export function auditEntityLabel(entity: string): string {
  const labels: Record<string, string> = messages().audit.entity;
  return labels[entity] ?? entity;
}
