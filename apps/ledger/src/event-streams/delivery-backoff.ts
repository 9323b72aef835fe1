/** How long a webhook stream waits before its next attempt: doubling from the initial delay up to the cap. */
import type { WebhookRetry } from '@strata/contracts';

export function backoffMs(failedAttempts: number, retry: WebhookRetry): number {
  const exponent = Math.min(Math.max(failedAttempts - 1, 0), 30);
  return Math.min(retry.maxBackoffMs, retry.initialBackoffMs * 2 ** exponent);
}

/** Whether the head event has used up its attempts and goes to the dead-letter list. */
export function exhausted(failedAttempts: number, retry: WebhookRetry): boolean {
  return failedAttempts >= retry.maxAttempts;
}
