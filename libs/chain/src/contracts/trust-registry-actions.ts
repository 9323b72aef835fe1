/**
 * Typed binding of the trust contracts (solidity/trust): the EBSI-style DID string of a
 * DidRegistry id, the EIP-712 changes a controller's key signs (DID document changes,
 * accreditations, schema registrations), their digests (what a KeyVault signs) and the calldata
 * the transaction manager sends. Pure functions: no provider, no key.
 */
import {
  AbiCoder,
  decodeBase58,
  encodeBase58,
  getAddress,
  hexlify,
  Interface,
  keccak256,
  solidityPackedKeccak256,
  toBeHex,
  toUtf8Bytes,
  TypedDataEncoder,
  type TypedDataDomain,
} from 'ethers';
import {
  DidRegistryArtifact,
  TrustedIssuersRegistryArtifact,
  TrustedSchemasRegistryArtifact,
} from './generated';

export const didRegistryInterface = new Interface(DidRegistryArtifact.abi);
export const trustedIssuersRegistryInterface = new Interface(TrustedIssuersRegistryArtifact.abi);
export const trustedSchemasRegistryInterface = new Interface(TrustedSchemasRegistryArtifact.abi);

/** Relationship bits of a verification method (as in DidRegistry). */
export const DID_RELATIONSHIPS = {
  authentication: 1,
  assertionMethod: 2,
  capabilityInvocation: 4,
  capabilityDelegation: 8,
} as const;
export type DidRelationship = keyof typeof DID_RELATIONSHIPS;

export const DID_KEY_TYPES = ['secp256k1', 'p256', 'ed25519'] as const;
export type DidKeyType = (typeof DID_KEY_TYPES)[number];

export const TRUST_ROLES = ['none', 'RootTAO', 'TAO', 'TI'] as const;
export type TrustRole = (typeof TRUST_ROLES)[number];

const ON_CHAIN_DID_VERSION = 0x01;
const abi = AbiCoder.defaultAbiCoder();

// ----- DID strings -----

/** `did:<method>:z` + base58btc(0x01 ‖ id) for a 16-byte id (0x-hex). */
export function onChainDid(method: string, id: string): string {
  const bytes = hexlify(id);
  if (bytes.length !== 34) throw new Error('an on-chain DID id is 16 bytes');
  return `did:${method}:z${encodeBase58(`0x0${ON_CHAIN_DID_VERSION}${bytes.slice(2)}`)}`;
}

export type ParsedOnChainDid =
  { method: string; id: string } | { error: 'invalidDid' | 'methodNotSupported'; reason: string };

/** Parses `did:<method>:z...` of this deployment's method; never throws. */
export function parseOnChainDid(did: string, method: string): ParsedOnChainDid {
  const match = /^did:([a-z0-9]+):(.+)$/.exec(did);
  if (!match) return { error: 'invalidDid', reason: 'a DID is did:<method>:<method-specific-id>' };
  if (match[1] !== method) {
    return { error: 'methodNotSupported', reason: `the method "${match[1]}" is not did:${method}` };
  }
  const msid = match[2];
  if (!/^z[1-9A-HJ-NP-Za-km-z]{1,40}$/.test(msid)) {
    return {
      error: 'invalidDid',
      reason: 'the method-specific id is not multibase base58btc (z...)',
    };
  }
  const value = decodeBase58(msid.slice(1));
  const hex = toBeHex(value);
  if (hex.length !== 36 || !hex.startsWith('0x01') || encodeBase58(hex) !== msid.slice(1)) {
    return { error: 'invalidDid', reason: 'the method-specific id is not version 1 + 16 bytes' };
  }
  return { method, id: `0x${hex.slice(4)}` };
}

/** keccak256 of a DID string: how the trusted issuers registry keys issuers. */
export const didSubject = (did: string): string => keccak256(toUtf8Bytes(did));

// ----- EIP-712 -----

export function trustDomain(
  contract: 'dids' | 'issuers' | 'schemas',
  chainId: bigint,
  address: string,
): TypedDataDomain {
  const names = {
    dids: 'Strata DID Registry',
    issuers: 'Strata Trusted Issuers Registry',
    schemas: 'Strata Trusted Schemas Registry',
  };
  return { name: names[contract], version: '1', chainId, verifyingContract: getAddress(address) };
}

/** A change of a DID document, as the controller's key signs it. */
export type DidChange =
  | { kind: 'register'; fragment: string; publicKey: string }
  | {
      kind: 'add-verification-method';
      fragment: string;
      keyType: DidKeyType;
      publicKey: string;
      relationships: number;
    }
  | { kind: 'expire-verification-method'; fragment: string }
  | { kind: 'add-controller'; controller: string }
  | { kind: 'remove-controller'; controller: string }
  | { kind: 'deactivate' };

const DID_ACTIONS: DidChange['kind'][] = [
  'register',
  'add-verification-method',
  'expire-verification-method',
  'add-controller',
  'remove-controller',
  'deactivate',
];

function didChangePayload(change: DidChange): string {
  switch (change.kind) {
    case 'register':
      return keccak256(
        abi.encode(['bytes32', 'bytes32'], [change.fragment, keccak256(change.publicKey)]),
      );
    case 'add-verification-method':
      return keccak256(
        abi.encode(
          ['bytes32', 'uint8', 'bytes32', 'uint8'],
          [
            change.fragment,
            DID_KEY_TYPES.indexOf(change.keyType),
            keccak256(change.publicKey),
            change.relationships,
          ],
        ),
      );
    case 'expire-verification-method':
      return keccak256(abi.encode(['bytes32'], [change.fragment]));
    case 'add-controller':
    case 'remove-controller':
      return keccak256(abi.encode(['bytes16'], [change.controller]));
    case 'deactivate':
      return `0x${'0'.repeat(64)}`;
  }
}

