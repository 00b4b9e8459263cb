import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time (ms) of the local PostgreSQL server's processes so far (Linux /proc; 0 elsewhere): with
 * Node's own CPU it shows where an approval's cost goes. Counts every backend, so only meaningful
 * while nothing else uses the server.
 */
export function postgresCpuMs(): number {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  let total = 0;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue;
      const fields = stat.slice(close + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * tick; // utime, stime
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}
