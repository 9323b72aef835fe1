/**
 * CPU time the benchmark's own apps spent, read from /proc (Linux). On a machine shared with other
 * work, throughput swings with the load; CPU milliseconds per transfer and app barely do, so the
 * benchmark reports both.
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** User + system CPU seconds of a process so far, or undefined when /proc cannot tell. */
export function cpuSecondsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const userTicks = Number(fields[11]);
    const systemTicks = Number(fields[12]);
    if (!Number.isFinite(userTicks) || !Number.isFinite(systemTicks)) return undefined;
    return (userTicks + systemTicks) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

export type CpuSnapshot = Record<string, number | undefined>;

export function snapshot(pids: Record<string, number>): CpuSnapshot {
  return Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSecondsOf(pid)]));
}

/** CPU milliseconds per transfer of each process between two snapshots. */
export function cpuMsPerTransfer(
  before: CpuSnapshot,
  after: CpuSnapshot,
  transfers: number,
): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [name, end] of Object.entries(after)) {
    const start = before[name];
    if (end === undefined || start === undefined) continue;
    result[name] = Math.round(((end - start) * 1000) / transfers);
  }
  return result;
}

/**
 * Busy CPU seconds of the whole machine so far (all cores, /proc/stat: everything but idle and
 * iowait): the broker, Postgres and the node share the cores with the measured processes.
 */
export function machineBusySeconds(): number | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const [, ...ticks] = line.trim().split(/\s+/).map(Number);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    const total = ticks.slice(0, 8).reduce((sum, n) => sum + n, 0);
    return (total - idle) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Busy CPU milliseconds per unit of work between two `machineBusySeconds` readings. */
export function busyMsPer(
  before: number | undefined,
  after: number | undefined,
  units: number,
): number | undefined {
  if (before === undefined || after === undefined || units <= 0) return undefined;
  return Math.round(((after - before) * 1000 * 10) / units) / 10;
}
