/** The SDK models of network health and alerts become the contract types the page uses. */
import { alertSchema, networkHealthSchema } from '@strata/contracts';
import { AlertPageItemsInnerFromJSON, NetworkHealthFromJSON } from '@strata/sdk';
import { toAlert, toNetworkHealth } from './monitoring-api';

describe('monitoring API models', () => {
  it('maps network health from the SDK back to its contract shape', () => {
    const health = {
      networkId: '0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5',
      headBlock: 120,
      lastBlockAt: '2026-11-26T10:00:00.000Z',
      secondsSinceLastBlock: 1.5,
      openAlerts: 1,
      nodes: [
        {
          nodeId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
          networkId: '0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5',
          name: 'validator-1',
          reachable: false,
          blockNumber: null,
          peerCount: null,
          syncing: null,
          lagBlocks: null,
          lastBlockAt: null,
          secondsSinceLastBlock: null,
          error: 'node unreachable',
          observedAt: '2026-11-26T10:00:01.000Z',
        },
      ],
    };
    expect(networkHealthSchema.parse(toNetworkHealth(NetworkHealthFromJSON(health)))).toEqual(
      health,
    );
  });

  it('maps an alert from the SDK back to its contract shape', () => {
    const alert = {
      id: 'f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9',
      networkId: '0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5',
      kind: 'no-new-blocks',
      subject: '0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5',
      nodeId: null,
      status: 'resolved',
      detail: 'no block since block 120',
      raisedAt: '2026-11-26T10:00:00.000Z',
      resolvedAt: '2026-11-26T10:00:09.000Z',
    };
    expect(alertSchema.parse(toAlert(AlertPageItemsInnerFromJSON(alert)))).toEqual(alert);
  });
});
