/**
 * Network-parameter changes approved by governance, applied the way Besu documents for a running
 * QBFT chain (the genesis block itself must never change, or its hash would):
 * - block period: a `config.transitions.qbft` entry `{ block, blockperiodseconds }` for a future
 *   block, early enough for every institution to roll out the regenerated genesis.json;
 * - gas limit: each node's `target-gas-limit` (Besu moves the block gas limit towards it);
 * - request timeout: a local round timer, read from `config.qbft.requesttimeoutseconds` at restart.
 */
import type { NetworkParameters, ParameterTransition } from '@strata/contracts';

/** How far ahead a transition is scheduled: an hour of blocks at the current period. */
export const TRANSITION_LEAD_SECONDS = 3_600;

export type ParameterChange = Partial<
  Pick<NetworkParameters, 'blockPeriodSeconds' | 'requestTimeoutSeconds' | 'gasLimit'>
>;

/** The block period in force after every transition so far. */
export function currentBlockPeriod(
  parameters: NetworkParameters,
  transitions: readonly ParameterTransition[],
): number {
  return latest(transitions, 'blockPeriodSeconds') ?? parameters.blockPeriodSeconds;
}

/** Schedules `change` at a block far enough past `headBlock`. */
export function scheduleTransition(
  parameters: NetworkParameters,
  transitions: readonly ParameterTransition[],
  change: ParameterChange,
  headBlock: number,
  proposalId: string,
): ParameterTransition {
  const lead = Math.ceil(TRANSITION_LEAD_SECONDS / currentBlockPeriod(parameters, transitions));
  const after = Math.max(headBlock, ...transitions.map((t) => t.block));
  return { proposalId, block: after + lead, ...change };
}

/** The genesis `config` entries the transitions add or override. */
export function genesisTransitionConfig(
  parameters: NetworkParameters,
  transitions: readonly ParameterTransition[],
): { qbft: Record<string, number>; transitions?: { qbft: Record<string, number>[] } } {
  const periods = transitions.filter((t) => t.blockPeriodSeconds !== undefined);
  return {
    qbft: {
      blockperiodseconds: parameters.blockPeriodSeconds,
      epochlength: parameters.epochLength,
      requesttimeoutseconds:
        latest(transitions, 'requestTimeoutSeconds') ?? parameters.requestTimeoutSeconds,
    },
    ...(periods.length
      ? {
          transitions: {
            qbft: periods.map((t) => ({
              block: t.block,
              blockperiodseconds: t.blockPeriodSeconds ?? 0,
            })),
          },
        }
      : {}),
  };
}

/** The gas limit the nodes should target, when a transition changed it. */
export function targetGasLimit(transitions: readonly ParameterTransition[]): number | undefined {
  return latest(transitions, 'gasLimit');
}

function latest(
  transitions: readonly ParameterTransition[],
  key: 'blockPeriodSeconds' | 'requestTimeoutSeconds' | 'gasLimit',
): number | undefined {
  return [...transitions]
    .sort((a, b) => a.block - b.block)
    .reduce<number | undefined>((value, t) => t[key] ?? value, undefined);
}
