/**
 * Refuses a signing account its organisation's master account has frozen (or retired) on chain:
 * the multisig's `accountStatus` is read at acceptance, so a suspended hot key cannot be used
 * through the platform even before anyone rotates it. Organisations without a deployed master
 * account are not restricted (their accounts predate or do without it).
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainProblem } from '@strata/bus';
import { masterAccountInterface, OPERATIONAL_ACCOUNT_STATUSES } from '@strata/chain';
import { EvmNode } from '../node/evm-node';
import { MasterAccount } from './master-account.entity';

const REFUSED = new Set(['frozen', 'retired']);

@Injectable()
export class OperationalAccountGuard {
  constructor(private readonly node: EvmNode) {}

  async requireUsable(
    em: EntityManager,
    network: { id: string; rpcUrl: string },
    organisationId: string,
    account: string,
  ): Promise<void> {
    const master = await em.findOne(MasterAccount, {
      networkId: network.id,
      organisationId,
      status: 'deployed',
    });
    if (!master?.address) return;
    const status = await this.statusOf(network.rpcUrl, master.address, account);
    if (!REFUSED.has(status)) return;
    throw new DomainProblem({
      code: 'account-frozen',
      status: 409,
      title: 'The signing account is frozen',
      detail:
        `Account ${account} is ${status} in the organisation's master account ` +
        `${master.address}; nothing was signed. Authorise it again or use another account.`,
    });
  }

  private async statusOf(rpcUrl: string, master: string, account: string): Promise<string> {
    const data = masterAccountInterface.encodeFunctionData('accountStatus', [account]);
    try {
      const answer = await this.node.send(rpcUrl, 'eth_call', [{ to: master, data }, 'latest']);
      return OPERATIONAL_ACCOUNT_STATUSES[Number(BigInt(String(answer)))] ?? 'none';
    } catch {
      throw new DomainProblem({
        code: 'node-unavailable',
        status: 503,
        title: 'The network node did not answer',
        detail: 'The master account could not be read; retry with the same Idempotency-Key.',
      });
    }
  }
}
