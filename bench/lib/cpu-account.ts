import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const TICK_MS = 10; // USER_HZ is 100 on Linux

interface Stat {
  pid: number;
  ppid: number;
  /** Own CPU plus that of children it has reaped, in ms. */
  cpuMs: number;
}

function readStat(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
    return {
      pid,
      ppid: Number(fields[1]),
      cpuMs: (utime! + stime! + cutime! + cstime!) * TICK_MS,
    };
  } catch {
    return undefined; // gone meanwhile
  }
}

function allStats(): Stat[] {
  const stats: Stat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat) stats.push(stat);
  }
  return stats;
}

/**
 * CPU time used so far by the processes rooted at `roots` and all their descendants, in ms.
 * Exited descendants count through their parents' reaped-children time. Unlike throughput,
 * this figure hardly moves when other work shares the machine.
 */
export function treeCpuMs(roots: readonly number[]): number {
  const stats = allStats();
  const children = new Map<number, Stat[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  let total = 0;
  const queue = stats.filter((s) => roots.includes(s.pid));
  while (queue.length > 0) {
    const stat = queue.pop()!;
    total += stat.cpuMs;
    queue.push(...(children.get(stat.pid) ?? []));
  }
  return total;
}

/** The postmaster of the PostgreSQL whose Unix socket folder (its data folder) `url` names. */
export function postmasterPid(url: string): number {
  const folder = new URL(url).searchParams.get('host');
  if (!folder) throw new Error('The benchmark database URL names no socket folder');
  return Number(readFileSync(path.join(folder, 'postmaster.pid'), 'utf8').split('\n')[0]);
}
