/** The explorer's reads on the bus (request/reply on `strata.ledger.explorer-queries.v1`). */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ExplorerTopics, type ExplorerQuery, explorerQuerySchema } from '@strata/contracts';
import { BusConsumers } from '@strata/bus';
import { ExplorerService } from './explorer.service';

@Injectable()
export class ExplorerHandlers implements OnModuleInit {
  constructor(
    private readonly consumers: BusConsumers,
    private readonly explorer: ExplorerService,
  ) {}

  onModuleInit(): void {
    this.consumers.onQuery<ExplorerQuery, unknown>(
      ExplorerTopics.queries,
      explorerQuerySchema,
      ({ em, payload, actor }) => {
        switch (payload.query) {
          case 'list-blocks':
            return this.explorer.blocks(em, payload.networkId, payload.page, actor);
          case 'get-block':
            return this.explorer.block(em, payload.networkId, payload.block, actor);
          case 'get-transaction':
            return this.explorer.transaction(em, payload.networkId, payload.hash, actor);
          case 'list-events':
            return this.explorer.events(em, payload.networkId, payload.range, actor);
          case 'search':
            return this.explorer.search(em, payload.networkId, payload.q, actor);
        }
      },
    );
  }
}
