/**
 * identity's side of the bus for the trust registries: reads and change preparation on
 * `strata.identity.trust-registry-queries.v1` (request/reply). Nothing here writes: signed changes
 * are submitted through the ledger by the gateway.
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { BusConsumers, DomainProblem } from '@strata/bus';
import {
  type TrustRegistryQuery,
  trustRegistryQuerySchema,
  TrustRegistryTopics,
} from '@strata/contracts';
import { TrustRegistryService } from './trust-registry.service';

@Injectable()
export class TrustRegistryHandlers implements OnModuleInit {
  constructor(
    private readonly consumers: BusConsumers,
    private readonly registry: TrustRegistryService,
  ) {}

  onModuleInit(): void {
    this.consumers.onQuery<TrustRegistryQuery, unknown>(
      TrustRegistryTopics.queries,
      trustRegistryQuerySchema,
      ({ payload, actor }) => {
        switch (payload.query) {
          case 'list-dids':
            return this.registry.listDids(payload.params);
          case 'list-issuers':
            return this.registry.listIssuers(payload.params);
          case 'get-issuer':
            return this.registry.getIssuer(payload.did);
          case 'list-issuer-attributes':
            return this.registry.listAttributes(payload.did, payload.params);
          case 'list-schemas':
            return this.registry.listSchemas(payload.params);
          case 'get-schema':
            return this.registry.getSchema(payload.id);
          case 'prepare-change':
            return this.registry.prepare(payload.input);
          case 'encode-change':
            if (!actor?.roles.some((r) => r === 'institution-admin' || r === 'operator')) {
              throw DomainProblem.forbidden(
                'Only an institution administrator or operator may do this.',
              );
            }
            return this.registry.encode(payload.input);
        }
      },
    );
  }
}