export interface DidChangeEnvelope {
  did: string;
  signerDid: string;
  nonce: bigint;
  deadline: bigint;
}

const DID_CHANGE_TYPES = {
  DidChange: [
    { name: 'did', type: 'bytes16' },
    { name: 'signerDid', type: 'bytes16' },
    { name: 'action', type: 'uint8' },
    { name: 'payload', type: 'bytes32' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
};

/** The EIP-712 digest of a DID change (ids are 16-byte hex, not DID strings). */
export function didChangeDigest(
  domain: TypedDataDomain,
  change: DidChange,
  envelope: DidChangeEnvelope,
): string {
  return TypedDataEncoder.hash(domain, DID_CHANGE_TYPES, {
    ...envelope,
    action: DID_ACTIONS.indexOf(change.kind),
    payload: didChangePayload(change),
  });
}

/** Calldata of the DidRegistry function that applies `change`. */
export function encodeDidChange(
  change: DidChange,
  envelope: DidChangeEnvelope,
  signature: string,
): string {
  const { did, signerDid, deadline } = envelope;
  const call = (method: string, args: unknown[]) =>
    didRegistryInterface.encodeFunctionData(method, args);
  switch (change.kind) {
    case 'register':
      return call('register', [did, change.fragment, change.publicKey, deadline, signature]);
    case 'add-verification-method':
      return call('addVerificationMethod', [
        did,
        signerDid,
        change.fragment,
        DID_KEY_TYPES.indexOf(change.keyType),
        change.publicKey,
        change.relationships,
        deadline,
        signature,
      ]);
    case 'expire-verification-method':
      return call('expireVerificationMethod', [
        did,
        signerDid,
        change.fragment,
        deadline,
        signature,
      ]);
    case 'add-controller':
      return call('addController', [did, signerDid, change.controller, deadline, signature]);
    case 'remove-controller':
      return call('removeController', [did, signerDid, change.controller, deadline, signature]);
    case 'deactivate':
      return call('deactivate', [did, signerDid, deadline, signature]);
  }
}

export interface Accreditation {
  subjectDid: string;
  /** The subject's on-chain id (16-byte hex) for a TAO; zero bytes for a TI of another method. */
  subjectId: string;
  role: 'TAO' | 'TI';
  schemas: string[];
  accreditor: string;
  nonce: bigint;
  deadline: bigint;
}

export function accreditationDigest(domain: TypedDataDomain, a: Accreditation): string {
  return TypedDataEncoder.hash(
    domain,
    {
      Accredit: [
        { name: 'subject', type: 'bytes32' },
        { name: 'role', type: 'uint8' },
        { name: 'schemas', type: 'bytes32' },
        { name: 'accreditor', type: 'bytes16' },
        { name: 'nonce', type: 'uint256' },
        { name: 'deadline', type: 'uint256' },
      ],
    },
    {
      subject: didSubject(a.subjectDid),
      role: TRUST_ROLES.indexOf(a.role),
      schemas: solidityPackedKeccak256(
        a.schemas.map(() => 'bytes32'),
        a.schemas,
      ),
      accreditor: a.accreditor,
      nonce: a.nonce,
      deadline: a.deadline,
    },
  );
}

export function encodeAccreditation(a: Accreditation, signature: string): string {
  return trustedIssuersRegistryInterface.encodeFunctionData('accredit', [
    a.subjectDid,
    a.subjectId,
    TRUST_ROLES.indexOf(a.role),
    a.schemas,
    a.accreditor,
    a.deadline,
    signature,
  ]);
}

export interface AccreditationRevocation {
  attributeId: bigint;
  revoker: string;
  nonce: bigint;
  deadline: bigint;
}

export function accreditationRevocationDigest(
  domain: TypedDataDomain,
  r: AccreditationRevocation,
): string {
  return TypedDataEncoder.hash(
    domain,
    {
      RevokeAccreditation: [
        { name: 'attributeId', type: 'uint256' },
        { name: 'revoker', type: 'bytes16' },
        { name: 'nonce', type: 'uint256' },
        { name: 'deadline', type: 'uint256' },
      ],
    },
    r,
  );
}

export const encodeAccreditationRevocation = (
  r: AccreditationRevocation,
  signature: string,
): string =>
  trustedIssuersRegistryInterface.encodeFunctionData('revoke', [
    r.attributeId,
    r.revoker,
    r.deadline,
    signature,
  ]);

export interface SchemaRegistration {
  schemaId: string;
  uri: string;
  registrant: string;
  nonce: bigint;
  deadline: bigint;
}

export function schemaRegistrationDigest(domain: TypedDataDomain, s: SchemaRegistration): string {
  return TypedDataEncoder.hash(
    domain,
    {
      RegisterSchema: [
        { name: 'schema', type: 'bytes32' },
        { name: 'uri', type: 'bytes32' },
        { name: 'registrant', type: 'bytes16' },
        { name: 'nonce', type: 'uint256' },
        { name: 'deadline', type: 'uint256' },
      ],
    },
    {
      schema: s.schemaId,
      uri: keccak256(toUtf8Bytes(s.uri)),
      registrant: s.registrant,
      nonce: s.nonce,
      deadline: s.deadline,
    },
  );
}

export const encodeSchemaRegistration = (s: SchemaRegistration, signature: string): string =>
  trustedSchemasRegistryInterface.encodeFunctionData('register', [
    s.schemaId,
    s.uri,
    s.registrant,
    s.deadline,
    signature,
  ]);
