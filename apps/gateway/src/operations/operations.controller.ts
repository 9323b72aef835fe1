/** /api/v1/operations/{id}: poll what became of a POST (its creator or a platform admin). */
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AnyRole } from '@strata/auth';
import type { Actor } from '@strata/contracts';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  ApiJsonResponse,
  ApiOperationId,
  ApiProblems,
  ApiUuidParam,
} from '../openapi/api-decorators';
import { UuidParam } from '../validation/params';
import { operationView, type OperationView } from './operation.schema';
import { OperationsService } from './operations.service';

@ApiTags('operations')
@ApiBearerAuth('bearer')
@Controller('api/v1/operations')
export class OperationsController {
  constructor(private readonly operations: OperationsService) {}

  @Get(':id')
  @AnyRole()
  @ApiOperationId(
    'getOperation',
    'Get an operation, re-asking the owning service while it is pending',
  )
  @ApiUuidParam('id')
  @ApiJsonResponse(200, 'Operation', 'The operation')
  @ApiProblems(400, 404)
  async get(@UuidParam('id') id: string, @CurrentActor() actor: Actor): Promise<OperationView> {
    return operationView(await this.operations.get(id, actor));
  }
}
