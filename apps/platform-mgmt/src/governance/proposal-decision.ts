/** The arithmetic of a vote: the default threshold and when a proposal is decided. */

/** More than half of the eligible institutions, or the network's configured number (capped). */
export function thresholdFor(eligibleVoters: number, configured?: number): number {
  return Math.min(configured ?? Math.floor(eligibleVoters / 2) + 1, eligibleVoters);
}

export type VoteDecision = 'approved' | 'rejected' | 'open';

/** Approved once approvals reach the threshold; rejected once the rest can no longer reach it. */
export function decide(
  threshold: number,
  eligibleVoters: number,
  approvals: number,
  rejections: number,
): VoteDecision {
  if (approvals >= threshold) return 'approved';
  if (eligibleVoters - rejections < threshold) return 'rejected';
  return 'open';
}

/** A proposal still open at its deadline expires (the Clock says when "now" is). */
export function isExpired(deadline: Date, now: Date): boolean {
  return deadline.getTime() <= now.getTime();
}
