/** identity entry point. */
import 'reflect-metadata';
import { runService } from '@strata/runtime';
import { AppModule } from './app.module';
import { loadIdentityConfig } from './config';

void runService(AppModule, loadIdentityConfig()).catch((error: unknown) => {
  console.error('identity failed to start:', error);
  process.exit(1);
});
