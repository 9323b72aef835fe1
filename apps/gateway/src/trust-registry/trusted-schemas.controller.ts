/**
 * /api/v1/schemas: the on-chain trusted schemas registry (EBSI's Trusted Schemas Registry shape):
 * schema ids (the sha-256 of the schema document, 0x-hex) with the URI they are published at,
 * the registering trust anchor and any revocation. Public.
 */
import { Controller, Get, Param } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Public } from '@strata/auth';
import {
  type PageRequest,
  pageRequestSchema,
  schemaIdSchema,
  trustedSchemaPageSchema,
  trustedSchemaSchema,
} from '@strata/contracts';
import {
  ApiJsonResponse,
  ApiOperationId,
  ApiProblems,
  ApiZodQuery,
} from '../openapi/api-decorators';
import { ValidQuery } from '../validation/params';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { TrustRegistryClient } from './trust-registry.client';

@ApiTags('trusted-schemas')
@Controller('api/v1/schemas')
export class TrustedSchemasController {
  constructor(private readonly registry: TrustRegistryClient) {}

  @Get()
  @Public()
  @ApiOperationId('listTrustedSchemas', 'List the schemas of the trusted schemas registry')
  @ApiZodQuery(pageRequestSchema)
  @ApiJsonResponse(200, 'TrustedSchemaPage', 'A page of schemas, in order of registration')
  @ApiProblems(400, 503)
  list(@ValidQuery(pageRequestSchema) params: PageRequest) {
    return this.registry.query(
      { query: 'list-schemas', params },
      undefined,
      trustedSchemaPageSchema,
    );
  }

  @Get(':id')
  @Public()
  @ApiOperationId('getTrustedSchema', 'Get a schema of the trusted schemas registry')
  @ApiParam({
    name: 'id',
    required: true,
    schema: { type: 'string', pattern: '^0x[0-9a-fA-F]{64}$' },
  })
  @ApiJsonResponse(200, 'TrustedSchema', 'The schema record')
  @ApiProblems(400, 404, 503)
  get(@Param('id', new ZodValidationPipe(schemaIdSchema, 'id')) id: string) {
    return this.registry.query({ query: 'get-schema', id }, undefined, trustedSchemaSchema);
  }
}
