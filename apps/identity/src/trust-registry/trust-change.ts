/**
 * A signed trust change (the API's shape) mapped onto the trust contracts: which contract it
 * goes to, whose nonce it carries, the EIP-712 digest the acting DID's key signs and the calldata
 * that applies it (ADR 0010). DID strings are parsed here; a DID of another method where an
 * on-chain DID is needed is a 400 problem, never a revert.
 */
import { DomainProblem } from '@strata/bus';
import {
  accreditationDigest,
  accreditationRevocationDigest,
  DID_RELATIONSHIPS,
  didChangeDigest,
  type DidChange,
  encodeAccreditation,
  encodeAccreditationRevocation,
  encodeDidChange,
  encodeSchemaRegistration,
  parseOnChainDid,
  schemaRegistrationDigest,
  trustDomain,
} from '@strata/chain';
import type { TrustChange } from '@strata/contracts';
import type { TypedDataDomain } from 'ethers';
import type { OnChainRegistries, RegistryAddresses } from '../did-registry/on-chain-registries';

export interface PlannedChange {
  contract: keyof RegistryAddresses;
  /** The on-chain id whose nonce the change carries. */
  nonceOf: string;
  digest(domain: TypedDataDomain, nonce: bigint, deadline: bigint): string;
  calldata(nonce: bigint, deadline: bigint, signature: string): string;
}

const ZERO_ID = `0x${'0'.repeat(32)}`;
const fragmentBytes = (fragment: string): string =>
  `0x${Buffer.from(fragment, 'utf8').toString('hex').padEnd(64, '0')}`;

export function onChainIdOf(method: string, did: string, field: string): string {
  const parsed = parseOnChainDid(did, method);
  if ('error' in parsed) {
    throw new DomainProblem({
      code: parsed.error,
      status: 400,
      title: parsed.error === 'invalidDid' ? 'Invalid DID' : 'DID method not supported',
      detail: `${field}: ${parsed.reason}`,
    });
  }
  return parsed.id;
}

function didChangeOf(change: TrustChange, method: string): DidChange {
  const id = (did: string, field: string) => onChainIdOf(method, did, field);
  switch (change.kind) {
    case 'register-did':
      return {
        kind: 'register',
        fragment: fragmentBytes(change.fragment),
        publicKey: change.publicKey,
      };
    case 'add-verification-method':
      return {
        kind: 'add-verification-method',
        fragment: fragmentBytes(change.fragment),
        keyType: change.keyType,
        publicKey: change.publicKey,
        relationships: change.relationships.reduce((bits, r) => bits | DID_RELATIONSHIPS[r], 0),
      };
    case 'expire-verification-method':
      return { kind: 'expire-verification-method', fragment: fragmentBytes(change.fragment) };
    case 'add-controller':
    case 'remove-controller':
      return { kind: change.kind, controller: id(change.controller, 'controller') };
    default:
      return { kind: 'deactivate' };
  }
}

export function planTrustChange(registries: OnChainRegistries, change: TrustChange): PlannedChange {
  const method = registries.method;
  const id = (did: string, field: string) => onChainIdOf(method, did, field);
  switch (change.kind) {
    case 'accredit': {
      const subject = parseOnChainDid(change.subjectDid, method);
      const base = {
        subjectDid: change.subjectDid,
        subjectId: 'error' in subject ? ZERO_ID : subject.id,
        role: change.role,
        schemas: change.schemas,
        accreditor: id(change.accreditorDid, 'accreditorDid'),
      };
      return {
        contract: 'issuers',
        nonceOf: base.accreditor,
        digest: (domain, nonce, deadline) =>
          accreditationDigest(domain, { ...base, nonce, deadline }),
        calldata: (nonce, deadline, signature) =>
          encodeAccreditation({ ...base, nonce, deadline }, signature),
      };
    }
    case 'revoke-accreditation': {
      const base = {
        attributeId: BigInt(change.attributeId),
        revoker: id(change.revokerDid, 'revokerDid'),
      };
      return {
        contract: 'issuers',
        nonceOf: base.revoker,
        digest: (domain, nonce, deadline) =>
          accreditationRevocationDigest(domain, { ...base, nonce, deadline }),
        calldata: (nonce, deadline, signature) =>
          encodeAccreditationRevocation({ ...base, nonce, deadline }, signature),
      };
    }
    case 'register-schema': {
      const base = {
        schemaId: change.schemaId,
        uri: change.uri,
        registrant: id(change.registrantDid, 'registrantDid'),
      };
      return {
        contract: 'schemas',
        nonceOf: base.registrant,
        digest: (domain, nonce, deadline) =>
          schemaRegistrationDigest(domain, { ...base, nonce, deadline }),
        calldata: (nonce, deadline, signature) =>
          encodeSchemaRegistration({ ...base, nonce, deadline }, signature),
      };
    }
    default: {
      const did = id(change.did, 'did');
      const signerDid = 'signerDid' in change ? id(change.signerDid, 'signerDid') : did;
      const didChange = didChangeOf(change, method);
      const envelope = (nonce: bigint, deadline: bigint) => ({ did, signerDid, nonce, deadline });
      return {
        contract: 'dids',
        nonceOf: did,
        digest: (domain, nonce, deadline) =>
          didChangeDigest(domain, didChange, envelope(nonce, deadline)),
        calldata: (nonce, deadline, signature) =>
          encodeDidChange(didChange, envelope(nonce, deadline), signature),
      };
    }
  }
}

export function domainOf(
  registries: OnChainRegistries,
  contract: keyof RegistryAddresses,
): TypedDataDomain {
  return trustDomain(contract, registries.chainId, registries.addresses[contract]);
}
