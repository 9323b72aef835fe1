/**
 * The adaptive eth_getLogs window of a listener: halve it when the node refuses a range or
 * answers with too many logs, double it after a quiet answer, always within bounds; and the
 * back-off of a listener whose steps fail.
 */
export const INITIAL_RANGE = 100;
export const MIN_RANGE = 1;
export const MAX_RANGE = 10_000;
/** More logs than this in one answer is "too much": the next window is smaller. */
export const MAX_LOGS_PER_CALL = 2_000;

export type RangeOutcome = { kind: 'refused' } | { kind: 'answered'; logs: number };

export function nextRangeSize(current: number, outcome: RangeOutcome): number {
  const bounded = (n: number): number => Math.min(MAX_RANGE, Math.max(MIN_RANGE, Math.floor(n)));
  if (outcome.kind === 'refused') return bounded(current / 2);
  if (outcome.logs > MAX_LOGS_PER_CALL) return bounded(current / 2);
  if (outcome.logs < MAX_LOGS_PER_CALL / 4) return bounded(current * 2);
  return bounded(current);
}

/** The block window to read next, or null when nothing is confirmed past `nextBlock` yet. */
export function nextWindow(
  nextBlock: number,
  head: number,
  confirmations: number,
  rangeSize: number,
): { from: number; to: number } | null {
  const confirmedHead = head - confirmations + 1;
  if (confirmedHead < nextBlock) return null;
  return { from: nextBlock, to: Math.min(confirmedHead, nextBlock + rangeSize - 1) };
}

/** How long a listener whose step failed (node unreachable, database error) waits: doubling, capped at 30 s. */
export function retryDelayMs(failures: number, pollIntervalMs: number): number {
  return Math.min(30_000, pollIntervalMs * 2 ** Math.min(Math.max(failures, 0), 16));
}
