/**
 * The stack's memory of what it started itself (pid per service), so `down` stops only those
 * and never a broker or database somebody else runs. Stored as JSON in .stack/state/stack.json.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type StackServiceName = 'postgres' | 'kafka' | 'keycloak' | 'anvil';

export interface StartedService {
  pid: number;
  startedAt: string;
  logFile: string;
}

export interface StackState {
  started: Partial<Record<StackServiceName, StartedService>>;
  /** Server URL of the Postgres the stack uses (machine's 5432 or embedded 15432). */
  postgresUrl?: string;
}

export function readStackState(file: string): StackState {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<StackState>;
    return { ...parsed, started: parsed.started ?? {} };
  } catch {
    return { started: {} };
  }
}

/** Writes atomically (temp file + rename) so a crash never leaves half a file. */
export function writeStackState(file: string, state: StackState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(state, null, 2) + '\n');
  renameSync(temp, file);
}

export function updateStackState(file: string, change: (state: StackState) => void): StackState {
  const state = readStackState(file);
  change(state);
  writeStackState(file, state);
  return state;
}
