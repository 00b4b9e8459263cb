import { can } from '../../common/permissions';
import type { FileReadGrant } from '../files/files.grants';
import * as repo from './applications.repository';

/**
 * An application's documents are part of it: whoever may read the application (application.read, its
 * unit in scope) may open them, whichever unit uploaded them — a street's officer files an application
 * for a household of a union below, and the union's reviewers open its 申请表.
 */
export const applicationDocumentGrant: FileReadGrant = async (db, principal, fileId) => {
  if (!can(principal.roles, 'application.read')) return null;
  const found = await repo.applicationWithDocument(db, principal, fileId);
  return found ? { entity: 'application', entityId: found.id, orgId: found.orgId } : null;
};
