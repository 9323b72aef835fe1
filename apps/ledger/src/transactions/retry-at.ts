import type { SubmitterSettings } from './submitter-settings';

/** When a transaction a pass could not advance is due again: four poll intervals later. */
export const retryAt = (now: Date, settings: Pick<SubmitterSettings, 'pollIntervalMs'>): Date =>
  new Date(now.getTime() + settings.pollIntervalMs * 4);
