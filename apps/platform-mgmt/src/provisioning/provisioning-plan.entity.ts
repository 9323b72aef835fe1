/** A network's stored provisioning plan: the genesis parameters (nodes live in network_node). */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { NetworkParameters, ParameterTransition } from '@strata/contracts';

export const ProvisioningPlanRecord = defineEntity({
  name: 'ProvisioningPlanRecord',
  tableName: 'provisioning_plan',
  properties: {
    networkId: p.uuid().primary(),
    parameters: p.json<NetworkParameters>(),
    /** Addresses written into the genesis extraData, in order. */
    genesisValidators: p.json<string[]>(),
    /** Approved parameter changes, as Besu transitions at future blocks (parameter-transitions.ts). */
    transitions: p.json<ParameterTransition[]>().default('[]'),
    createdAt: p.datetime(),
  },
});
export type ProvisioningPlanRecord = InferEntity<typeof ProvisioningPlanRecord>;
