/**
 * The network's trust contracts (DidRegistry, TrustedIssuersRegistry, TrustedSchemasRegistry) as a
 * read port for identity: DID records with their keys' validity intervals, accreditations and
 * schemas. The ethers adapter reads them with `eth_call` from the network's node; it has no retry
 * inside and every call may simply be repeated. Writes never go through here: they are signed
 * EIP-712 changes submitted through the ledger (ADR 0010).
 */
import { Contract, FetchRequest, JsonRpcProvider } from 'ethers';
import {
  DID_KEY_TYPES,
  didSubject,
  type DidKeyType,
  DidRegistryArtifact,
  TRUST_ROLES,
  type TrustRole,
  TrustedIssuersRegistryArtifact,
} from '@strata/chain';

export interface OnChainVerificationMethod {
  /** The fragment (`keys-1`), decoded from bytes32. */
  fragment: string;
  keyType: DidKeyType;
  /** 0x-hex: x ‖ y for secp256k1 and P-256, 32 bytes for Ed25519. */
  publicKey: string;
  relationships: number;
  validFrom: Date;
  validUntil: Date | null;
}

export interface OnChainDidRecord {
  /** 16-byte id, 0x-hex. */
  id: string;
  deactivated: boolean;
  created: Date;
  updated: Date;
  /** Controller ids (16-byte, 0x-hex). */
  controllers: string[];
  methods: OnChainVerificationMethod[];
}

export interface IssuerAccreditation {
  attributeId: string;
  role: TrustRole;
  /** Accreditor's on-chain id (16-byte hex). */
  accreditor: string;
  schemas: string[];
  validFrom: Date;
  revokedAt: Date | null;
  /** Whether it and every accreditation above it are unrevoked. */
  inForce: boolean;
}

export abstract class OnChainRegistries {
  /** The deployment's DID method name (`strata` gives `did:strata:z...`). */
  abstract readonly method: string;
  /** The DID record, or null when the id was never registered. */
  abstract readDid(id: string): Promise<OnChainDidRecord | null>;
  /** Whether `did` holds an accreditation in force for `schemaId` (any schema when null). */
  abstract isAccredited(did: string, schemaId: string | null): Promise<boolean>;
  abstract accreditationsOf(did: string): Promise<IssuerAccreditation[]>;
  abstract close(): Promise<void>;
}

const ZERO32 = `0x${'0'.repeat(64)}`;
const seconds = (value: bigint): Date => new Date(Number(value) * 1000);
const fragmentOf = (bytes32: string): string =>
  Buffer.from(bytes32.slice(2), 'hex').toString('utf8').replace(/\0+$/, '');

export interface OnChainRegistriesConfig {
  rpcUrl: string;
  method: string;
  didRegistry: string;
  trustedIssuersRegistry: string;
}

interface RawMethod {
  fragment: string;
  keyType: bigint;
  publicKey: string;
  relationships: bigint;
  validFrom: bigint;
  validUntil: bigint;
}

interface RawDid {
  deactivated: boolean;
  created: bigint;
  updated: bigint;
  controllers: string[];
  methods: RawMethod[];
}

interface RawAccreditation {
  role: bigint;
  accreditor: string;
  schemas: string[];
  validFrom: bigint;
  revokedAt: bigint;
}

export class EthersOnChainRegistries extends OnChainRegistries {
  readonly method: string;
  private readonly provider: JsonRpcProvider;
  private readonly dids: Contract;
  private readonly issuers: Contract;

  constructor(config: OnChainRegistriesConfig) {
    super();
    this.method = config.method;
    const request = new FetchRequest(config.rpcUrl);
    request.timeout = 10_000;
    this.provider = new JsonRpcProvider(request, undefined, { batchMaxCount: 1 });
    this.dids = new Contract(config.didRegistry, DidRegistryArtifact.abi, this.provider);
    this.issuers = new Contract(
      config.trustedIssuersRegistry,
      TrustedIssuersRegistryArtifact.abi,
      this.provider,
    );
  }

  async readDid(id: string): Promise<OnChainDidRecord | null> {
    let raw: RawDid;
    try {
      raw = (await this.dids.getFunction('resolve')(id)) as RawDid;
    } catch (error) {
      if (this.dids.interface.parseError((error as { data?: string }).data ?? '0x')) return null;
      throw error;
    }
    return {
      id,
      deactivated: raw.deactivated,
      created: seconds(raw.created),
      updated: seconds(raw.updated),
      controllers: [...raw.controllers],
      methods: raw.methods.map((m) => ({
        fragment: fragmentOf(m.fragment),
        keyType: DID_KEY_TYPES[Number(m.keyType)],
        publicKey: m.publicKey,
        relationships: Number(m.relationships),
        validFrom: seconds(m.validFrom),
        validUntil: m.validUntil === 0n ? null : seconds(m.validUntil),
      })),
    };
  }

  async isAccredited(did: string, schemaId: string | null): Promise<boolean> {
    const [accredited] = (await this.issuers.getFunction('isAccredited')(
      didSubject(did),
      schemaId ?? ZERO32,
    )) as [boolean, bigint];
    return accredited;
  }

  async accreditationsOf(did: string): Promise<IssuerAccreditation[]> {
    const ids = (await this.issuers.getFunction('attributesOf')(didSubject(did))) as bigint[];
    return Promise.all(
      ids.map(async (attributeId) => {
        const raw = (await this.issuers.getFunction('attribute')(attributeId)) as RawAccreditation;
        return {
          attributeId: attributeId.toString(),
          role: TRUST_ROLES[Number(raw.role)],
          accreditor: raw.accreditor,
          schemas: [...raw.schemas],
          validFrom: seconds(raw.validFrom),
          revokedAt: raw.revokedAt === 0n ? null : seconds(raw.revokedAt),
          inForce: (await this.issuers.getFunction('inForce')(attributeId, ZERO32)) as boolean,
        };
      }),
    );
  }

  async close(): Promise<void> {
    this.provider.destroy();
  }
}
