/**
 * The network's trust registries for an e2e test: deploys the DidRegistry, TrustedIssuersRegistry
 * and TrustedSchemasRegistry through the ledger, restarts identity pointing at them (the run's own
 * settings come back with `restore`), and makes registry changes the way an organisation does:
 * prepared through the gateway, signed (EIP-712) by the acting DID's key, sent by the member's
 * signing account. Also signs VC-JWTs as an on-chain DID.
 */
import { randomUUID } from 'node:crypto';
import { createJWT, ES256KSigner } from 'did-jwt';
import { getBytes, hexlify, randomBytes, SigningKey } from 'ethers';
import {
  DidRegistryArtifact,
  onChainDid,
  parseOnChainDid,
  TrustedIssuersRegistryArtifact,
  TrustedSchemasRegistryArtifact,
  type ContractArtifact,
} from '@strata/chain';
import { jsonRpc, readE2eRun } from '@strata/testing';
import { raw, type RawResponse } from './api';
import { eventually } from './eventually';
import { type Member, waitForStatus } from './ledger';
import { restartAppWith } from './restart';

/** A deadline far in the future for signed changes. */
export const FAR = String(2 ** 35);

/** The schema URL a credential names for a registry schema id. */
export const schemaUrl = (id: string): string => `https://strata.example/api/v1/schemas/${id}`;

/** An on-chain DID and the key its tests sign with. */
export interface HeldDid {
  did: string;
  key: SigningKey;
}

export const newHeldDid = (): HeldDid => ({
  did: onChainDid('strata', hexlify(randomBytes(16))),
  key: new SigningKey(hexlify(randomBytes(32))),
});

/** The uncompressed public key (without the 0x04 prefix) as the DID registry takes it. */
export const registryPublicKeyOf = (key: SigningKey): string => `0x${key.publicKey.slice(4)}`;

/** The timestamp of the run's chain's latest block (credentials' iat against on-chain DIDs). */
export async function chainTime(): Promise<number> {
  const block = await jsonRpc<{ timestamp: string }>(
    readE2eRun().anvilRpcUrl,
    'eth_getBlockByNumber',
    ['latest', false],
  );
  return Number(BigInt(block.timestamp));
}

export function onChainIdOf(did: string): string {
  const parsed = parseOnChainDid(did, 'strata');
  if ('error' in parsed) throw new Error(`not an on-chain DID: ${did}`);
  return parsed.id;
}

/** A VC-JWT for `schema` signed as `held` with `key` (its verification method `fragment`). */
export function onChainCredential(
  held: HeldDid,
  key: SigningKey,
  fragment: string,
  iat: number,
  schema: string,
): Promise<string> {
  return createJWT(
    {
      iat,
      sub: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
      vc: {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiableCredential', 'DiplomaCredential'],
        credentialSubject: { degree: 'MSc' },
        credentialSchema: { id: schemaUrl(schema), type: 'JsonSchema' },
      },
    },
    { issuer: held.did, signer: ES256KSigner(getBytes(key.privateKey)) },
    { alg: 'ES256K', kid: `${held.did}#${fragment}` },
  );
}

export class TrustRegistries {
  // Identity runs with these registries only while the test runs: later tests expect the run's own settings.
  private readonly originalEnv = readE2eRun().apps.identity?.env ?? {};

  constructor(
    private readonly member: Member,
    private readonly networkId: string,
    /** The member's signing account that sends every transaction. */
    private readonly from: string,
  ) {}

  /** Deploys the three registries (root trust anchor `root`) and restarts identity with them. */
  async deployAndUse(root: HeldDid): Promise<void> {
    const dids = await this.deploy(DidRegistryArtifact, ['strata']);
    const issuers = await this.deploy(TrustedIssuersRegistryArtifact, [
      dids,
      onChainIdOf(root.did),
    ]);
    const schemas = await this.deploy(TrustedSchemasRegistryArtifact, [issuers]);
    await restartAppWith('identity', {
      ...this.originalEnv,
      STRATA_IDENTITY_TRUST_RPC_URL: readE2eRun().anvilRpcUrl,
      STRATA_IDENTITY_TRUST_NETWORK_ID: this.networkId,
      STRATA_IDENTITY_DID_REGISTRY_ADDRESS: dids,
      STRATA_IDENTITY_TRUSTED_ISSUERS_REGISTRY_ADDRESS: issuers,
      STRATA_IDENTITY_TRUSTED_SCHEMAS_REGISTRY_ADDRESS: schemas,
    });
    await eventually(
      async () => (await raw(this.member.api, 'GET', '/api/v1/identifiers?limit=1')).status === 200,
      'identity to answer with its trust registries',
    );
  }

  /** Gives identity back the run's own settings. */
  restore(): Promise<void> {
    return restartAppWith('identity', this.originalEnv);
  }

  async deploy(artifact: ContractArtifact, args: unknown[]): Promise<string> {
    const tx = await this.member.tx.submitTransaction({
      id: this.networkId,
      idempotencyKey: randomUUID(),
      submitTransaction: {
        kind: 'deploy',
        from: this.from,
        bytecode: artifact.bytecode,
        abi: artifact.abi as object[],
        args,
      },
    });
    const done = await waitForStatus(
      this.member,
      this.networkId,
      tx.id,
      ['confirmed', 'failed'],
      120_000,
    );
    if (done.status !== 'confirmed') throw new Error(`deploying a registry ${done.status}`);
    return done.contractAddress ?? '';
  }

  /** Prepares, signs with `key` and submits a change; resolves with the settled transaction. */
  async change(body: Record<string, unknown>, key: SigningKey): Promise<RawResponse> {
    const prepared = await raw(this.member.api, 'POST', '/api/v1/trust-registry/changes/prepare', {
      change: body,
      deadline: FAR,
    });
    if (prepared.status !== 200) return prepared;
    const signature = key.sign(prepared.body.digest as string).serialized;
    const submitted = await raw(
      this.member.api,
      'POST',
      '/api/v1/trust-registry/changes',
      { from: this.from, change: body, deadline: FAR, signature },
      { 'idempotency-key': randomUUID() },
    );
    if (submitted.status !== 202) return submitted;
    const id = submitted.body.id as string;
    const tx = await waitForStatus(
      this.member,
      this.networkId,
      id,
      ['confirmed', 'failed'],
      120_000,
    );
    return { ...submitted, body: { ...submitted.body, status: tx.status } };
  }

  /** Makes `change` and throws unless its transaction was confirmed. */
  async confirmed(body: Record<string, unknown>, key: SigningKey): Promise<void> {
    const done = await this.change(body, key);
    if (done.body.status !== 'confirmed') {
      throw new Error(`trust registry change ${String(body.kind)}: ${JSON.stringify(done.body)}`);
    }
  }

  /** Registers `held` in the DID registry with its key as `keys-1`. */
  register(held: HeldDid): Promise<void> {
    return this.confirmed(
      {
        kind: 'register-did',
        did: held.did,
        fragment: 'keys-1',
        publicKey: registryPublicKeyOf(held.key),
      },
      held.key,
    );
  }

  /** `accreditor` accredits `subject` as `role` for `schemas`. */
  accredit(
    accreditor: HeldDid,
    subject: HeldDid,
    role: 'TAO' | 'TI',
    schemas: string[],
  ): Promise<void> {
    return this.confirmed(
      { kind: 'accredit', subjectDid: subject.did, role, schemas, accreditorDid: accreditor.did },
      accreditor.key,
    );
  }
}
