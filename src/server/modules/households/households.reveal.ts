import type { Actor } from '../../common/context';
import { recordAudit } from '../audit/audit.usecases';
import { HouseholdErrors } from './households.errors';
import * as repo from './households.repository';
import type { RevealInput } from './households.schemas';
import { getInScope, type HouseholdDeps } from './households.usecases';

const FIELD_LABELS = {
  idNumber: { zh: '身份证号', en: 'ID number' },
  phone: { zh: '联系电话', en: 'phone' },
  bankAccount: { zh: '银行账号', en: 'bank account' },
  memberIdNumber: { zh: '家庭成员身份证号', en: 'member ID number' },
  memberHealthNote: { zh: '家庭成员健康状况说明', en: 'member health note' },
} as const;

/** Returns one full value. The permission is checked by the route; every reveal is audited. */
export async function revealField(deps: HouseholdDeps, actor: Actor, id: string, input: RevealInput) {
  const found = await getInScope(deps.db, actor.principal, id);
  const h = found.household;
  let sealed: string | null = null;
  if (input.field === 'idNumber') sealed = h.idCipher;
  else if (input.field === 'phone') sealed = h.phoneCipher;
  else if (input.field === 'bankAccount') sealed = h.bankAccountCipher;
  else {
    const [member] = await repo.membersByIds(deps.db, id, [input.memberId!]);
    if (!member) throw HouseholdErrors.HOUSEHOLD_MEMBER_NOT_FOUND();
    sealed = input.field === 'memberIdNumber' ? member.idCipher : member.healthNoteCipher;
  }
  if (!sealed)
    throw HouseholdErrors.HOUSEHOLD_FIELD_EMPTY({
      field: FIELD_LABELS[input.field].zh,
      fieldEn: FIELD_LABELS[input.field].en,
    });
  const value = deps.vault.decrypt(sealed);
  await deps.db.transaction((tx) =>
    recordAudit(tx, actor, {
      action: 'household.revealed',
      entity: 'household',
      entityId: id,
      orgId: h.employerOrgId,
      after: { field: input.field, memberId: input.memberId ?? null },
    }),
  );
  return { field: input.field, value };
}
