/** platform-mgmt entry point. */
import 'reflect-metadata';
import { runService } from '@strata/runtime';
import { AppModule } from './app.module';
import { loadPlatformMgmtConfig } from './config';

void runService(AppModule, loadPlatformMgmtConfig()).catch((error: unknown) => {
  console.error('platform-mgmt failed to start:', error);
  process.exit(1);
});
