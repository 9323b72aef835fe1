/** Providers of the event sync (listeners, the sync loop and its chain port). */
import type { Provider } from '@nestjs/common';
import { ChainLogs, JsonRpcChainLogs } from './chain-logs';
import { ContractEventPublisher, KafkaContractEventPublisher } from './contract-event-publisher';
import { EventListenerHandlers } from './event-listener.handlers';
import { EventListenersService } from './event-listeners.service';
import { EventSyncLoop } from './event-sync.loop';
import {
  DEFAULT_EVENT_SYNC_SETTINGS,
  EVENT_SYNC_SETTINGS,
  type EventSyncSettings,
} from './event-sync.settings';
import { ListenerSync } from './listener-sync';

export { EventListener } from './event-listener.entity';
export { SyncedBlock } from './synced-block.entity';
export { DEFAULT_EVENT_SYNC_SETTINGS } from './event-sync.settings';

export function eventSyncProviders(
  settings: EventSyncSettings = DEFAULT_EVENT_SYNC_SETTINGS,
): Provider[] {
  return [
    { provide: EVENT_SYNC_SETTINGS, useValue: settings },
    { provide: ChainLogs, useClass: JsonRpcChainLogs },
    { provide: ContractEventPublisher, useClass: KafkaContractEventPublisher },
    EventListenersService,
    EventListenerHandlers,
    ListenerSync,
    EventSyncLoop,
  ];
}
