/**
 * The on-chain trust registries as identity serves them: EBSI-shaped reads (identifiers, issuers
 * with their attributes, schemas) with paging, resolution of the on-chain DID method with W3C
 * DID Resolution errors (400 invalidDid, 404 notFound, 410 deactivated), and signed changes —
 * what to sign (prepare) and the contract call that applies it (encode), which the gateway
 * submits through the ledger from the caller organisation's signing account.
 */
import { Inject, Injectable } from '@nestjs/common';
import { DomainProblem } from '@strata/bus';
import {
  DidRegistryArtifact,
  onChainDid,
  TrustedIssuersRegistryArtifact,
  TrustedSchemasRegistryArtifact,
} from '@strata/chain';
import type {
  DidResolutionResult,
  EncodedTrustChange,
  IssuerAttribute,
  Page,
  PageRequest,
  PreparedTrustChange,
  PrepareTrustChange,
  SubmitTrustChange,
  TrustedIssuer,
  TrustedSchema,
} from '@strata/contracts';
import { resolveOnChainDid } from '../did-registry/on-chain-did-document';
import type { OnChainRegistries } from '../did-registry/on-chain-registries';
import { domainOf, planTrustChange } from './trust-change';
import type { IssuerTrust } from './issuer-trust';
import { ISSUER_TRUST, ON_CHAIN_REGISTRIES, TRUST_NETWORK_ID } from './trust-registry.tokens';

const RESOLUTION_STATUS = {
  invalidDid: 400,
  methodNotSupported: 400,
  notFound: 404,
  deactivated: 410,
};

@Injectable()
export class TrustRegistryService {
  constructor(
    @Inject(ON_CHAIN_REGISTRIES) private readonly configured: OnChainRegistries | null,
    @Inject(TRUST_NETWORK_ID) private readonly networkId: string | null,
    @Inject(ISSUER_TRUST) private readonly trust: IssuerTrust | null,
  ) {}

  /** What the verifier checks issuers against; undefined when no registries are configured. */
  issuerTrust(): IssuerTrust | undefined {
    return this.trust ?? undefined;
  }

  /** Whether `did` is of this deployment's on-chain method (and the registries are configured). */
  handles(did: string): boolean {
    return this.configured !== null && did.startsWith(`did:${this.configured.method}:`);
  }

  async resolve(did: string): Promise<DidResolutionResult> {
    const result = await resolveOnChainDid(this.registries(), did, null);
    if (result.didDocument === null) {
      const { error, reason } = result.didResolutionMetadata;
      throw new DomainProblem({
        code: error,
        status: RESOLUTION_STATUS[error],
        title: error === 'deactivated' ? 'DID deactivated' : 'DID not resolvable',
        detail: reason,
      });
    }
    return result;
  }

  async listDids(params: PageRequest): Promise<Page<{ did: string; href: string }>> {
    const registries = this.registries();
    const { ids, total } = await registries.didPage(params.offset, params.limit);
    const items = ids.map((id) => {
      const did = onChainDid(registries.method, id);
      return { did, href: `/api/v1/identifiers/${did}` };
    });
    return { items, total, ...params };
  }

  async listIssuers(params: PageRequest): Promise<Page<TrustedIssuer>> {
    const registries = this.registries();
    const { dids, total } = await registries.issuerPage(params.offset, params.limit);
    const items = await Promise.all(dids.map((did) => this.issuerOf(registries, did)));
    return { items, total, ...params };
  }

  async getIssuer(did: string): Promise<TrustedIssuer> {
    const registries = this.registries();
    if ((await registries.accreditationsOf(did)).length === 0) {
      throw DomainProblem.notFound('Trusted issuer', did);
    }
    return this.issuerOf(registries, did);
  }

  async listAttributes(did: string, params: PageRequest): Promise<Page<IssuerAttribute>> {
    const registries = this.registries();
    const all = await registries.accreditationsOf(did);
    if (all.length === 0) throw DomainProblem.notFound('Trusted issuer', did);
    const items = all.slice(params.offset, params.offset + params.limit).map((a) => ({
      id: a.attributeId,
      issuerType: a.revokedAt ? ('Revoked' as const) : (a.role as 'RootTAO' | 'TAO' | 'TI'),
      tao: onChainDid(registries.method, a.accreditor),
      schemas: a.schemas,
      validFrom: a.validFrom.toISOString(),
      revokedAt: a.revokedAt?.toISOString() ?? null,
      inForce: a.inForce,
    }));
    return { items, total: all.length, ...params };
  }

  async listSchemas(params: PageRequest): Promise<Page<TrustedSchema>> {
    const registries = this.registries();
    const { ids, total } = await registries.schemaPage(params.offset, params.limit);
    const items = await Promise.all(ids.map((id) => this.getSchema(id)));
    return { items, total, ...params };
  }

  async getSchema(id: string): Promise<TrustedSchema> {
    const registries = this.registries();
    const schema = await registries.readSchema(id);
    if (!schema) throw DomainProblem.notFound('Schema', id);
    return {
      id: schema.id,
      uri: schema.uri,
      registrant: onChainDid(registries.method, schema.registrant),
      registeredAt: schema.registeredAt.toISOString(),
      revokedAt: schema.revokedAt?.toISOString() ?? null,
    };
  }

  async prepare(input: PrepareTrustChange): Promise<PreparedTrustChange> {
    const registries = this.registries();
    const plan = planTrustChange(registries, input.change);
    const nonce = await this.nonceFor(registries, plan);
    const domain = domainOf(registries, plan.contract);
    return {
      digest: plan.digest(domain, nonce, BigInt(input.deadline)),
      nonce: nonce.toString(),
      deadline: input.deadline,
      contract: registries.addresses[plan.contract],
      domain: { ...domain, chainId: String(domain.chainId) },
    };
  }

  async encode(input: SubmitTrustChange): Promise<EncodedTrustChange> {
    const registries = this.registries();
    if (!this.networkId) throw notConfigured();
    const plan = planTrustChange(registries, input.change);
    const nonce = await this.nonceFor(registries, plan);
    const abi = {
      dids: DidRegistryArtifact.abi,
      issuers: TrustedIssuersRegistryArtifact.abi,
      schemas: TrustedSchemasRegistryArtifact.abi,
    }[plan.contract] as Record<string, unknown>[];
    return {
      networkId: this.networkId,
      to: registries.addresses[plan.contract],
      abi,
      data: plan.calldata(nonce, BigInt(input.deadline), input.signature),
    };
  }

  private nonceFor(
    registries: OnChainRegistries,
    plan: ReturnType<typeof planTrustChange>,
  ): Promise<bigint> {
    return registries.nonceOf(plan.contract, plan.nonceOf);
  }

  private async issuerOf(registries: OnChainRegistries, did: string): Promise<TrustedIssuer> {
    return {
      did,
      accredited: await registries.isAccredited(did, null),
      attributes: `/api/v1/issuers/${did}/attributes`,
    };
  }

  private registries(): OnChainRegistries {
    if (!this.configured) throw notConfigured();
    return this.configured;
  }
}

function notConfigured(): DomainProblem {
  return new DomainProblem({
    code: 'trust-registries-not-configured',
    status: 503,
    title: 'Trust registries not configured',
    detail:
      'This deployment has no on-chain DID and trusted issuers registries (STRATA_IDENTITY_TRUST_* variables).',
  });
}
