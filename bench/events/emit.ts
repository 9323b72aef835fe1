/**
 * The events both sides sync: the EventSyncFixture contract deployed on the benchmark's anvil
 * with its first dev account, and `emitMany` called until N events exist (each call one block).
 */
import { Contract, ContractFactory, JsonRpcProvider, Wallet } from 'ethers';
import { EventSyncFixtureArtifact } from '@strata/chain';
import { jsonRpc } from '@strata/testing';

/** anvil's first dev account (public, funded on every anvil). */
const ANVIL_DEV_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

export interface EmittedEvents {
  address: string;
  abi: Record<string, unknown>[];
  fromBlock: number;
  toBlock: number;
}

async function receiptOf(rpcUrl: string, hash: string): Promise<{ status: string }> {
  for (;;) {
    const receipt = await jsonRpc<{ status: string } | null>(rpcUrl, 'eth_getTransactionReceipt', [
      hash,
    ]);
    if (receipt) return receipt;
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function emitFixtureEvents(
  rpcUrl: string,
  total: number,
  perTransaction: number,
): Promise<EmittedEvents> {
  const wallet = new Wallet(
    ANVIL_DEV_KEY,
    new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1 }),
  );
  const factory = new ContractFactory(
    EventSyncFixtureArtifact.abi,
    EventSyncFixtureArtifact.bytecode,
    wallet,
  );
  const deployed = await factory.deploy();
  await receiptOf(rpcUrl, deployed.deploymentTransaction()?.hash ?? '');
  const address = await deployed.getAddress();
  const fixture = new Contract(address, EventSyncFixtureArtifact.abi, wallet);
  const fromBlock = Number(BigInt(await jsonRpc<string>(rpcUrl, 'eth_blockNumber')));
  for (let done = 0; done < total; done += perTransaction) {
    const count = Math.min(perTransaction, total - done);
    // Each event costs ~2-3k gas; give the call a generous, fixed limit instead of estimating.
    const tx = await fixture.getFunction('emitMany').send(count, { gasLimit: 25_000_000 });
    const receipt = await receiptOf(rpcUrl, tx.hash);
    if (receipt.status !== '0x1') throw new Error(`emitMany(${count}) reverted`);
  }
  const toBlock = Number(BigInt(await jsonRpc<string>(rpcUrl, 'eth_blockNumber')));
  return {
    address,
    abi: EventSyncFixtureArtifact.abi as Record<string, unknown>[],
    fromBlock,
    toBlock,
  };
}
