/** /api/v1/organisations: register (platform admins) and read the organisations registry. */
import { Controller, Get, Headers, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '@strata/auth';
import {
  listOrganisationsQuerySchema,
  registerOrganisationSchema,
  type Actor,
  type ListOrganisationsQuery,
  type Organisation,
  type Page,
  type RegisterOrganisation,
} from '@strata/contracts';
import type { Response } from 'express';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  ApiIdempotencyKey,
  ApiJsonBody,
  ApiJsonResponse,
  ApiOperationId,
  ApiProblems,
  ApiUuidParam,
  ApiZodQuery,
} from '../openapi/api-decorators';
import { UuidParam, ValidBody, ValidQuery } from '../validation/params';
import { AuditorScope } from '../auditor-grants/auditor-scope.guard';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@ApiBearerAuth('bearer')
@Controller('api/v1/organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @Roles('platform-admin')
  @ApiOperationId('registerOrganisation', 'Register an organisation')
  @ApiIdempotencyKey()
  @ApiJsonBody('RegisterOrganisation')
  @ApiJsonResponse(201, 'Organisation', 'Registered', { Location: 'URL of the organisation' })
  @ApiJsonResponse(202, 'OperationAccepted', 'Still running; poll the operation', {
    Location: 'URL of the operation',
  })
  @ApiProblems(400, 409, 413, 415, 422)
  register(
    @ValidBody(registerOrganisationSchema) body: RegisterOrganisation,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    return this.organisations.register(body, actor, idempotencyKey, res);
  }

  @Get()
  @AuditorScope({ anyGrant: true })
  @AnyRole()
  @ApiOperationId('listOrganisations', 'List organisations')
  @ApiZodQuery(listOrganisationsQuerySchema)
  @ApiJsonResponse(200, 'OrganisationPage', 'A page of organisations')
  @ApiProblems(400)
  list(
    @ValidQuery(listOrganisationsQuerySchema) query: ListOrganisationsQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Page<Organisation>> {
    return this.organisations.list(query, actor);
  }

  @Get(':id')
  @AuditorScope({ organisation: 'id' })
  @AnyRole()
  @ApiOperationId('getOrganisation', 'Get an organisation')
  @ApiUuidParam('id')
  @ApiJsonResponse(200, 'Organisation', 'The organisation')
  @ApiProblems(400, 404)
  get(@UuidParam('id') id: string, @CurrentActor() actor: Actor): Promise<Organisation> {
    return this.organisations.get(id, actor);
  }
}
