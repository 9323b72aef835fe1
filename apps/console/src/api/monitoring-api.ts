/**
 * The console's access to a network's node monitoring (through the generated SDK): the latest
 * health of its nodes and its alerts, as contract types.
 */
import {
  type AlertPageItemsInner as SdkAlert,
  type Configuration,
  MonitoringApi,
  type NetworkHealth as SdkNetworkHealth,
} from '@strata/sdk';
import type { Alert, NetworkHealth, Page } from '@strata/contracts';

export interface NetworkMonitoringApi {
  health(networkId: string): Promise<NetworkHealth>;
  alerts(networkId: string, status?: 'open' | 'resolved'): Promise<Page<Alert>>;
}

const iso = (value: Date | string): string => (value instanceof Date ? value.toISOString() : value);
const isoOrNull = (value: Date | string | null | undefined): string | null =>
  value === null || value === undefined ? null : iso(value);

export function toNetworkHealth(model: SdkNetworkHealth): NetworkHealth {
  return {
    networkId: model.networkId,
    headBlock: model.headBlock ?? null,
    lastBlockAt: isoOrNull(model.lastBlockAt),
    secondsSinceLastBlock: model.secondsSinceLastBlock ?? null,
    openAlerts: model.openAlerts,
    nodes: model.nodes.map((node) => ({
      nodeId: node.nodeId,
      networkId: node.networkId,
      name: node.name,
      reachable: node.reachable,
      blockNumber: node.blockNumber ?? null,
      peerCount: node.peerCount ?? null,
      syncing: node.syncing ?? null,
      lagBlocks: node.lagBlocks ?? null,
      lastBlockAt: isoOrNull(node.lastBlockAt),
      secondsSinceLastBlock: node.secondsSinceLastBlock ?? null,
      error: node.error ?? null,
      observedAt: iso(node.observedAt),
    })),
  };
}

export function toAlert(model: SdkAlert): Alert {
  return {
    id: model.id,
    networkId: model.networkId,
    kind: model.kind,
    subject: model.subject,
    nodeId: model.nodeId ?? null,
    status: model.status,
    detail: model.detail,
    raisedAt: iso(model.raisedAt),
    resolvedAt: isoOrNull(model.resolvedAt),
  };
}

export function createMonitoringApi(
  configuration: Configuration,
  call: <T>(request: () => Promise<T>) => Promise<T>,
): NetworkMonitoringApi {
  const monitoring = new MonitoringApi(configuration);
  return {
    health: (id) => call(async () => toNetworkHealth(await monitoring.getNetworkHealth({ id }))),
    alerts: (id, status) =>
      call(async () => {
        const page = await monitoring.listAlerts({ id, status, limit: 50 });
        return { ...page, items: page.items.map(toAlert) };
      }),
  };
}
