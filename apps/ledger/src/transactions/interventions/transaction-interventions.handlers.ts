/** The bus side of transaction interventions: speed-up, cancellation request and approval. */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  approveTransactionCancelCommandSchema,
  requestTransactionCancelCommandSchema,
  speedUpTransactionCommandSchema,
  TransactionInterventionTopics as Topics,
} from '@strata/contracts';
import { BusConsumers } from '@strata/bus';
import { TransactionInterventionsService } from './transaction-interventions.service';

@Injectable()
export class TransactionInterventionsHandlers implements OnModuleInit {
  constructor(
    private readonly consumers: BusConsumers,
    private readonly interventions: TransactionInterventionsService,
  ) {}

  onModuleInit(): void {
    this.consumers.onCommand(
      Topics.speedUpTransaction,
      speedUpTransactionCommandSchema,
      ({ em, outbox, payload, actor }) => this.interventions.speedUp(em, outbox, payload, actor),
    );
    this.consumers.onCommand(
      Topics.requestTransactionCancel,
      requestTransactionCancelCommandSchema,
      ({ em, outbox, payload, actor }) =>
        this.interventions.requestCancel(em, outbox, payload, actor),
    );
    this.consumers.onCommand(
      Topics.approveTransactionCancel,
      approveTransactionCancelCommandSchema,
      ({ em, outbox, payload, actor }) =>
        this.interventions.approveCancel(em, outbox, payload, actor),
    );
  }
}
