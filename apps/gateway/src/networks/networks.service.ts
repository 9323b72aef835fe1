/**
 * Networks: writes become operations, reads are platform-mgmt queries. Callers without a global
 * read role only ever see networks their organisation is a member of; the actor travels with
 * the query so platform-mgmt scopes too, and the gateway narrows the filter and checks answers.
 */
import { Injectable } from '@nestjs/common';
import {
  hasGlobalReadScope,
  networkDetailSchema,
  networkPageSchema,
  type Actor,
  type ListNetworksQuery,
  type Network,
  type NetworkDetail,
  type Page,
  type RegisterNetwork,
} from '@strata/contracts';
import type { Response } from 'express';
import { validateIdempotencyKey } from '../idempotency/idempotency.service';
import { OperationsService } from '../operations/operations.service';
import { respondToSubmission } from '../operations/submission-response';
import { PlatformMgmtClient } from '../platform-mgmt/platform-mgmt.client';
import { gatewayProblem } from '../problems/catalog';
import { ProblemException } from '../problems/problem';

@Injectable()
export class NetworksService {
  constructor(
    private readonly operations: OperationsService,
    private readonly platformMgmt: PlatformMgmtClient,
  ) {}

  async register(
    body: RegisterNetwork,
    actor: Actor,
    rawKey: string | undefined,
    res: Response,
  ): Promise<unknown> {
    const idempotencyKey = validateIdempotencyKey(rawKey);
    const operation = await this.operations.submit({
      kind: 'register-network',
      actor,
      idempotencyKey,
      body,
    });
    return respondToSubmission(operation, res);
  }

  async list(params: ListNetworksQuery, actor: Actor): Promise<Page<Network>> {
    if (!hasGlobalReadScope(actor)) {
      // An organisation-scoped caller sees its own organisation's networks; asking for another
      // organisation's networks is an empty answer, never a silently different one.
      const own = actor.organisationId;
      const requested = params.memberOrganisationId;
      if (!own || (requested !== undefined && requested !== own)) {
        return { items: [], total: 0, limit: params.limit, offset: params.offset };
      }
      params = { ...params, memberOrganisationId: own };
    }
    const page = await this.platformMgmt.query(
      { query: 'list-networks', params },
      actor,
      networkPageSchema,
    );
    if (hasGlobalReadScope(actor)) return page;
    return { ...page, items: page.items.filter((network) => this.isMember(network, actor)) };
  }

  async get(id: string, actor: Actor): Promise<NetworkDetail> {
    const network = await this.platformMgmt.query(
      { query: 'get-network', id },
      actor,
      networkDetailSchema,
    );
    if (!hasGlobalReadScope(actor) && !this.isMember(network, actor)) {
      throw new ProblemException(gatewayProblem('not-found', { detail: `no network ${id}` }));
    }
    return network;
  }

  private isMember(network: Network, actor: Actor): boolean {
    return (
      actor.organisationId !== undefined &&
      network.memberOrganisationIds.includes(actor.organisationId)
    );
  }
}
