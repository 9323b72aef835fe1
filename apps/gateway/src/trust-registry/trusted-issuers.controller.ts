/**
 * /api/v1/issuers: the on-chain trusted issuers registry, shaped like EBSI's TIR API — issuers
 * with paging, one issuer, and its attributes (accreditations: RootTAO / TAO / TI / Revoked,
 * the accrediting TAO, the schemas, and whether the whole chain above it is in force). Public.
 */
import { Controller, Get, Param } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { Public } from '@strata/auth';
import {
  didInputSchema,
  issuerAttributePageSchema,
  type PageRequest,
  pageRequestSchema,
  trustedIssuerPageSchema,
  trustedIssuerSchema,
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

const DidParam = () => Param('did', new ZodValidationPipe(didInputSchema, 'did'));
const ApiDidParam = () =>
  ApiParam({ name: 'did', required: true, schema: { type: 'string', maxLength: 512 } });

@ApiTags('trusted-issuers')
@Controller('api/v1/issuers')
export class TrustedIssuersController {
  constructor(private readonly registry: TrustRegistryClient) {}

  @Get()
  @Public()
  @ApiOperationId('listTrustedIssuers', 'List the DIDs of the trusted issuers registry')
  @ApiZodQuery(pageRequestSchema)
  @ApiJsonResponse(200, 'TrustedIssuerPage', 'A page of issuers, in order of first accreditation')
  @ApiProblems(400, 503)
  list(@ValidQuery(pageRequestSchema) params: PageRequest) {
    return this.registry.query(
      { query: 'list-issuers', params },
      undefined,
      trustedIssuerPageSchema,
    );
  }

  @Get(':did')
  @Public()
  @ApiOperationId('getTrustedIssuer', 'Get a trusted issuer')
  @ApiDidParam()
  @ApiJsonResponse(200, 'TrustedIssuer', 'The issuer and whether an accreditation is in force')
  @ApiProblems(400, 404, 503)
  get(@DidParam() did: string) {
    return this.registry.query({ query: 'get-issuer', did }, undefined, trustedIssuerSchema);
  }

  @Get(':did/attributes')
  @Public()
  @ApiOperationId('listTrustedIssuerAttributes', "List a trusted issuer's accreditations")
  @ApiDidParam()
  @ApiZodQuery(pageRequestSchema)
  @ApiJsonResponse(200, 'IssuerAttributePage', 'A page of accreditations, oldest first')
  @ApiProblems(400, 404, 503)
  attributes(@DidParam() did: string, @ValidQuery(pageRequestSchema) params: PageRequest) {
    return this.registry.query(
      { query: 'list-issuer-attributes', did, params },
      undefined,
      issuerAttributePageSchema,
    );
  }
}
