/**
 * DIDs created before key custody kept their private key sealed in `managed_did` under identity's
 * keystore passphrase. At start-up each such key is moved into the software keystore (opened
 * with the same passphrase, re-sealed under a fresh key id, recorded in custody_key) and its
 * sealed copy is cleared, one DID per transaction, so a crash half-way leaves every DID either
 * legacy or migrated, never both. Migrated keys get the default usage policy.
 */
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { KeyEncryption } from '@strata/persistence';
import { encodeDidKey } from '../identifiers/did-key';
import { ManagedDid } from '../identifiers/managed-did.entity';
import { DidKeyCustody } from './did-key-custody';

/** The key encryption the legacy DID keys were sealed with (identity's keystore passphrase). */
export const LEGACY_DID_KEY_ENCRYPTION = Symbol('LEGACY_DID_KEY_ENCRYPTION');

@Injectable()
export class LegacyDidKeys implements OnApplicationBootstrap {
  private readonly logger = new Logger(LegacyDidKeys.name);

  constructor(
    private readonly orm: MikroORM,
    private readonly custody: DidKeyCustody,
    @Inject(LEGACY_DID_KEY_ENCRYPTION) private readonly encryption: KeyEncryption,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const moved = await this.migrateAll();
    if (moved > 0) this.logger.log(`moved ${moved} legacy DID keys into the software keystore`);
  }

  /** Moves every legacy sealed DID key into the vault; returns how many were moved. */
  async migrateAll(): Promise<number> {
    const legacy = await this.orm.em
      .fork()
      .find(ManagedDid, { keyId: null, sealedPrivateKey: { $ne: null } }, { fields: ['did'] });
    let moved = 0;
    for (const { did } of legacy) {
      if (await this.migrate(did)) moved += 1;
    }
    return moved;
  }

  private migrate(did: string): Promise<boolean> {
    return this.orm.em.fork().transactional(async (em) => {
      // Locked so that two instances starting together move each key once.
      const entity = await em.findOne(
        ManagedDid,
        { did, keyId: null },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!entity?.sealedPrivateKey) return false;
      const privateKey = this.encryption.open(entity.sealedPrivateKey, {
        keyId: did,
        address: did,
      });
      try {
        const key = await this.custody.importKey(
          entity.organisationId,
          did,
          entity.keyType,
          privateKey,
        );
        if (encodeDidKey(entity.keyType, key.publicKey).did !== did) {
          throw new Error(`the sealed key of ${did} is not the DID's key`);
        }
        entity.keyId = key.keyId;
        entity.custody = 'software';
        entity.sealedPrivateKey = null;
        return true;
      } finally {
        privateKey.fill(0);
      }
    });
  }
}
