/**
 * The submitter settings in force on a network: the ledger-wide values from the environment
 * with the network's own overrides (confirmations, fee cap, fee-bump timeout, attempts).
 */
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor, EffectiveTransactionSettings } from '@strata/contracts';
import { SUBMITTER_SETTINGS, type SubmitterSettings } from '../../transactions/submitter-settings';
import { networkFor } from '../network-access';
import { NetworkTransactionSettings } from './network-transaction-settings.entity';

type Override = Pick<
  NetworkTransactionSettings,
  'confirmations' | 'feeCapWei' | 'feeBumpAfterMs' | 'maxAttempts'
>;

export function withOverrides(
  base: SubmitterSettings,
  own: Override | undefined,
): SubmitterSettings {
  if (!own) return base;
  return {
    ...base,
    confirmations: own.confirmations ?? base.confirmations,
    feeBumpAfterMs: own.feeBumpAfterMs ?? base.feeBumpAfterMs,
    maxAttempts: own.maxAttempts ?? base.maxAttempts,
    gas: {
      ...base.gas,
      maxFeePerGasCap: own.feeCapWei != null ? BigInt(own.feeCapWei) : base.gas.maxFeePerGasCap,
    },
  };
}

export function effectiveView(
  networkId: string,
  base: SubmitterSettings,
  own: Override | undefined,
): EffectiveTransactionSettings {
  const settings = withOverrides(base, own);
  const fields = ['confirmations', 'feeCapWei', 'feeBumpAfterMs', 'maxAttempts'] as const;
  return {
    id: networkId,
    networkId,
    confirmations: settings.confirmations,
    feeCapWei: settings.gas.maxFeePerGasCap.toString(),
    feeBumpAfterMs: settings.feeBumpAfterMs,
    maxAttempts: settings.maxAttempts,
    overridden: fields.filter((field) => own?.[field] != null),
  };
}

@Injectable()
export class NetworkSettings {
  constructor(@Inject(SUBMITTER_SETTINGS) private readonly base: SubmitterSettings) {}

  /** The settings of each given network (one query for all). */
  async of(
    em: EntityManager,
    networkIds: Iterable<string>,
  ): Promise<Map<string, SubmitterSettings>> {
    const ids = [...new Set(networkIds)];
    const rows = ids.length
      ? await em.find(NetworkTransactionSettings, { networkId: { $in: ids } })
      : [];
    const own = new Map(rows.map((row) => [row.networkId, row]));
    return new Map(ids.map((id) => [id, withOverrides(this.base, own.get(id))]));
  }

  /**
   * What `GET .../transaction-settings` answers: the settings in force and which are the
   * network's own. Members of the network and global readers only (others get a 404).
   */
  async view(
    em: EntityManager,
    networkId: string,
    actor: Actor | undefined,
  ): Promise<EffectiveTransactionSettings> {
    await networkFor(em, networkId, actor?.organisationId, actor);
    const own = await em.findOne(NetworkTransactionSettings, { networkId });
    return effectiveView(networkId, this.base, own ?? undefined);
  }

  async forNetwork(em: EntityManager, networkId: string): Promise<SubmitterSettings> {
    return (await this.of(em, [networkId])).get(networkId) ?? this.base;
  }
}
