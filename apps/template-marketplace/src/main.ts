/** template-marketplace entry point. */
import 'reflect-metadata';
import { runService } from '@strata/runtime';
import { AppModule } from './app.module';
import { loadTemplateMarketplaceConfig } from './config';

void runService(AppModule, loadTemplateMarketplaceConfig()).catch((error: unknown) => {
  console.error('template-marketplace failed to start:', error);
  process.exit(1);
});
