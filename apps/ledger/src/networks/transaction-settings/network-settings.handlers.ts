/**
 * `set-network-transaction-settings.v1`: a platform administrator sets a network's own
 * confirmations, fee cap, fee-bump timeout and attempts (omitted fields go back to the
 * ledger-wide values). The change is published through the outbox for the audit trail.
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type Actor,
  type EffectiveTransactionSettings,
  NetworkTransactionSettingsTopics as Topics,
  type SetNetworkTransactionSettingsCommand,
  setNetworkTransactionSettingsCommandSchema,
} from '@strata/contracts';
import { BusConsumers, DomainProblem, type OutboxWriter } from '@strata/bus';
import { Clock } from '@strata/runtime';
import { SUBMITTER_SETTINGS, type SubmitterSettings } from '../../transactions/submitter-settings';
import { LedgerNetwork } from '../ledger-network.entity';
import { effectiveView } from './network-settings';
import { NetworkTransactionSettings } from './network-transaction-settings.entity';
import { networkNotFound } from '../network-access';

@Injectable()
export class NetworkSettingsHandlers implements OnModuleInit {
  constructor(
    private readonly consumers: BusConsumers,
    private readonly clock: Clock,
    @Inject(SUBMITTER_SETTINGS) private readonly base: SubmitterSettings,
  ) {}

  onModuleInit(): void {
    this.consumers.onCommand(
      Topics.setNetworkTransactionSettings,
      setNetworkTransactionSettingsCommandSchema,
      ({ em, outbox, payload, actor }) => this.set(em, outbox, payload, actor),
    );
  }

  async set(
    em: EntityManager,
    outbox: OutboxWriter,
    command: SetNetworkTransactionSettingsCommand,
    actor: Actor | undefined,
  ): Promise<EffectiveTransactionSettings> {
    if (!actor?.roles.includes('platform-admin')) {
      throw DomainProblem.forbidden('Only a platform administrator may change network settings.');
    }
    if (!(await em.findOne(LedgerNetwork, { id: command.networkId }))) {
      throw networkNotFound(command.networkId);
    }
    const { settings } = command;
    const row = {
      networkId: command.networkId,
      confirmations: settings.confirmations ?? null,
      feeCapWei: settings.feeCapWei ?? null,
      feeBumpAfterMs: settings.feeBumpAfterMs ?? null,
      maxAttempts: settings.maxAttempts ?? null,
      updatedBy: actor,
      updatedAt: this.clock.now(),
    };
    await em.upsert(NetworkTransactionSettings, row);
    const view = effectiveView(command.networkId, this.base, row);
    outbox.add({
      topic: Topics.networkTransactionSettingsChanged,
      key: command.networkId,
      payload: { settings: view, by: actor.username ?? actor.subject },
    });
    return view;
  }
}
