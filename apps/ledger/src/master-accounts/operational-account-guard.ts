/**
 * Refuses a signing account its organisation's master account has frozen (or retired) on chain:
 * the multisig's `accountStatus` is read at acceptance, so a suspended hot key cannot be used
 * through the platform even before anyone rotates it. Organisations without a deployed master
 * account are not restricted (their accounts predate or do without it).
 */
import { Injectable } from '@nestjs/common';
import { DomainProblem } from '@strata/bus';
import { masterAccountInterface, OPERATIONAL_ACCOUNT_STATUSES } from '@strata/chain';
import { EvmNode } from '../node/evm-node';

const REFUSED = new Set(['frozen', 'retired']);

@Injectable()
export class OperationalAccountGuard {
  constructor(private readonly node: EvmNode) {}

  /**
   * Refuses `account` when the organisation's deployed master account (its address as acceptance
   * read it; null when there is none) has frozen or retired it on chain.
   */
  async requireNotFrozen(
    rpcUrl: string,
    masterAddress: string | null,
    account: string,
  ): Promise<void> {
    if (!masterAddress) return;
    const status = await this.statusOf(rpcUrl, masterAddress, account);
    if (!REFUSED.has(status)) return;
    throw new DomainProblem({
      code: 'account-frozen',
      status: 409,
      title: 'The signing account is frozen',
      detail:
        `Account ${account} is ${status} in the organisation's master account ` +
        `${masterAddress}; nothing was signed. Authorise it again or use another account.`,
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
