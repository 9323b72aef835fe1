/**
 * Refuses a signing account its organisation's master account has frozen (or retired) on chain:
 * the multisig's `accountStatus` is read at acceptance, so a suspended hot key cannot be used
 * through the platform even before anyone rotates it; the submitter reads it again right before
 * signing, so a transaction accepted before the freeze is not signed after it. Organisations without a deployed master
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
    const refusal = await this.refusalOf(rpcUrl, masterAddress, account);
    if (!refusal) return;
    throw new DomainProblem({
      code: 'account-frozen',
      status: 409,
      title: 'The signing account is frozen',
      detail: `${refusal}; nothing was signed. Authorise it again or use another account.`,
    });
  }

  /**
   * Why `account` may not sign (it is frozen or retired in the master account at
   * `masterAddress`), or null when it may. The submitter asks again right before signing.
   */
  async refusalOf(
    rpcUrl: string,
    masterAddress: string | null,
    account: string,
  ): Promise<string | null> {
    if (!masterAddress) return null;
    const status = await this.statusOf(rpcUrl, masterAddress, account);
    if (!REFUSED.has(status)) return null;
    return `Account ${account} is ${status} in the organisation's master account ${masterAddress}`;
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
