/** Settings of the event sync loop, from the ledger's configuration. */
import type { NewHeadsSettings } from './new-heads';

export const EVENT_SYNC_SETTINGS = Symbol('EVENT_SYNC_SETTINGS');

export interface EventSyncSettings extends NewHeadsSettings {
  /** How long the loop sleeps when no listener moved and no new head arrived. */
  pollIntervalMs: number;
}

/**
 * New heads wake the loop (a WebSocket subscription, or a block-number poll twice a second); the
 * periodic pass, four times a second, also picks up new and resumed listeners.
 */
export const DEFAULT_EVENT_SYNC_SETTINGS: EventSyncSettings = {
  pollIntervalMs: 250,
  headPollMs: 500,
  webSocketRetryMs: 300_000,
};
