/** The ledger's read queries over Kafka. */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type LedgerQuery, ledgerQuerySchema, Topics } from '@strata/contracts';
import { BusConsumers } from '@strata/bus';
import { ChainStatusService } from './chain-status.service';

@Injectable()
export class LedgerQueryHandlers implements OnModuleInit {
  constructor(
    private readonly consumers: BusConsumers,
    private readonly chainStatus: ChainStatusService,
  ) {}

  onModuleInit(): void {
    this.consumers.onQuery<LedgerQuery, unknown>(
      Topics.ledger.queries,
      ledgerQuerySchema,
      async ({ em, payload }) => {
        switch (payload.query) {
          case 'chain-status':
            return this.chainStatus.statusOf(em, payload.networkId);
        }
      },
    );
  }
}
