/**
 * Adapters that touch nothing outside the process, for building the OpenAPI document without
 * Kafka or PostgreSQL: the document depends only on the controllers, never on the adapters.
 */
import { JwtTokenVerifier } from '@strata/auth';
import { Requester, type BusRequest } from '@strata/bus';
import type { Reply } from '@strata/contracts';
import type { GatewayAdapters } from './adapters';
import type { GatewayConfig } from './config';
import { InMemoryOperationRepository } from './idempotency/operation.repository';

class OfflineRequester extends Requester {
  request<R>(topic: string, _request: BusRequest): Promise<Reply<R>> {
    return Promise.reject(new Error(`offline: cannot send on ${topic}`));
  }
}

export function offlineAdapters(config: GatewayConfig): GatewayAdapters {
  return {
    requester: new OfflineRequester(),
    operations: new InMemoryOperationRepository(),
    // Lazy: fetches the JWKS only when a token is verified, which never happens offline.
    tokenVerifier: new JwtTokenVerifier({
      issuer: config.STRATA_OIDC_ISSUER,
      audience: config.STRATA_OIDC_AUDIENCE,
      jwksUrl: config.STRATA_OIDC_JWKS_URL,
    }),
    probes: [],
  };
}
