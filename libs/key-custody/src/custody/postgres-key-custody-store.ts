/**
 * The custody store in an app's own schema (the ledger's, identity's). Writes join the caller's
 * transaction when there is one (MikroORM's transaction context, e.g. a bus command handler
 * creating an account), else run in their own; a signature's audit row and its `key-used` event
 * (on the app's own topic) are always one transaction.
 */
import { TransactionContext } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { OutboxWriter } from '@strata/bus';
import { LedgerKeyTopics, type Role } from '@strata/contracts';
import { CustodyKey } from './custody-key.entity';
import {
  type KeyCurve,
  type KeyCustody,
  KeyCustodyStore,
  type KeyUsage,
  type StoredKey,
} from './key-custody-store';
import { KeyUsageRecord } from './key-usage.entity';

export class PostgresKeyCustodyStore extends KeyCustodyStore {
  /** `keyUsedTopic`: where the app publishes its key-used events (the ledger's by default). */
  constructor(
    private readonly orm: MikroORM,
    private readonly keyUsedTopic: string = LedgerKeyTopics.keyUsed,
  ) {
    super();
  }

  async saveKey(key: StoredKey): Promise<void> {
    await this.em().transactional(async (em) => {
      em.create(CustodyKey, {
        id: key.keyId,
        ownerOrganisationId: key.ownerOrganisationId,
        label: key.label,
        curve: key.curve,
        address: key.address,
        publicKey: key.publicKey,
        signerRoles: key.signerRoles ? [...key.signerRoles] : null,
        custody: key.custody,
        material: key.material,
        createdAt: key.createdAt,
      });
    });
  }

  async findKey(keyId: string): Promise<StoredKey | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(keyId)) return undefined;
    const row = await this.em().findOne(CustodyKey, { id: keyId });
    if (!row) return undefined;
    return {
      keyId: row.id,
      ownerOrganisationId: row.ownerOrganisationId,
      label: row.label,
      curve: row.curve as KeyCurve,
      address: row.address ?? null,
      publicKey: row.publicKey ?? null,
      signerRoles: (row.signerRoles as Role[] | null | undefined) ?? null,
      custody: row.custody as KeyCustody,
      material: row.material,
      createdAt: row.createdAt,
    };
  }

  async recordUsage(usage: KeyUsage): Promise<void> {
    const write = (em: EntityManager): void => {
      em.create(KeyUsageRecord, {
        ...usage,
        actorOrganisationId: usage.actorOrganisationId ?? null,
        txHash: usage.txHash ?? null,
      });
      // The ledger's key-used.v1 shape plus the curve; keys of other curves have no address.
      const event = {
        usageId: usage.id,
        keyId: usage.keyId,
        ownerOrganisationId: usage.ownerOrganisationId,
        ...(usage.address ? { address: usage.address } : {}),
        curve: usage.curve,
        custody: usage.custody,
        actor: usage.actor,
        actorOrganisationId: usage.actorOrganisationId,
        purpose: usage.purpose,
        digest: usage.digest,
        txHash: usage.txHash,
        reason: usage.reason,
        signedAt: usage.signedAt.toISOString(),
      };
      new OutboxWriter(em).add({
        topic: this.keyUsedTopic,
        key: usage.keyId,
        payload: event,
      });
    };
    // Inside the caller's transaction the rows join its unit of work and commit with it; a
    // savepoint and flush per signature made a batch of n signatures cost O(n²) change-set work.
    const joined = TransactionContext.getEntityManager(this.orm.em.name) as
      EntityManager | undefined;
    if (joined) write(joined);
    else await this.orm.em.fork().transactional(async (em) => write(em));
  }

  private em(): EntityManager {
    return (
      (TransactionContext.getEntityManager(this.orm.em.name) as EntityManager | undefined) ??
      this.orm.em.fork()
    );
  }
}
