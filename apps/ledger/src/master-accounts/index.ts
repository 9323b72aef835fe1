/** Providers of the organisation master accounts (ADR 0008): the service and its bus handlers. */
import type { Provider } from '@nestjs/common';
import { MasterAccountHandlers } from './master-account.handlers';
import { MasterAccountsService } from './master-accounts.service';

export const masterAccountProviders: Provider[] = [MasterAccountsService, MasterAccountHandlers];
