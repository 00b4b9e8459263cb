/**
 * Which ID field of the household form a server refusal of an ID number is about. The refusals
 * (HOUSEHOLD_DUPLICATE_ID: another live archive holds it, naming the holding unit; HOUSEHOLD_EXITED_ARCHIVE:
 * the employee's archive has exited and is re-opened by 返困; HOUSEHOLD_ID_REPEATED: twice in this
 * household) carry no field path, only the number masked as every list shows it
 * (`110105********1234`): the field is the one whose number masks the same.
 */

export const ID_REFUSALS = [
  'HOUSEHOLD_DUPLICATE_ID',
  'HOUSEHOLD_EXITED_ARCHIVE',
  'HOUSEHOLD_ID_REPEATED',
] as const;

/** First 6 + last 4, as the server masks: `110105********1234`. */
export function maskId(id: string): string {
  const v = id.trim().toUpperCase();
  return v.length === 18 ? `${v.slice(0, 6)}********${v.slice(-4)}` : '';
}

interface IdEntry {
  /** As typed (empty in edit mode when the number on file is kept). */
  idNumber?: string;
  /** The number on file, masked (edit mode). */
  idMasked?: string;
}

const maskOf = (entry: IdEntry) => (entry.idNumber?.trim() ? maskId(entry.idNumber) : (entry.idMasked ?? ''));

/**
 * The form field (`['idNumber']` or `['members', i, 'idNumber']`) of the number a refusal names, or null
 * when none matches (the message is then shown on its own). A number repeated within the household
 * points at its second appearance: the first one is where it belongs.
 */
export function idErrorField(
  code: string,
  message: string,
  employee: IdEntry,
  members: readonly IdEntry[],
): (string | number)[] | null {
  if (!(ID_REFUSALS as readonly string[]).includes(code)) return null;
  const masked = /\d{6}\*{8}[\dX]{4}/i.exec(message)?.[0]?.toUpperCase();
  if (!masked) return null;
  const fields: { name: (string | number)[]; mask: string }[] = [
    { name: ['idNumber'], mask: maskOf(employee) },
    ...members.map((m, i) => ({ name: ['members', i, 'idNumber'], mask: maskOf(m) })),
  ];
  const matching = fields.filter((f) => f.mask === masked);
  const pick = code === 'HOUSEHOLD_ID_REPEATED' ? (matching[1] ?? matching[0]) : matching[0];
  return pick?.name ?? null;
}
