/** app-store entry point. */
import 'reflect-metadata';
import { runService } from '@strata/runtime';
import { AppModule } from './app.module';
import { loadAppStoreConfig } from './config';

void runService(AppModule, loadAppStoreConfig()).catch((error: unknown) => {
  console.error('app-store failed to start:', error);
  process.exit(1);
});
