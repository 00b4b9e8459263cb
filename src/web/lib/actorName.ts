import type { TFunction } from 'i18next';
import { parseSystemActorName } from '../../shared/timeline-text';

// The translation namespace only: with other namespaces registered, the generic form is too deep for tsc.
type T = TFunction<'translation'>;

/**
 * Who acted, as the server stored the name — `显示名（用户名）` for a person, `系统（…登记月收入后）` for
 * the system acting on a person's step (shared/timeline-text.ts) — in the interface's language: in
 * English the system's name is rebuilt from its parts and the user name put in English brackets; in
 * Chinese the stored name as is. The household's timeline and the audit log name actors alike.
 */
export function actorName(t: T, name: string, english: boolean): string {
  if (!english) return name;
  const system = parseSystemActorName(name);
  if (!system) return personName(name, english);
  return t(
    system.trigger === 'recorded'
      ? 'households.timeline.systemRecorded'
      : 'households.timeline.systemCorrected',
    { person: personName(system.person, english) },
  );
}

/** A person as the server names them, `张三（zhangsan）`: the user name in the language's brackets. */
export function personName(name: string, english: boolean): string {
  return english ? name.replace(/（([^（）]*)）$/, ' ($1)') : name;
}
