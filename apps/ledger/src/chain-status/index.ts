import { LedgerQueryHandlers } from './chain-status.handlers';
import { ChainStatusService } from './chain-status.service';

export const ChainStatusHandlersModuleProviders = [ChainStatusService, LedgerQueryHandlers];
