/**
 * The custody store in the ledger's schema. Writes join the caller's transaction when there is
 * one (MikroORM's transaction context, e.g. a bus command handler creating an account), else run
 * in their own; a signature's audit row and its `key-used` event are always one transaction.
 */
import { TransactionContext } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { OutboxWriter } from '@strata/bus';
import { LedgerKeyTopics, type KeyUsed } from '@strata/contracts';
import { CustodyKey } from './custody-key.entity';
import {
  type KeyCustody,
  KeyCustodyStore,
  type KeyUsage,
  type StoredKey,
} from './key-custody-store';
import { KeyUsageRecord } from './key-usage.entity';

export class PostgresKeyCustodyStore extends KeyCustodyStore {
  constructor(private readonly orm: MikroORM) {
    super();
  }

  async saveKey(key: StoredKey): Promise<void> {
    await this.em().transactional(async (em) => {
      em.create(CustodyKey, {
        id: key.keyId,
        ownerOrganisationId: key.ownerOrganisationId,
        label: key.label,
        address: key.address,
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
      address: row.address,
      custody: row.custody as KeyCustody,
      material: row.material,
      createdAt: row.createdAt,
    };
  }

  async recordUsage(usage: KeyUsage): Promise<void> {
    await this.em().transactional(async (em) => {
      em.create(KeyUsageRecord, {
        ...usage,
        actorOrganisationId: usage.actorOrganisationId ?? null,
        txHash: usage.txHash ?? null,
      });
      const event: KeyUsed = {
        usageId: usage.id,
        keyId: usage.keyId,
        ownerOrganisationId: usage.ownerOrganisationId,
        address: usage.address,
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
        topic: LedgerKeyTopics.keyUsed,
        key: usage.keyId,
        payload: event,
      });
    });
  }

  private em(): EntityManager {
    return (
      (TransactionContext.getEntityManager(this.orm.em.name) as EntityManager | undefined) ??
      this.orm.em.fork()
    );
  }
}
