import { count } from 'drizzle-orm';
import type { Deps } from './common/context';
import { generatePassword, passwordWeakness } from './common/password';
import { orgs } from './modules/orgs/orgs.table';
import { createRootOrg } from './modules/orgs/orgs.usecases';
import { createInitialAdmin } from './modules/users/users.usecases';

export interface BootstrapResult {
  created: boolean;
  rootOrgId?: string;
  /** Set only when the password was generated: printed once, never stored in clear. */
  generatedPassword?: string;
}

/**
 * First start on an empty database: the root org unit and the `admin` user. The password is
 * `BANGFU_ADMIN_PASSWORD` when set, otherwise generated (and must be changed at first sign-in).
 */
export async function ensureInitialData(deps: Deps): Promise<BootstrapResult> {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select({ n: count() }).from(orgs);
    if ((row?.n ?? 0) > 0) return { created: false };
    const configured = deps.config.adminPassword;
    if (configured) {
      const weakness = passwordWeakness(configured);
      if (weakness) throw new Error(`BANGFU_ADMIN_PASSWORD 不符合要求：${weakness}`);
    }
    const password = configured ?? generatePassword();
    const root = await createRootOrg(tx, {
      name: process.env.BANGFU_ROOT_ORG_NAME || '市总工会',
      regionCode: process.env.BANGFU_ROOT_REGION_CODE || '330100',
    });
    await createInitialAdmin(tx, { orgId: root.id, password, mustChangePassword: !configured });
    return { created: true, rootOrgId: root.id, generatedPassword: configured ? undefined : password };
  });
}
