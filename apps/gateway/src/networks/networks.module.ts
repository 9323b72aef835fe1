/** The networks registry as seen from the public API. */
import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { NetworksController } from './networks.controller';
import { NetworksService } from './networks.service';

@Module({
  imports: [OperationsModule],
  providers: [NetworksService],
  controllers: [NetworksController],
})
export class NetworksModule {}
