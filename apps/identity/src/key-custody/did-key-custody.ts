/**
 * Custody of DID keys: new DID keys are made in the deployment's KeyVault (the software keystore,
 * or the PKCS#11 token with STRATA_KEYVAULT=pkcs11), and every JWS a DID signs goes through the
 * vault, which checks the key's usage policy (owner organisation, signer roles) and audits the
 * signature with a `strata.identity.key-used.v1` event before it leaves. Keys stay where they
 * were made: a key in the software keystore keeps signing there after a switch to PKCS#11.
 */
import { Inject, Injectable } from '@nestjs/common';
import { bytesToBase64url, type Signer } from 'did-jwt';
import type { Actor, DidKeyType, Role } from '@strata/contracts';
import {
  type CreatedSigningKey,
  type CustodiedKeyVault,
  type KeyCustody,
  KeyCustodyStore,
  Pkcs11KeyVault,
  type SigningAudit,
  SoftwareKeyVault,
  UnknownKeyError,
} from '@strata/key-custody';

/** The actor identity signs as when it acts on its own (publishing a status list). */
export const IDENTITY_SYSTEM_ACTOR = 'system:identity';

/** The PKCS#11 vault when the deployment uses one, else null. */
export const DID_HSM_VAULT = Symbol('DID_HSM_VAULT');

/** The audit of a signature asked for by a caller. */
export function auditOf(actor: Actor, reason: string): SigningAudit {
  return { actor: actor.subject, reason, organisationId: actor.organisationId, roles: actor.roles };
}

@Injectable()
export class DidKeyCustody {
  constructor(
    private readonly store: KeyCustodyStore,
    private readonly software: SoftwareKeyVault,
    @Inject(DID_HSM_VAULT) private readonly hsm: Pkcs11KeyVault | null,
  ) {}

  /** Where new DID keys are made. */
  get custody(): KeyCustody {
    return this.hsm ? 'pkcs11' : 'software';
  }

  /** Makes a DID key in the configured vault. Not idempotent (each call is a new key). */
  create(
    organisationId: string,
    label: string,
    keyType: DidKeyType,
    signerRoles?: readonly Role[],
  ): Promise<CreatedSigningKey> {
    return (this.hsm ?? this.software).createSigningKey(organisationId, label, {
      curve: keyType,
      signerRoles,
    });
  }

  /** Takes an existing private key (a legacy sealed DID key) into the software keystore. */
  importKey(
    organisationId: string,
    label: string,
    keyType: DidKeyType,
    privateKey: Uint8Array,
  ): Promise<CreatedSigningKey> {
    return this.software.importKey(organisationId, label, keyType, privateKey);
  }

  /** A did-jwt signer that signs with `keyId` in its vault, as `audit` says, each use audited. */
  signer(keyId: string, audit: SigningAudit): Signer {
    return async (data) => {
      const input = typeof data === 'string' ? new TextEncoder().encode(data) : data;
      const vault = await this.vaultOf(keyId);
      return bytesToBase64url(await vault.signJws(keyId, input, audit));
    };
  }

  private async vaultOf(keyId: string): Promise<CustodiedKeyVault> {
    const key = await this.store.findKey(keyId);
    if (!key) throw new UnknownKeyError(keyId);
    if (key.custody === 'software') return this.software;
    if (!this.hsm) {
      throw new Error(
        `key ${keyId} is on a PKCS#11 token but identity runs without STRATA_KEYVAULT=pkcs11`,
      );
    }
    return this.hsm;
  }
}
