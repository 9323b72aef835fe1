/** ledger entry point. */
import 'reflect-metadata';
import { runService } from '@strata/runtime';
import { AppModule } from './app.module';
import { loadLedgerConfig } from './config';

void runService(AppModule, loadLedgerConfig()).catch((error: unknown) => {
  console.error('ledger failed to start:', error);
  process.exit(1);
});
