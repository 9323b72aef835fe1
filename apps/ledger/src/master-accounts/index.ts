/**
 * Providers of the organisation master accounts (ADR 0008): the service, its bus handlers and
 * the guard that refuses accounts the master account froze.
 */
import type { Provider } from '@nestjs/common';
import { MasterAccountHandlers } from './master-account.handlers';
import { MasterAccountsService } from './master-accounts.service';
import { OperationalAccountGuard } from './operational-account-guard';

export const masterAccountProviders: Provider[] = [
  MasterAccountsService,
  MasterAccountHandlers,
  OperationalAccountGuard,
];
