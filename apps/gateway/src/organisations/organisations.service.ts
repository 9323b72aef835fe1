/** Organisations: writes become operations, reads are platform-mgmt queries. */
import { Injectable } from '@nestjs/common';
import {
  organisationPageSchema,
  organisationSchema,
  type Actor,
  type ListOrganisationsQuery,
  type Organisation,
  type Page,
  type RegisterOrganisation,
} from '@strata/contracts';
import type { Response } from 'express';
import { validateIdempotencyKey } from '../idempotency/idempotency.service';
import { OperationsService } from '../operations/operations.service';
import { respondToSubmission } from '../operations/submission-response';
import { PlatformMgmtClient } from '../platform-mgmt/platform-mgmt.client';

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly operations: OperationsService,
    private readonly platformMgmt: PlatformMgmtClient,
  ) {}

  async register(
    body: RegisterOrganisation,
    actor: Actor,
    rawKey: string | undefined,
    res: Response,
  ): Promise<unknown> {
    const idempotencyKey = validateIdempotencyKey(rawKey);
    // platform-mgmt chooses the organisation id, so the operation id is the partition key.
    const operation = await this.operations.submit({
      kind: 'register-organisation',
      actor,
      idempotencyKey,
      body,
    });
    return respondToSubmission(operation, res);
  }

  list(params: ListOrganisationsQuery, actor: Actor): Promise<Page<Organisation>> {
    return this.platformMgmt.query(
      { query: 'list-organisations', params },
      actor,
      organisationPageSchema,
    );
  }

  get(id: string, actor: Actor): Promise<Organisation> {
    return this.platformMgmt.query({ query: 'get-organisation', id }, actor, organisationSchema);
  }
}
