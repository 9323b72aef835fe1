/**
 * Auditor grants in the public API, and the grant check every auditor read goes through
 * (AuditorAccessCheck, exported for other modules; AuditorScopeGuard is registered globally by
 * the AppModule and acts on `@AuditorScope(...)` endpoints).
 */
import { Global, Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { AuditorAccessCheck } from './auditor-access';
import { AuditorGrantsClient } from './auditor-grants.client';
import { AuditorGrantsController } from './auditor-grants.controller';

@Global()
@Module({
  imports: [OperationsModule],
  providers: [AuditorGrantsClient, AuditorAccessCheck],
  controllers: [AuditorGrantsController],
  exports: [AuditorAccessCheck],
})
export class AuditorGrantsModule {}
