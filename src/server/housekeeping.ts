import type { Deps } from './common/context';
import { abandonPendingIdempotencyKeys, purgeOldIdempotencyKeys } from './http/idempotency';
import { purgeEndedSessions } from './modules/auth/auth.repository';

/** Sessions are deleted this long after they expired or were signed out. */
const ENDED_SESSIONS_KEPT_DAYS = 30;
const HOURLY = 3600_000;

/** The hourly purge: idempotency keys past their 24 hours, sessions that ended a month ago. */
export async function purgeExpired(deps: Pick<Deps, 'db'>) {
  await purgeOldIdempotencyKeys(deps);
  await purgeEndedSessions(deps.db, ENDED_SESSIONS_KEPT_DAYS);
}

/**
 * The upkeep a running server owns (one process per database, as with jobs). At start: requests cut
 * off by the last stop leave their idempotency keys `abandoned`, then the purge runs; then every hour.
 * Returns the function that stops it.
 */
export async function startHousekeeping(
  deps: Pick<Deps, 'db'>,
  log: { error(obj: object, msg: string): void },
): Promise<() => void> {
  await abandonPendingIdempotencyKeys(deps);
  await purgeExpired(deps);
  const timer = setInterval(() => {
    purgeExpired(deps).catch((err: unknown) => log.error({ err }, '定时清理（过期幂等键、会话）失败'));
  }, HOURLY);
  timer.unref();
  return () => clearInterval(timer);
}
