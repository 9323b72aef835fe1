/** Template marketplace: infrastructure and contract templates (capabilities arrive with their issues). */
import { Module } from '@nestjs/common';
import { Clock, serviceModules, SystemClock } from '@strata/runtime';
import { loadTemplateMarketplaceConfig } from './config';
import { TEMPLATE_MARKETPLACE_ENTITIES } from './entities';
import { TEMPLATE_MARKETPLACE_MIGRATIONS } from './migrations';

@Module({
  imports: serviceModules({
    app: 'template-marketplace',
    schema: 'template_marketplace',
    config: loadTemplateMarketplaceConfig(),
    entities: TEMPLATE_MARKETPLACE_ENTITIES,
    migrations: TEMPLATE_MARKETPLACE_MIGRATIONS,
  }),
  providers: [{ provide: Clock, useClass: SystemClock }],
})
export class AppModule {}
