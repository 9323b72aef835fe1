/**
 * The alert rules as a pure function of one monitoring pass over a network: which conditions hold
 * now (no new block for k block periods, peers below the minimum, a node lagging behind the
 * network head, a node unreachable). The AlertBook raises the new ones and resolves the rest.
 */
import type { AlertKind } from '@strata/contracts';
import type { EffectiveSettings } from './monitoring.entities';
import type { NodeObservation } from './node-probe';

export interface NodeSample {
  nodeId: string;
  name: string;
  observation?: NodeObservation;
  error?: string;
}

export interface AlertCondition {
  kind: AlertKind;
  /** Node id for node alerts, network id for network alerts. */
  subject: string;
  nodeId: string | null;
  detail: string;
}

export interface NetworkAssessment {
  /** Highest block any reachable node reported. */
  headBlock: number | null;
  lastBlockAt: Date | null;
  lagOf: Map<string, number>;
  conditions: AlertCondition[];
}

/** The kinds the node monitor owns (raised and resolved by polling). */
export const POLLED_ALERT_KINDS: readonly AlertKind[] = [
  'no-new-blocks',
  'peers-below-minimum',
  'node-lagging',
  'node-unreachable',
];

export const alertKey = (kind: string, subject: string): string => `${kind}:${subject}`;

export function assessNetwork(
  networkId: string,
  samples: readonly NodeSample[],
  settings: EffectiveSettings,
  now: Date,
): NetworkAssessment {
  const conditions: AlertCondition[] = [];
  const observed = samples.flatMap((s) => (s.observation ? [{ ...s, o: s.observation }] : []));
  for (const sample of samples) {
    if (sample.observation) continue;
    conditions.push({
      kind: 'node-unreachable',
      subject: sample.nodeId,
      nodeId: sample.nodeId,
      detail: `${sample.name} could not be observed: ${sample.error ?? 'no answer'}`,
    });
  }
  if (observed.length === 0) {
    return { headBlock: null, lastBlockAt: null, lagOf: new Map(), conditions };
  }
  const headBlock = Math.max(...observed.map((s) => s.o.blockNumber));
  const lastBlockAt = new Date(Math.max(...observed.map((s) => s.o.lastBlockAt.getTime())));
  const lagOf = new Map(observed.map((s) => [s.nodeId, headBlock - s.o.blockNumber]));
  const silentMs = now.getTime() - lastBlockAt.getTime();
  const limitMs = settings.noBlockPeriods * settings.blockPeriodSeconds * 1000;
  if (silentMs > limitMs) {
    conditions.push({
      kind: 'no-new-blocks',
      subject: networkId,
      nodeId: null,
      detail: `no block since block ${headBlock} at ${lastBlockAt.toISOString()} (more than ${settings.noBlockPeriods} x ${settings.blockPeriodSeconds} s)`,
    });
  }
  for (const sample of observed) {
    const { peerCount } = sample.o;
    if (peerCount !== null && peerCount < settings.minPeers) {
      conditions.push({
        kind: 'peers-below-minimum',
        subject: sample.nodeId,
        nodeId: sample.nodeId,
        detail: `${sample.name} has ${peerCount} peer(s), fewer than the minimum ${settings.minPeers}`,
      });
    }
    const lag = lagOf.get(sample.nodeId) ?? 0;
    if (lag > settings.maxLagBlocks) {
      conditions.push({
        kind: 'node-lagging',
        subject: sample.nodeId,
        nodeId: sample.nodeId,
        detail: `${sample.name} is ${lag} block(s) behind the network head ${headBlock} (more than ${settings.maxLagBlocks})`,
      });
    }
  }
  return { headBlock, lastBlockAt, lagOf, conditions };
}
