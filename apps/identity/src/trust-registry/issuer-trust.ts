/**
 * What the verifier asks the network's trust registries: a DID resolver that knows the on-chain
 * method (as of the credential's issuance time, so rotated keys verify what they signed while
 * valid) and whether the issuer is accredited in the TrustedIssuersRegistry for every schema the
 * credential names (`issuer-not-accredited` / `schema-not-accredited`).
 *
 * A credential's schema id is the bytes32 at the end of its `credentialSchema.id`
 * (`.../schemas/0x<64 hex>` or the bare id, the sha-256 of the schema document as registered in
 * the TrustedSchemasRegistry); any other URI stands for keccak256 of its UTF-8 bytes.
 */
import { type DIDResolutionResult, type Resolvable, Resolver } from 'did-resolver';
import { keccak256, toUtf8Bytes } from 'ethers';
import type { VerificationResult } from '@strata/contracts';
import { resolveDidKey } from '../identifiers/did-key-resolver';
import { resolveOnChainDid } from '../did-registry/on-chain-did-document';
import type { OnChainRegistries } from '../did-registry/on-chain-registries';

type Problem = VerificationResult['problems'][number];

export interface IssuerTrust {
  /** A resolver for did:key and the on-chain method, answering as of `at`. */
  resolverAt(at: Date): Resolvable;
  /** Problems of the issuer's accreditation for the credential's schemas (empty when accredited). */
  accreditationProblems(issuer: string, payload: Record<string, unknown>): Promise<Problem[]>;
}

/** The schema ids a VC payload names (`vc.credentialSchema`, one or many); [] when none. */
export function credentialSchemaIds(payload: Record<string, unknown>): string[] {
  const vc = payload.vc as { credentialSchema?: unknown } | undefined;
  const raw = vc?.credentialSchema;
  const entries = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return entries.flatMap((entry) => {
    const id = (entry as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || id.length === 0) return [];
    const bytes32 = /(0x[0-9a-fA-F]{64})$/.exec(id);
    return [bytes32 ? bytes32[1].toLowerCase() : keccak256(toUtf8Bytes(id))];
  });
}

export class OnChainIssuerTrust implements IssuerTrust {
  constructor(private readonly registries: OnChainRegistries) {}

  resolverAt(at: Date): Resolvable {
    return new Resolver(
      {
        key: async (did) => resolveDidKey(did),
        [this.registries.method]: async (did) =>
          (await resolveOnChainDid(this.registries, did, at)) as unknown as DIDResolutionResult,
      },
      { cache: false },
    );
  }

  async accreditationProblems(
    issuer: string,
    payload: Record<string, unknown>,
  ): Promise<Problem[]> {
    if (!(await this.registries.isAccredited(issuer, null))) {
      return [
        {
          check: 'accreditation',
          code: 'issuer-not-accredited',
          detail: `${issuer} holds no accreditation in force in the trusted issuers registry`,
        },
      ];
    }
    const schemas = credentialSchemaIds(payload);
    if (schemas.length === 0) {
      return [
        {
          check: 'accreditation',
          code: 'schema-not-accredited',
          detail: 'the credential names no credentialSchema the issuer could be accredited for',
        },
      ];
    }
    const problems: Problem[] = [];
    for (const schema of schemas) {
      if (!(await this.registries.isAccredited(issuer, schema))) {
        problems.push({
          check: 'accreditation',
          code: 'schema-not-accredited',
          detail: `${issuer} is not accredited for the schema ${schema}`,
        });
      }
    }
    return problems;
  }
}
