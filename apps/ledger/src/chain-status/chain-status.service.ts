/** Live chain status of a registered network, read from its RPC endpoint. */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ChainStatus } from '@strata/contracts';
import { DomainProblem } from '@strata/bus';
import { ChainClient } from '@strata/chain';
import { Clock } from '@strata/runtime';
import { LedgerNetwork } from '../networks/ledger-network.entity';

@Injectable()
export class ChainStatusService {
  constructor(
    private readonly chain: ChainClient,
    private readonly clock: Clock,
  ) {}

  async statusOf(em: EntityManager, networkId: string): Promise<ChainStatus> {
    const network = await em.findOne(LedgerNetwork, { id: networkId });
    if (!network) {
      throw new DomainProblem({
        code: 'network-not-synchronised',
        status: 404,
        title: 'Network not known to the ledger yet',
        detail: `The ledger has not received the registration of network ${networkId} yet.`,
      });
    }
    const observedAt = this.clock.now().toISOString();
    try {
      const head = await this.chain.head(network.rpcUrl);
      return {
        reachable: true,
        chainId: head.chainId.toString(),
        latestBlock: {
          number: head.number,
          hash: head.hash,
          timestamp: head.timestamp.toISOString(),
        },
        observedAt,
      };
    } catch (error) {
      return {
        reachable: false,
        reason: `the node at the network's RPC endpoint did not answer: ${describe(error)}`,
        observedAt,
      };
    }
  }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].slice(0, 200);
}
