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
  TrustedSchemasRegistryArtifact,
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
  /** Nonce the next signed change of this DID must carry. */
  nonce: bigint;
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

export interface TrustedSchemaRecord {
  id: string;
  uri: string;
  registrant: string;
  registeredAt: Date;
  revokedAt: Date | null;
}

export interface RegistryAddresses {
  dids: string;
  issuers: string;
  schemas: string;
}

export abstract class OnChainRegistries {
  /** The deployment's DID method name (`strata` gives `did:strata:z...`). */
  abstract readonly method: string;
  abstract readonly chainId: bigint;
  abstract readonly addresses: RegistryAddresses;
  abstract didPage(offset: number, limit: number): Promise<{ ids: string[]; total: number }>;
  abstract issuerPage(offset: number, limit: number): Promise<{ dids: string[]; total: number }>;
  abstract schemaPage(offset: number, limit: number): Promise<{ ids: string[]; total: number }>;
  abstract readSchema(id: string): Promise<TrustedSchemaRecord | null>;
  /** The next nonce of a signed change on `contract` by (or, for DIDs, of) on-chain DID `id`. */
  abstract nonceOf(contract: keyof RegistryAddresses, id: string): Promise<bigint>;
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
  didRegistry: string;
  trustedIssuersRegistry: string;
  trustedSchemasRegistry: string;
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
  nonce: bigint;
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
  private constructor(
    readonly method: string,
    readonly chainId: bigint,
    readonly addresses: RegistryAddresses,
    private readonly provider: JsonRpcProvider,
    private readonly dids: Contract,
    private readonly issuers: Contract,
    private readonly schemas: Contract,
  ) {
    super();
  }

  /** Connects and reads the chain id and the DID method the DidRegistry was deployed with. */
  static async connect(config: OnChainRegistriesConfig): Promise<EthersOnChainRegistries> {
    const request = new FetchRequest(config.rpcUrl);
    request.timeout = 10_000;
    const provider = new JsonRpcProvider(request, undefined, {
      batchMaxCount: 1,
      staticNetwork: true,
    });
    const dids = new Contract(config.didRegistry, DidRegistryArtifact.abi, provider);
    const issuers = new Contract(
      config.trustedIssuersRegistry,
      TrustedIssuersRegistryArtifact.abi,
      provider,
    );
    const schemas = new Contract(
      config.trustedSchemasRegistry,
      TrustedSchemasRegistryArtifact.abi,
      provider,
    );
    try {
      const chainId = BigInt((await provider.send('eth_chainId', [])) as string);
      const method = (await dids.getFunction('methodName')()) as string;
      const addresses = {
        dids: config.didRegistry,
        issuers: config.trustedIssuersRegistry,
        schemas: config.trustedSchemasRegistry,
      };
      return new EthersOnChainRegistries(
        method,
        chainId,
        addresses,
        provider,
        dids,
        issuers,
        schemas,
      );
    } catch (error) {
      provider.destroy();
      throw error;
    }
  }

  async didPage(offset: number, limit: number): Promise<{ ids: string[]; total: number }> {
    const total = Number((await this.dids.getFunction('didCount')()) as bigint);
    const ids = (await this.dids.getFunction('didPage')(offset, limit)) as string[];
    return { ids: [...ids], total };
  }

  async issuerPage(offset: number, limit: number): Promise<{ dids: string[]; total: number }> {
    const total = Number((await this.issuers.getFunction('issuerCount')()) as bigint);
    const dids = (await this.issuers.getFunction('issuerPage')(offset, limit)) as string[];
    return { dids: [...dids], total };
  }

  async schemaPage(offset: number, limit: number): Promise<{ ids: string[]; total: number }> {
    const total = Number((await this.schemas.getFunction('schemaCount')()) as bigint);
    const ids = (await this.schemas.getFunction('schemaPage')(offset, limit)) as string[];
    return { ids: [...ids], total };
  }

  async readSchema(id: string): Promise<TrustedSchemaRecord | null> {
    let raw: { uri: string; registrant: string; registeredAt: bigint; revokedAt: bigint };
    try {
      raw = (await this.schemas.getFunction('schema')(id)) as typeof raw;
    } catch (error) {
      if (this.schemas.interface.parseError((error as { data?: string }).data ?? '0x')) return null;
      throw error;
    }
    return {
      id,
      uri: raw.uri,
      registrant: raw.registrant,
      registeredAt: seconds(raw.registeredAt),
      revokedAt: raw.revokedAt === 0n ? null : seconds(raw.revokedAt),
    };
  }

  async nonceOf(contract: keyof RegistryAddresses, id: string): Promise<bigint> {
    if (contract !== 'dids') {
      const target = contract === 'issuers' ? this.issuers : this.schemas;
      return (await target.getFunction('nonces')(id)) as bigint;
    }
    return (await this.readDid(id))?.nonce ?? 0n;
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
      nonce: raw.nonce,
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
