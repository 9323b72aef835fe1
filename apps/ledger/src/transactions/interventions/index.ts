/**
 * Providers of transaction interventions (speed-up and four-eyes cancellation) and of the
 * per-network transaction settings they and the submitter read.
 */
import type { Provider } from '@nestjs/common';
import { NetworkSettings } from '../../networks/transaction-settings/network-settings';
import { NetworkSettingsHandlers } from '../../networks/transaction-settings/network-settings.handlers';
import { TransactionInterventionsHandlers } from './transaction-interventions.handlers';
import { TransactionInterventionsService } from './transaction-interventions.service';

export { TransactionCancellation } from './transaction-cancellation.entity';
export { NetworkTransactionSettings } from '../../networks/transaction-settings/network-transaction-settings.entity';

export const transactionInterventionProviders: Provider[] = [
  NetworkSettings,
  NetworkSettingsHandlers,
  TransactionInterventionsService,
  TransactionInterventionsHandlers,
];
