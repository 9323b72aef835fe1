/** Providers of the chain explorer's reads (service, bus handlers and its chain port). */
import type { Provider } from '@nestjs/common';
import { ExplorerChain, JsonRpcExplorerChain } from './explorer-chain';
import { ExplorerHandlers } from './explorer.handlers';
import { ExplorerService } from './explorer.service';

export const explorerProviders: Provider[] = [
  { provide: ExplorerChain, useClass: JsonRpcExplorerChain },
  ExplorerService,
  ExplorerHandlers,
];
