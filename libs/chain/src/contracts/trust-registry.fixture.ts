/**
 * Test fixture for the trust contracts: deploys DidRegistry, TrustedIssuersRegistry and
 * TrustedSchemasRegistry on a private anvil (relayer = anvil dev account 0) and offers helpers
 * that register on-chain DIDs and sign + submit changes with a DID's secp256k1 key, the way the
 * transaction manager will (raw calldata from any account). Used by specs only.
 */
import {
  Contract,
  hexlify,
  Interface,
  randomBytes,
  SigningKey,
  type TransactionReceipt,
} from 'ethers';
import type { ContractArtifact } from './contract-artifact';
import {
  mined,
  startMasterAccountFixture,
  type MasterAccountFixture,
} from './master-account.fixture';
import {
  DidRegistryArtifact,
  TrustedIssuersRegistryArtifact,
  TrustedSchemasRegistryArtifact,
} from './generated';
import {
  type Accreditation,
  accreditationDigest,
  type AccreditationRevocation,
  accreditationRevocationDigest,
  type DidChange,
  didChangeDigest,
  encodeAccreditation,
  encodeAccreditationRevocation,
  encodeDidChange,
  encodeSchemaRegistration,
  onChainDid,
  type SchemaRegistration,
  schemaRegistrationDigest,
  trustDomain,
  didRegistryInterface,
  trustedIssuersRegistryInterface,
  trustedSchemasRegistryInterface,
} from './trust-registry-actions';

export const FAR = 2n ** 60n;
export const METHOD = 'strata';

export interface TrustFixture extends MasterAccountFixture {
  dids: Contract;
  issuers: Contract;
  schemas: Contract;
  root: OnChainDid;
}

/** A DID held by the test: its id, DID string and the secp256k1 key(s) it controls. */
export interface OnChainDid {
  id: string;
  did: string;
  key: SigningKey;
}

export const publicKeyOf = (key: SigningKey): string => `0x${key.publicKey.slice(4)}`;
export const newKey = (): SigningKey => new SigningKey(hexlify(randomBytes(32)));
export const fragment = (name: string): string =>
  `0x${Buffer.from(name, 'utf8').toString('hex').padEnd(64, '0')}`;

async function deploy(
  fixture: MasterAccountFixture,
  artifact: ContractArtifact,
  args: unknown[],
): Promise<Contract> {
  const abi = new Interface(artifact.abi);
  const data = artifact.bytecode + abi.encodeDeploy(args).slice(2);
  const sent = await fixture.relayer.sendTransaction({ data });
  const address = (await mined(fixture.provider, sent.hash)).contractAddress;
  if (!address) throw new Error('no contract address');
  return new Contract(address, abi, fixture.provider);
}

async function send(fixture: MasterAccountFixture, to: string, data: string) {
  // A margin over the estimate, as the transaction manager uses: with the exact estimate a change
  // ran out of gas in its block now and then on a loaded machine (gas used = limit).
  const estimate = await fixture.relayer.estimateGas({ to, data });
  const sent = await fixture.relayer.sendTransaction({ to, data, gasLimit: (estimate * 5n) / 4n });
  return mined(fixture.provider, sent.hash);
}

/** Signs `change` with `key` (as `signerDid`) at the DID's current nonce and submits it. */
export async function changeDid(
  fixture: TrustFixture,
  did: string,
  change: DidChange,
  key: SigningKey,
  signerDid = did,
): Promise<TransactionReceipt> {
  const nonce =
    change.kind === 'register'
      ? 0n
      : ((await fixture.dids.getFunction('resolve')(did)) as { nonce: bigint }).nonce;
  const envelope = { did, signerDid, nonce, deadline: FAR };
  const domain = trustDomain('dids', 31337n, await fixture.dids.getAddress());
  const signature = key.sign(didChangeDigest(domain, change, envelope)).serialized;
  return send(
    fixture,
    await fixture.dids.getAddress(),
    encodeDidChange(change, envelope, signature),
  );
}

