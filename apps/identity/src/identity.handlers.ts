/**
 * identity's side of the bus: DID and credential commands and queries. Roles and organisation
 * are checked here too (defence in depth behind the gateway's guards).
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  type Actor,
  createDidSchema,
  changeCredentialStatusSchema,
  CredentialTopics,
  issueCredentialSchema,
  StatusListTopics,
  type IdentityQuery,
  identityQuerySchema,
  IdentityTopics,
} from '@strata/contracts';
import { BusConsumers, DomainProblem } from '@strata/bus';
import { CredentialsService } from './credentials/credentials.service';
import { IdentifiersService } from './identifiers/identifiers.service';
import { StatusListsService } from './status/status-lists.service';
import { TrustRegistryService } from './trust-registry/trust-registry.service';

function requireIssuerRole(actor: Actor | undefined): Actor & { organisationId: string } {
  if (!actor?.roles.some((role) => role === 'institution-admin' || role === 'operator')) {
    throw DomainProblem.forbidden('Only an institution administrator or operator may do this.');
  }
  if (!actor.organisationId) {
    throw DomainProblem.forbidden('The caller belongs to no organisation.');
  }
  return { ...actor, organisationId: actor.organisationId };
}

@Injectable()
export class IdentityHandlers implements OnModuleInit {
  constructor(
    private readonly consumers: BusConsumers,
    private readonly identifiers: IdentifiersService,
    private readonly credentials: CredentialsService,
    private readonly statusLists: StatusListsService,
    private readonly trustRegistry: TrustRegistryService,
  ) {}

  onModuleInit(): void {
    this.consumers.onCommand(
      IdentityTopics.createDid,
      createDidSchema,
      ({ em, outbox, payload, actor }) =>
        this.identifiers.create(em, outbox, payload, requireIssuerRole(actor)),
    );
    this.consumers.onCommand(
      CredentialTopics.issueCredential,
      issueCredentialSchema,
      ({ em, outbox, payload, actor }) =>
        this.credentials.issue(em, outbox, payload, requireIssuerRole(actor)),
    );
    this.consumers.onCommand(
      StatusListTopics.changeCredentialStatus,
      changeCredentialStatusSchema,
      ({ em, outbox, payload, actor }) =>
        this.statusLists.change(em, outbox, payload, requireIssuerRole(actor)),
    );
    this.consumers.onQuery<IdentityQuery, unknown>(
      IdentityTopics.queries,
      identityQuerySchema,
      async ({ em, payload }) => {
        switch (payload.query) {
          case 'resolve-did':
            return this.trustRegistry.handles(payload.did)
              ? this.trustRegistry.resolve(payload.did)
              : this.identifiers.resolve(payload.did);
          case 'verify-credential':
            return this.credentials.verify(
              em,
              payload.credential,
              this.trustRegistry.issuerTrust(),
            );
          case 'verify-presentation':
            return this.credentials.verifyPresentation(
              em,
              payload.presentation,
              this.trustRegistry.issuerTrust(),
            );
          case 'get-status-list':
            return this.statusLists.publish(em, payload.id);
        }
      },
    );
  }
}
