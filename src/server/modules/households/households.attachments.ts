import { can } from '../../common/permissions';
import type { FileReadGrant } from '../files/files.grants';
import * as repo from './households.repository';

/**
 * A household's attachments are part of its archive: whoever may read the household (household.read,
 * its employer in scope) may open them, whichever unit uploaded them — a district adds a certificate
 * to a grass-roots archive, and the unit's officer and reviewers open it and keep it in their edits.
 */
export const householdAttachmentGrant: FileReadGrant = async (db, principal, fileId) => {
  if (!can(principal.roles, 'household.read')) return null;
  const found = await repo.householdAttachingBelow(db, fileId, principal.orgPath);
  return found ? { entity: 'household', entityId: found.householdId, orgId: found.employerOrgId } : null;
};
