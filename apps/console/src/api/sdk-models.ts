/**
 * SDK models -> the contract types the pages use. The generated client turns date-time
 * strings into Date objects and names nested schemas after their position (NetworkDetailChain,
 * OrganisationPageItemsInner...); the pages keep to the contracts' plain JSON shapes.
 */
import type { ChainStatus, Network, NetworkDetail, Organisation, Page } from '@strata/contracts';

type Dated<T> = {
  [K in keyof T]: K extends 'createdAt' | 'observedAt' | 'timestamp' ? Date | string : T[K];
};

export interface SdkOrganisation extends Omit<Dated<Organisation>, 'kind'> {
  kind: string;
}

export type SdkNetwork = Dated<Network>;

export type SdkChainStatus =
  | {
      reachable: true;
      chainId: string;
      latestBlock: Dated<{ number: number; hash: string; timestamp: string }>;
      observedAt: Date | string;
    }
  | { reachable: false; reason: string; observedAt: Date | string };

export interface SdkPage<M> {
  items: M[];
  total: number;
  limit: number;
  offset: number;
}

export function isoDate(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : value;
}

export function toOrganisation(model: SdkOrganisation): Organisation {
  return {
    id: model.id,
    name: model.name,
    country: model.country,
    kind: model.kind as Organisation['kind'],
    legalIdentifier: model.legalIdentifier ?? null,
    createdAt: isoDate(model.createdAt),
  };
}

export function toNetwork(model: SdkNetwork): Network {
  return {
    id: model.id,
    name: model.name,
    description: model.description ?? null,
    memberOrganisationIds: model.memberOrganisationIds,
    rpcUrl: model.rpcUrl,
    createdAt: isoDate(model.createdAt),
  };
}

export function toChainStatus(chain: SdkChainStatus): ChainStatus {
  if (!chain.reachable) {
    return { reachable: false, reason: chain.reason, observedAt: isoDate(chain.observedAt) };
  }
  return {
    reachable: true,
    chainId: chain.chainId,
    latestBlock: { ...chain.latestBlock, timestamp: isoDate(chain.latestBlock.timestamp) },
    observedAt: isoDate(chain.observedAt),
  };
}

export function toNetworkDetail(model: SdkNetwork & { chain: SdkChainStatus }): NetworkDetail {
  return { ...toNetwork(model), chain: toChainStatus(model.chain) };
}

export function toPage<M, T>(page: SdkPage<M>, map: (model: M) => T): Page<T> {
  return { items: page.items.map(map), total: page.total, limit: page.limit, offset: page.offset };
}
