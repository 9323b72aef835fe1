/**
 * Providers of the transaction manager (accounts, nonces, gas, submitter loop). The KeyVault
 * comes from the key custody providers (keys/key-vault.providers.ts).
 */
import type { Provider } from '@nestjs/common';
import { SigningAccountsService } from '../accounts/signing-accounts.service';
import { EvmNode } from '../node/evm-node';
import { EthersEvmNode } from '../node/ethers-evm-node';
import { NonceAllocator } from '../nonces/nonce-allocator';
import type { LedgerConfig } from '../config';
import { DEFAULT_GAS_SETTINGS } from '../gas/gas-policy';
import { BroadcastOutcomes } from './broadcast-outcomes';
import { FrozenAccountRelease } from './frozen-account-release';
import { ReceiptFollower } from './receipt-follower';
import { SubmitterMetrics } from './submitter.metrics';
import { SUBMITTER_SETTINGS, type SubmitterSettings } from './submitter-settings';
import { TransactionHandlers } from './transaction.handlers';
import { TransactionSigner } from './transaction-signer';
import { TransactionSubmitter } from './transaction-submitter';
import { TransactionAcceptance } from './transaction-acceptance';
import { TransactionsService } from './transactions.service';

export function transactionProviders(config: LedgerConfig): Provider[] {
  const settings: SubmitterSettings = {
    pollIntervalMs: config.STRATA_LEDGER_SUBMITTER_POLL_MS,
    confirmations: config.STRATA_LEDGER_CONFIRMATIONS,
    feeBumpAfterMs: config.STRATA_LEDGER_FEE_BUMP_AFTER_MS,
    maxAttempts: config.STRATA_LEDGER_MAX_ATTEMPTS,
    gas: DEFAULT_GAS_SETTINGS,
  };
  return [
    { provide: SUBMITTER_SETTINGS, useValue: settings },
    { provide: EvmNode, useFactory: () => new EthersEvmNode(config.STRATA_CHAIN_TIMEOUT_MS) },
    NonceAllocator,
    SigningAccountsService,
    TransactionAcceptance,
    TransactionsService,
    TransactionSigner,
    BroadcastOutcomes,
    FrozenAccountRelease,
    SubmitterMetrics,
    ReceiptFollower,
    TransactionSubmitter,
    TransactionHandlers,
  ];
}
