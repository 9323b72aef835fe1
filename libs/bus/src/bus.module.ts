/**
 * Nest wiring of the bus for one app: Kafka connection, outbox relay, consumers and requester.
 * Handlers are registered on `BusConsumers` in `onModuleInit`; consumption starts once the whole
 * app is initialised and stops before shutdown (offsets of finished messages are committed).
 */
import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Global,
  Inject,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { BUS_OPTIONS, type BusOptions } from './bus-options';
import { BusConsumers } from './bus-consumers';
import { KafkaBus } from './kafka-bus';
import { KafkaRequester } from './kafka-requester';
import type { Logger } from './logger';
import { OutboxRelay } from './outbox-relay';
import { OutboxPruner } from './outbox-pruner';
import { Requester } from './requester';

export const BUS_LOGGER = Symbol('BUS_LOGGER');

export interface BusModuleOptions extends BusOptions {
  /** Database schema holding this app's outbox and inbox tables. */
  schema: string;
  logger: Logger;
  requestTimeoutMs?: number;
}

@Global()
@Module({})
export class BusModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(KafkaBus) private readonly bus: KafkaBus,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(BusConsumers) private readonly consumers: BusConsumers,
    @Inject(Requester) private readonly requester: KafkaRequester,
    @Inject(OutboxPruner) private readonly pruner: OutboxPruner,
  ) {}

  static forRoot(options: BusModuleOptions): DynamicModule {
    return {
      module: BusModule,
      providers: [
        { provide: BUS_OPTIONS, useValue: options },
        { provide: BUS_LOGGER, useValue: options.logger },
        {
          provide: KafkaBus,
          useFactory: async () => {
            const bus = new KafkaBus(options, options.logger);
            await bus.connect();
            return bus;
          },
        },
        {
          provide: OutboxRelay,
          inject: [MikroORM, KafkaBus],
          useFactory: (orm: MikroORM, bus: KafkaBus) =>
            new OutboxRelay(orm, bus, options.logger, { schema: options.schema }),
        },
        {
          provide: OutboxPruner,
          inject: [MikroORM],
          useFactory: (orm: MikroORM) =>
            OutboxPruner.forSchema(orm, options.logger, { schema: options.schema }),
        },
        {
          provide: BusConsumers,
          inject: [KafkaBus, MikroORM, OutboxRelay],
          useFactory: (bus: KafkaBus, orm: MikroORM, relay: OutboxRelay) =>
            new BusConsumers(bus, orm, relay, options.logger),
        },
        {
          provide: Requester,
          inject: [KafkaBus],
          useFactory: (bus: KafkaBus) =>
            new KafkaRequester(bus, options.logger, options.requestTimeoutMs),
        },
      ],
      exports: [KafkaBus, OutboxRelay, BusConsumers, Requester, BUS_OPTIONS],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    this.relay.start();
    this.pruner.start();
    await this.requester.start();
    await this.consumers.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumers.stop();
    await this.requester.stop();
    await this.relay.stop();
    await this.pruner.stop();
    await this.bus.disconnect();
  }
}
