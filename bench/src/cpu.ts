// How busy a set of processes is, from the CPU time Linux has given each (/proc/<pid>/schedstat, in ns), so
// that a measurement can start once the system has finished the work an earlier step left it (consumers
// catching up, relays publishing) instead of charging that work to whatever is measured next.
import { readFileSync } from 'node:fs';

/** CPU time used so far by each process, in nanoseconds; processes that have gone are left out. */
export function cpuTimes(pids: readonly number[]): Map<number, number> {
  const times = new Map<number, number>();
  for (const pid of pids) {
    try {
      times.set(pid, Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]));
    } catch {
      // exited
    }
  }
  return times;
}

/** Cores kept busy between two readings `elapsedMs` apart, counting only processes present in both. */
export function coresUsed(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>, elapsedMs: number): number {
  let busyNs = 0;
  for (const [pid, ns] of after) {
    const earlier = before.get(pid);
    if (earlier !== undefined) busyNs += ns - earlier;
  }
  return busyNs / 1e6 / elapsedMs;
}
