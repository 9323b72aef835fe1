/** platform-mgmt's auditor grants on the bus: grant and revoke commands, grant queries and the access check. */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  type AuditorGrantQuery,
  auditorGrantQuerySchema,
  AuditorGrantTopics,
  grantAuditorAccessSchema,
  revokeAuditorGrantSchema,
} from '@strata/contracts';
import { BusConsumers } from '@strata/bus';
import { AuditorGrantsService } from './auditor-grants.service';

@Injectable()
export class AuditorGrantsHandlers implements OnModuleInit {
  constructor(
    private readonly consumers: BusConsumers,
    private readonly grants: AuditorGrantsService,
  ) {}

  onModuleInit(): void {
    this.consumers.onCommand(
      AuditorGrantTopics.grantAuditorAccess,
      grantAuditorAccessSchema,
      ({ em, outbox, payload, actor }) => this.grants.grant(em, outbox, payload, actor),
    );
    this.consumers.onCommand(
      AuditorGrantTopics.revokeAuditorGrant,
      revokeAuditorGrantSchema,
      ({ em, outbox, payload, actor }) => this.grants.revoke(em, outbox, payload, actor),
    );
    this.consumers.onQuery<AuditorGrantQuery, unknown>(
      AuditorGrantTopics.queries,
      auditorGrantQuerySchema,
      async ({ em, payload, actor }) => {
        switch (payload.query) {
          case 'list-auditor-grants':
            return this.grants.list(em, payload.params, actor);
          case 'get-auditor-grant':
            return this.grants.get(em, payload.grantId, actor);
          case 'auditor-access':
            return this.grants.access(em, payload.auditorSubject);
        }
      },
    );
  }
}
