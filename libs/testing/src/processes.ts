import { readFileSync, readdirSync } from 'node:fs';

/** Every live descendant of `pid` (Linux /proc), to prove a shutdown leaves no orphan behind. */
export function descendantPids(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent pid; the command may contain spaces, so split after ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited while we were reading
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length) {
    for (const child of parents.get(queue.shift() as number) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // A zombie has exited; only its parent's bookkeeping remains.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] !== 'Z';
  } catch {
    return false;
  }
}

/**
 * A port range unlikely to collide with another test run on the same machine. Kept below Linux's ephemeral
 * range (32768 and up), where any outgoing connection (MariaDB, Kafka clients) may hold a port: a CI run
 * lost a service to EADDRINUSE on 58524 that way.
 */
export function randomPortBase(span = 10): number {
  const first = 20_000;
  const end = 32_768;
  return first + Math.floor(Math.random() * Math.floor((end - first) / span - 1)) * span;
}
