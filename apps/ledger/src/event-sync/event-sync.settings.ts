/** Settings of the event sync loop, from the ledger's configuration. */
export const EVENT_SYNC_SETTINGS = Symbol('EVENT_SYNC_SETTINGS');

export interface EventSyncSettings {
  /** How long the loop sleeps when no listener moved. */
  pollIntervalMs: number;
}

/** Four polls a second when idle: a new block is seen within ~250 ms plus the confirmations. */
export const DEFAULT_EVENT_SYNC_SETTINGS: EventSyncSettings = { pollIntervalMs: 250 };
