/**
 * The auditor grant check, reusable by any controller or guard: an auditor (a caller whose only
 * global reader role is `auditor`) reads an organisation or network only while one of their
 * grants covers it and has not expired or been revoked. Asked of platform-mgmt on every read
 * (no cache), so a revocation or an expiry takes effect at once. Other callers pass untouched.
 */
import { Injectable } from '@nestjs/common';
import {
  type Actor,
  type AuditorAccess,
  auditorAccessSchema,
  isGrantRestricted,
} from '@strata/contracts';
import { ProblemException } from '../problems/problem';
import { AuditorGrantsClient } from './auditor-grants.client';

export type AuditorResource = { kind: 'organisation' | 'network'; id: string };

const denied = (detail: string) =>
  new ProblemException({
    code: 'forbidden',
    status: 403,
    title: 'You are not allowed to do this',
    detail,
  });

@Injectable()
export class AuditorAccessCheck {
  constructor(private readonly grants: AuditorGrantsClient) {}

  /** What the auditor may read now; undefined for callers grants do not restrict. */
  async accessOf(actor: Actor): Promise<AuditorAccess | undefined> {
    if (!isGrantRestricted(actor)) return undefined;
    return this.grants.query(
      { query: 'auditor-access', auditorSubject: actor.subject },
      actor,
      auditorAccessSchema,
    );
  }

  /** Throws 403 unless the caller is unrestricted or an active grant covers `resource`. */
  async require(actor: Actor, resource?: AuditorResource): Promise<AuditorAccess | undefined> {
    const access = await this.accessOf(actor);
    if (!access) return undefined;
    if (!resource) {
      if (access.grantIds.length === 0) throw denied('You have no active auditor grant.');
      return access;
    }
    const granted = resource.kind === 'network' ? access.networkIds : access.organisationIds;
    if (!granted.includes(resource.id))
      throw denied(`No active auditor grant covers ${resource.kind} ${resource.id}.`);
    return access;
  }
}