/** Registers a fresh on-chain DID with a new key as `keys-1`. */
export async function registerDid(fixture: MasterAccountFixture & { dids: Contract }) {
  const id = hexlify(randomBytes(16));
  const key = newKey();
  const change: DidChange = {
    kind: 'register',
    fragment: fragment('keys-1'),
    publicKey: publicKeyOf(key),
  };
  const envelope = { did: id, signerDid: id, nonce: 0n, deadline: FAR };
  const domain = trustDomain('dids', 31337n, await fixture.dids.getAddress());
  const signature = key.sign(didChangeDigest(domain, change, envelope)).serialized;
  await send(
    fixture,
    await fixture.dids.getAddress(),
    encodeDidChange(change, envelope, signature),
  );
  return { id, did: onChainDid(METHOD, id), key };
}

export async function accredit(
  fixture: TrustFixture,
  input: Omit<Accreditation, 'nonce' | 'deadline'>,
  key: SigningKey,
): Promise<bigint> {
  const nonce = (await fixture.issuers.getFunction('nonces')(input.accreditor)) as bigint;
  const a = { ...input, nonce, deadline: FAR };
  const domain = trustDomain('issuers', 31337n, await fixture.issuers.getAddress());
  const receipt = await send(
    fixture,
    await fixture.issuers.getAddress(),
    encodeAccreditation(a, key.sign(accreditationDigest(domain, a)).serialized),
  );
  const log = receipt.logs
    .map((l) => fixture.issuers.interface.parseLog(l))
    .find((l) => l?.name === 'Accredited');
  return log?.args.attributeId as bigint;
}

export async function revokeAccreditation(
  fixture: TrustFixture,
  input: Omit<AccreditationRevocation, 'nonce' | 'deadline'>,
  key: SigningKey,
): Promise<TransactionReceipt> {
  const nonce = (await fixture.issuers.getFunction('nonces')(input.revoker)) as bigint;
  const r = { ...input, nonce, deadline: FAR };
  const domain = trustDomain('issuers', 31337n, await fixture.issuers.getAddress());
  return send(
    fixture,
    await fixture.issuers.getAddress(),
    encodeAccreditationRevocation(r, key.sign(accreditationRevocationDigest(domain, r)).serialized),
  );
}

export async function registerSchema(
  fixture: TrustFixture,
  input: Omit<SchemaRegistration, 'nonce' | 'deadline'>,
  key: SigningKey,
): Promise<TransactionReceipt> {
  const nonce = (await fixture.schemas.getFunction('nonces')(input.registrant)) as bigint;
  const s = { ...input, nonce, deadline: FAR };
  const domain = trustDomain('schemas', 31337n, await fixture.schemas.getAddress());
  return send(
    fixture,
    await fixture.schemas.getAddress(),
    encodeSchemaRegistration(s, key.sign(schemaRegistrationDigest(domain, s)).serialized),
  );
}

/** A private anvil with the three registries deployed and a registered root trust anchor DID. */
export async function startTrustFixture(): Promise<TrustFixture> {
  const base = await startMasterAccountFixture();
  const dids = await deploy(base, DidRegistryArtifact, [METHOD]);
  const root = await registerDid({ ...base, dids });
  const issuers = await deploy(base, TrustedIssuersRegistryArtifact, [
    await dids.getAddress(),
    root.id,
  ]);
  const schemas = await deploy(base, TrustedSchemasRegistryArtifact, [await issuers.getAddress()]);
  return { ...base, dids, issuers, schemas, root };
}

const trustInterfaces = [
  didRegistryInterface,
  trustedIssuersRegistryInterface,
  trustedSchemasRegistryInterface,
];

/** Name of the custom error a trust contract reverted with. */
export async function trustRevertName(attempt: Promise<unknown>): Promise<string> {
  try {
    await attempt;
  } catch (error) {
    const data = (error as { data?: string }).data;
    for (const contract of data ? trustInterfaces : []) {
      const parsed = contract.parseError(data ?? '');
      if (parsed) return parsed.name;
    }
    throw error;
  }
  throw new Error('expected a revert, but the call succeeded');
}
