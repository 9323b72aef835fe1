/**
 * Test fixture for the master-account contracts: a private anvil, a relayer (anvil dev account
 * 0) that deploys and submits, owner wallets, and helpers that sign an action with a chosen set
 * of owners and submit it the way the transaction manager will (raw calldata). Used by specs only.
 */
import { randomUUID } from 'node:crypto';
import {
  Contract,
  ContractFactory,
  FetchRequest,
  hexlify,
  Interface,
  JsonRpcProvider,
  Network,
  randomBytes,
  Wallet,
  type TransactionReceipt,
} from 'ethers';
import { startPrivateAnvil, sleep, type PrivateAnvil } from '@strata/testing';
import { OperationalAccountRegistryArtifact, OrganisationMasterAccountArtifact } from './generated';
import {
  encodeMasterAccountDeployment,
  encodeMasterAction,
  masterAccountDomain,
  masterAccountInterface,
  masterActionDigest,
  orderSignatures,
  type MasterAccountAction,
} from './master-account-actions';
import { organisationIdToBytes32 } from './organisation-id';

/** anvil's well-known dev account 0 (public test key, funded on every anvil). */
const RELAYER_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
export const FAR_DEADLINE = 2n ** 64n;

export interface MasterAccountFixture {
  anvil: PrivateAnvil;
  provider: JsonRpcProvider;
  relayer: Wallet;
  close(): Promise<void>;
}

export async function startMasterAccountFixture(): Promise<MasterAccountFixture> {
  const anvil = await startPrivateAnvil();
  // No response cache: consecutive sends must each see the account's new nonce.
  const provider = new JsonRpcProvider(new FetchRequest(anvil.rpcUrl), Network.from(31337n), {
    staticNetwork: true,
    cacheTimeout: -1,
  });
  const relayer = new Wallet(RELAYER_KEY, provider);
  return {
    anvil,
    provider,
    relayer,
    close: async () => {
      provider.destroy();
      await anvil.stop();
    },
  };
}

/** Polls for the receipt (ethers' `wait()` can stall on automine); throws when reverted. */
export async function mined(provider: JsonRpcProvider, hash: string): Promise<TransactionReceipt> {
  for (;;) {
    const receipt = await provider.getTransactionReceipt(hash);
    if (receipt) {
      if (receipt.status !== 1) {
        const sent = await provider.getTransaction(hash);
        throw new Error(
          `transaction ${hash} reverted (gas used ${receipt.gasUsed} of ${sent?.gasLimit ?? '?'})`,
        );
      }
      // Under load anvil can answer the receipt before `latest` (what eth_call reads) reaches its
      // block; the next change must read the state this transaction wrote (e.g. a signer nonce).
      while ((await provider.getBlockNumber()) < receipt.blockNumber) await sleep(10);
      return receipt;
    }
    await sleep(10);
  }
}

export function wallets(count: number): Wallet[] {
  return Array.from({ length: count }, () => new Wallet(hexlify(randomBytes(32))));
}

export interface DeployedMasterAccount {
  organisationId: string;
  address: string;
  contract: Contract;
  registry: Contract;
}

/** Deploys a master account (via raw deployment data) and a registry binding it. */
export async function deployMasterAccount(
  fixture: MasterAccountFixture,
  owners: readonly Wallet[],
  threshold: bigint,
): Promise<DeployedMasterAccount> {
  const master = await deployBareMasterAccount(fixture, owners, threshold);
  return { ...master, registry: await deployRegistry(fixture, master) };
}

/** Deploys a master account alone (no registry). */
export async function deployBareMasterAccount(
  fixture: MasterAccountFixture,
  owners: readonly Wallet[],
  threshold: bigint,
): Promise<Omit<DeployedMasterAccount, 'registry'>> {
  const organisationId = randomUUID();
  const sent = await fixture.relayer.sendTransaction({
    data: encodeMasterAccountDeployment(
      organisationIdToBytes32(organisationId),
      owners.map((o) => o.address),
      threshold,
    ),
  });
  const address = (await mined(fixture.provider, sent.hash)).contractAddress;
  if (!address) throw new Error('no contract address');
  const contract = new Contract(address, OrganisationMasterAccountArtifact.abi, fixture.relayer);
  return { organisationId, address, contract };
}

/** Deploys a registry (the relayer is its registrar) and binds `master`'s organisation to it. */
async function deployRegistry(
  fixture: MasterAccountFixture,
  master: { organisationId: string; address: string },
): Promise<Contract> {
  const factory = new ContractFactory(
    OperationalAccountRegistryArtifact.abi,
    OperationalAccountRegistryArtifact.bytecode,
    fixture.relayer,
  );
  const deployment = await factory.getDeployTransaction(fixture.relayer.address);
  const registryTx = await fixture.relayer.sendTransaction(deployment);
  const registryAddress = (await mined(fixture.provider, registryTx.hash)).contractAddress;
  if (!registryAddress) throw new Error('no registry address');
  const registry = new Contract(
    registryAddress,
    OperationalAccountRegistryArtifact.abi,
    fixture.relayer,
  );
  const register = registry.getFunction('register');
  const binding = (await register(
    organisationIdToBytes32(master.organisationId),
    master.address,
  )) as {
    hash: string;
  };
  await mined(fixture.provider, binding.hash);
  return registry;
}

/** Each signer signs the action's digest with its raw key (as a KeyVault would). */
export function sign(
  masterAccount: string,
  action: MasterAccountAction,
  signers: readonly Wallet[],
): string[] {
  const digest = masterActionDigest(masterAccountDomain(31337n, masterAccount), action);
  return signers.map((signer) => signer.signingKey.sign(digest).serialized);
}

/** Signs with `signers`, orders the signatures and submits; resolves with the receipt. */
export async function execute(
  fixture: MasterAccountFixture,
  masterAccount: string,
  action: MasterAccountAction,
  signers: readonly Wallet[],
): Promise<TransactionReceipt> {
  const digest = masterActionDigest(masterAccountDomain(31337n, masterAccount), action);
  const signatures = orderSignatures(digest, sign(masterAccount, action, signers));
  return submit(fixture, masterAccount, action, signatures);
}

/** Submits already-made signatures as they are (no ordering): for forged / replayed input. */
export async function submit(
  fixture: MasterAccountFixture,
  masterAccount: string,
  action: MasterAccountAction,
  signatures: readonly string[],
): Promise<TransactionReceipt> {
  const sent = await fixture.relayer.sendTransaction({
    to: masterAccount,
    data: encodeMasterAction(action, signatures),
  });
  return mined(fixture.provider, sent.hash);
}

/** Name of the custom error a call reverted with (ethers decodes it when the ABI knows it). */
export async function revertName(attempt: Promise<unknown>): Promise<string> {
  try {
    await attempt;
  } catch (error) {
    const revert = (error as { revert?: { name?: string } }).revert;
    if (revert?.name) return revert.name;
    const data = (error as { data?: string }).data;
    const parsed = data
      ? (masterAccountInterface.parseError(data) ?? registryInterface.parseError(data))
      : null;
    if (parsed) return parsed.name;
    throw error;
  }
  throw new Error('expected a revert, but the call succeeded');
}

const registryInterface = new Interface(OperationalAccountRegistryArtifact.abi);
