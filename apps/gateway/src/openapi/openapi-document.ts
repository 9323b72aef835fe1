/**
 * Builds the OpenAPI 3.1 document from the controllers, adds the zod-derived component schemas
 * and security schemes, and sorts every key so the file is byte-stable. The running app serves
 * exactly this document; scripts/openapi.ts writes it to docs/openapi.json.
 */
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { GatewayConfig } from '../config';
import { componentSchemas } from './api-schemas';

export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => sortKeys(v)) as T;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)])) as T;
  }
  return value;
}

export function buildOpenApiDocument(
  app: INestApplication,
  config: Pick<GatewayConfig, 'STRATA_OIDC_ISSUER'>,
): OpenAPIObject {
  const oidc = `${config.STRATA_OIDC_ISSUER}/protocol/openid-connect`;
  const base = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Strata API')
    .setDescription(
      'The public API of Strata. Errors are RFC 9457 application/problem+json (see docs/problems.md).',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addOAuth2(
      {
        type: 'oauth2',
        description: 'Keycloak, authorization code with PKCE',
        flows: {
          authorizationCode: {
            authorizationUrl: `${oidc}/auth`,
            tokenUrl: `${oidc}/token`,
            scopes: { openid: 'OpenID Connect' },
          },
        },
      },
      'keycloak',
    )
    .addTag('organisations')
    .addTag('networks')
    .addTag('operations')
    .build();
  const document = SwaggerModule.createDocument(app, base, {
    operationIdFactory: (_controller, method) => method,
  });
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...componentSchemas() },
  };
  for (const path of Object.values(document.paths)) {
    for (const operation of [path.get, path.post, path.put, path.patch, path.delete]) {
      if (operation) operation.security = [{ bearer: [] }, { keycloak: ['openid'] }];
    }
  }
  return sortKeys(document);
}
