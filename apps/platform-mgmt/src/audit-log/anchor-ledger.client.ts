/**
 * What the anchoring needs from the ledger, over Kafka request/reply: a signing account for the
 * platform's organisation, transactions (deploy AuditAnchors, call `anchor`) through the
 * transaction manager and their status. Requests carry deterministic message ids, so asking
 * again after a timeout or a crash gets the ledger's stored answer (inbox) instead of a second
 * account or transaction. platform-mgmt acts as `system:platform-mgmt` with the institution-admin role
 * of the organisation the platform-admin chose for anchoring.
 */
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { BusTimeoutError, Requester } from '@strata/bus';
import {
  type Actor,
  type BusProblem,
  type LedgerTransaction,
  LedgerTransactionTopics,
  type SigningAccount,
  type SubmitTransaction,
} from '@strata/contracts';

export const PLATFORM_MGMT_SYSTEM_ACTOR = 'system:platform-mgmt';
const TIMEOUT_MS = 10_000;

/** The ledger's answer: a result, a problem, or nothing yet (timed out; ask again). */
export type LedgerAnswer<T> =
  { kind: 'ok'; value: T } | { kind: 'problem'; problem: BusProblem } | { kind: 'no-answer' };

/** A UUID (version 8, RFC 9562) derived from `parts`: the same parts give the same message id. */
export function derivedMessageId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

export function anchoringActor(organisationId: string): Actor {
  return { subject: PLATFORM_MGMT_SYSTEM_ACTOR, roles: ['institution-admin'], organisationId };
}

@Injectable()
export class AnchorLedgerClient {
  constructor(private readonly requester: Requester) {}

  createAccount(
    messageId: string,
    networkId: string,
    organisationId: string,
  ): Promise<LedgerAnswer<SigningAccount>> {
    return this.ask(
      LedgerTransactionTopics.createSigningAccount,
      messageId,
      networkId,
      organisationId,
      {
        networkId,
        account: { label: 'strata-audit-anchors', organisationId },
      },
    );
  }

  submit(
    messageId: string,
    networkId: string,
    organisationId: string,
    transaction: SubmitTransaction,
  ): Promise<LedgerAnswer<LedgerTransaction>> {
    return this.ask(
      LedgerTransactionTopics.submitTransaction,
      messageId,
      networkId,
      organisationId,
      {
        networkId,
        transaction,
      },
    );
  }

  transaction(
    networkId: string,
    organisationId: string,
    id: string,
  ): Promise<LedgerAnswer<LedgerTransaction>> {
    return this.ask(LedgerTransactionTopics.queries, undefined, networkId, organisationId, {
      query: 'get-transaction',
      networkId,
      id,
    });
  }

  private async ask<T>(
    topic: string,
    id: string | undefined,
    networkId: string,
    organisationId: string,
    payload: unknown,
  ): Promise<LedgerAnswer<T>> {
    try {
      const reply = await this.requester.request<T>(
        topic,
        { key: networkId, payload, actor: anchoringActor(organisationId), id },
        TIMEOUT_MS,
      );
      return reply.ok
        ? { kind: 'ok', value: reply.result }
        : { kind: 'problem', problem: reply.problem };
    } catch (error) {
      if (error instanceof BusTimeoutError) return { kind: 'no-answer' };
      throw error;
    }
  }
}
