/**
 * Builds and signs one attempt of a transaction at its nonce with the given fees, through the
 * KeyVault, and records the attempt on the entity (raw bytes, hash, fees, earlier hashes).
 */
import { Injectable } from '@nestjs/common';
import { Transaction, type TransactionLike } from 'ethers';
import { KeyVault } from '@strata/key-custody';
import type { FeeOffer } from '../gas/gas-policy';
import type { LedgerTransaction } from './ledger-transaction.entity';

export function currentOffer(tx: LedgerTransaction): FeeOffer | null {
  if (tx.feePerGas == null) return null;
  if (tx.priorityFeePerGas == null) return { type: 'legacy', gasPrice: BigInt(tx.feePerGas) };
  return {
    type: 'eip1559',
    maxFeePerGas: BigInt(tx.feePerGas),
    maxPriorityFeePerGas: BigInt(tx.priorityFeePerGas),
  };
}

/** Gas of a plain value transfer, which is what a cancellation is. */
export const CANCELLATION_GAS = 21_000n;

@Injectable()
export class TransactionSigner {
  constructor(private readonly vault: KeyVault) {}

  async signAttempt(
    tx: LedgerTransaction,
    keyId: string,
    chainId: bigint,
    offer: FeeOffer,
  ): Promise<void> {
    if (tx.cancelHashes?.length) {
      // Once a cancellation is approved every further attempt is the cancellation again.
      await this.signCancellation(tx, keyId, chainId, offer);
      return;
    }
    const body = { to: tx.to ?? null, data: tx.data, value: BigInt(tx.value) };
    await this.sign(tx, keyId, chainId, offer, body, BigInt(tx.gasLimit), 'attempt');
  }

  /** A 0-value transfer to itself at the transaction's nonce: replaces it with a no-op. */
  async signCancellation(
    tx: LedgerTransaction,
    keyId: string,
    chainId: bigint,
    offer: FeeOffer,
  ): Promise<void> {
    const body = { to: tx.from, data: '0x', value: 0n };
    await this.sign(tx, keyId, chainId, offer, body, CANCELLATION_GAS, 'cancellation');
    tx.cancelHashes = [...(tx.cancelHashes ?? []), tx.hash ?? ''];
  }

  private async sign(
    tx: LedgerTransaction,
    keyId: string,
    chainId: bigint,
    offer: FeeOffer,
    body: { to: string | null; data: string; value: bigint },
    gasLimit: bigint,
    what: 'attempt' | 'cancellation',
  ): Promise<void> {
    if (tx.nonce == null) throw new Error(`transaction ${tx.id} has no nonce (released)`);
    const unsigned: TransactionLike = {
      chainId,
      nonce: tx.nonce,
      ...body,
      gasLimit,
      ...(offer.type === 'legacy'
        ? { type: 0, gasPrice: offer.gasPrice }
        : {
            type: 2,
            maxFeePerGas: offer.maxFeePerGas,
            maxPriorityFeePerGas: offer.maxPriorityFeePerGas,
          }),
    };
    const raw = await this.vault.sign(keyId, unsigned, {
      actor: tx.requestedBy.subject,
      reason: `transaction ${tx.id} nonce ${tx.nonce} ${what} ${tx.attempts + 1}`,
      organisationId: tx.requestedBy.organisationId,
      roles: tx.requestedBy.roles,
    });
    if (tx.hash) tx.previousHashes = [...tx.previousHashes, tx.hash];
    tx.raw = raw;
    tx.hash = Transaction.from(raw).hash;
    tx.attempts += 1;
    tx.feePerGas = (offer.type === 'legacy' ? offer.gasPrice : offer.maxFeePerGas).toString();
    tx.priorityFeePerGas = offer.type === 'legacy' ? null : offer.maxPriorityFeePerGas.toString();
  }
}
