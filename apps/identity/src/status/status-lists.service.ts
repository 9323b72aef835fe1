/**
 * Bitstring Status Lists: every issuer has a revocation and a suspension list; each issued
 * credential gets one index in both. Changing a status flips its bit in the same transaction as
 * the `credential-status-changed.v1` event; the lists are published as VC-JWTs signed by the
 * issuer and read back by the verifier.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type Actor,
  type ChangeCredentialStatus,
  type CredentialStatusRecord,
  type StatusListCredential,
  StatusListTopics,
  type StatusPurpose,
} from '@strata/contracts';
import { DomainProblem, type OutboxWriter } from '@strata/bus';
import { Clock } from '@strata/runtime';
import { signAsIssuer } from '../credentials/credential-signer';
import { DidKeyCustody, IDENTITY_SYSTEM_ACTOR } from '../key-custody/did-key-custody';
import { ManagedDid } from '../identifiers/managed-did.entity';
import { bitAt, encodeList, withBit } from './bitstring';
import { CredentialEntry, STATUS_LIST_SIZE, StatusList } from './status-list.entity';

export const STATUS_LIST_BASE_URL = Symbol('STATUS_LIST_BASE_URL');

export interface StatusEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: StatusPurpose;
  statusListIndex: string;
  statusListCredential: string;
}

@Injectable()
export class StatusListsService {
  constructor(
    private readonly clock: Clock,
    private readonly custody: DidKeyCustody,
    @Inject(STATUS_LIST_BASE_URL) private readonly baseUrl: string,
  ) {}

  /** Gives a new credential its index in both of the issuer's lists; returns its status entries. */
  async allocate(
    em: EntityManager,
    issuerDid: string,
    credentialId: string,
    organisationId: string,
  ): Promise<StatusEntry[]> {
    const revocation = await this.listOf(em, issuerDid, 'revocation');
    const suspension = await this.listOf(em, issuerDid, 'suspension');
    const index = revocation.nextIndex;
    if (index >= STATUS_LIST_SIZE)
      throw DomainProblem.conflict(`The status lists of ${issuerDid} are full.`);
    revocation.nextIndex = index + 1;
    const now = this.clock.now();
    em.create(CredentialEntry, {
      id: credentialId,
      issuerDid,
      organisationId,
      statusIndex: index,
      status: 'active',
      issuedAt: now,
      changedAt: now,
    });
    return [revocation, suspension].map((list) => this.entryOf(list, index));
  }

  async change(
    em: EntityManager,
    outbox: OutboxWriter,
    input: ChangeCredentialStatus,
    actor: Actor & { organisationId: string },
  ): Promise<CredentialStatusRecord> {
    const entry = await em.findOne(
      CredentialEntry,
      { id: input.credentialId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!entry || entry.organisationId !== actor.organisationId) {
      throw DomainProblem.notFound('Credential', input.credentialId);
    }
    if (entry.status === 'revoked')
      throw DomainProblem.conflict(`${entry.id} is revoked; its status is final.`);
    const purpose: StatusPurpose = input.action === 'revoke' ? 'revocation' : 'suspension';
    const list = await this.listOf(em, entry.issuerDid, purpose);
    list.bits = Buffer.from(withBit(list.bits, entry.statusIndex, input.action !== 'unsuspend'));
    list.updatedAt = this.clock.now();
    entry.status =
      input.action === 'revoke' ? 'revoked' : input.action === 'suspend' ? 'suspended' : 'active';
    entry.changedAt = this.clock.now();
    const record: CredentialStatusRecord = {
      id: entry.id,
      issuer: entry.issuerDid,
      status: entry.status,
      changedAt: entry.changedAt.toISOString(),
    };
    outbox.add({
      topic: StatusListTopics.credentialStatusChanged,
      key: entry.issuerDid,
      payload: { ...record, action: input.action, changedBy: actor.subject },
    });
    return record;
  }

  /** The list as a BitstringStatusListCredential VC-JWT signed by its issuer. */
  async publish(em: EntityManager, id: string): Promise<StatusListCredential> {
    const list = await em.findOne(StatusList, { id });
    const issuer = list && (await em.findOne(ManagedDid, { did: list.issuerDid }));
    if (!list || !issuer) throw DomainProblem.notFound('Status list', id);
    const url = `${this.baseUrl}/${list.id}`;
    const validFrom = this.clock.now();
    const audit = { actor: IDENTITY_SYSTEM_ACTOR, reason: `publish status list ${list.id}` };
    const jwt = await signAsIssuer(
      this.custody,
      issuer,
      {
        jti: url,
        nbf: Math.floor(validFrom.getTime() / 1000),
        vc: {
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          id: url,
          type: ['VerifiableCredential', 'BitstringStatusListCredential'],
          issuer: issuer.did,
          validFrom: validFrom.toISOString(),
          credentialSubject: {
            id: `${url}#list`,
            type: 'BitstringStatusList',
            statusPurpose: list.purpose,
            encodedList: encodeList(list.bits),
          },
        },
      },
      audit,
    );
    return { id: list.id, statusPurpose: list.purpose, jwt };
  }

  /** Whether a status entry's bit is set: undefined when the list is not one of ours. */
  async isSet(
    em: EntityManager,
    entry: { statusListCredential?: unknown; statusListIndex?: unknown },
  ): Promise<boolean | undefined> {
    const url = typeof entry.statusListCredential === 'string' ? entry.statusListCredential : '';
    const id = url.startsWith(`${this.baseUrl}/`) ? url.slice(this.baseUrl.length + 1) : '';
    const index = Number(entry.statusListIndex);
    if (
      !/^[0-9a-f-]{36}$/.test(id) ||
      !Number.isInteger(index) ||
      index < 0 ||
      index >= STATUS_LIST_SIZE
    )
      return undefined;
    const list = await em.findOne(StatusList, { id });
    return list ? bitAt(list.bits, index) : undefined;
  }

  private async listOf(
    em: EntityManager,
    issuerDid: string,
    purpose: StatusPurpose,
  ): Promise<StatusList> {
    const found = await em.findOne(
      StatusList,
      { issuerDid, purpose },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (found) return found;
    const list = em.create(StatusList, {
      id: randomUUID(),
      issuerDid,
      purpose,
      bits: Buffer.alloc(STATUS_LIST_SIZE / 8),
      nextIndex: 0,
      updatedAt: this.clock.now(),
    });
    await em.flush();
    return list;
  }

  private entryOf(list: StatusList, index: number): StatusEntry {
    const url = `${this.baseUrl}/${list.id}`;
    return {
      id: `${url}#${index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: list.purpose,
      statusListIndex: String(index),
      statusListCredential: url,
    };
  }
}
