/**
 * The chain explorer through the gateway and the SDK, on a private anvil: blocks newest first
 * with offset pages, a block by number and by hash, a transaction with its receipt and the events
 * decoded with the network listener's ABI, the events of a block range page by page, a search by
 * block number, block hash, transaction hash and address, bad hashes and queries refused with
 * problem+json (property-tested), and outsiders answered 404.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Contract } from 'ethers';
import { Configuration, ExplorerApi } from '@strata/sdk';
import { jsonRpc, type PrivateAnvil, startPrivateAnvil } from '@strata/testing';
import { apiAs, type Api, problemOf, raw } from './support/api';
import { eventually } from './support/eventually';
import { deployFixture, eventListenersApi, FIXTURE_ABI, settled } from './support/event-sync';
import { anvilNetwork, type Member, memberWithRole } from './support/ledger';

const explorerOf = (api: Api): ExplorerApi =>
  new ExplorerApi(new Configuration({ basePath: api.baseUrl, accessToken: async () => api.token }));

async function receiptOf(rpcUrl: string, hash: string): Promise<{ blockNumber: string }> {
  return eventually(
    () => jsonRpc<{ blockNumber: string } | null>(rpcUrl, 'eth_getTransactionReceipt', [hash]),
    `receipt of ${hash}`,
  ).then((r) => r as { blockNumber: string });
}

describe('chain explorer, end to end', () => {
  let anvil: PrivateAnvil;
  let admin: Api;
  let member: Member;
  let explorer: ExplorerApi;
  let networkId: string;
  let fixture: Contract;
  const txHashes: string[] = [];
  let firstBlock = 0;
  let lastBlock = 0;

  beforeAll(async () => {
    anvil = await startPrivateAnvil();
    admin = await apiAs('admin');
    member = await memberWithRole(admin, 'operator');
    explorer = explorerOf(member.api);
    networkId = await anvilNetwork(admin, [member.organisationId], anvil.rpcUrl);
    fixture = await deployFixture(anvil.rpcUrl);
    const listeners = eventListenersApi(member.api);
    await eventually(
      () => listeners.listEventListeners({ id: networkId }),
      'the ledger to know the network',
    );
    // A listener gives the explorer the ABI to decode the fixture's events with.
    await settled(
      member.api,
      listeners.createEventListenerRaw({
        id: networkId,
        idempotencyKey: randomUUID(),
        createEventListener: {
          name: 'explorer abi',
          address: await fixture.getAddress(),
          abi: FIXTURE_ABI,
          fromBlock: 'latest',
          confirmations: 1,
        },
      }),
    );
    for (let i = 0; i < 3; i++) {
      const tx = await fixture.getFunction('emitMany').send(10);
      const receipt = await receiptOf(anvil.rpcUrl, tx.hash);
      txHashes.push(tx.hash);
      lastBlock = Number(BigInt(receipt.blockNumber));
      if (i === 0) firstBlock = lastBlock;
    }
  });

  afterAll(async () => {
    await anvil?.stop();
  });

  it('lists blocks newest first in offset pages whose parent hashes chain up', async () => {
    const first = await explorer.listBlocks({ id: networkId, limit: 2, offset: 0 });
    expect(Number(first.total)).toBeGreaterThanOrEqual(lastBlock + 1);
    const head = Number(first.total) - 1;
    expect(first.items.map((b) => Number(b.number))).toEqual([head, head - 1]);
    expect(first.items[0].parentHash).toBe(first.items[1].hash);
    const second = await explorer.listBlocks({ id: networkId, limit: 2, offset: 1 });
    expect(second.items[0]).toEqual(first.items[1]);
    const beyond = await explorer.listBlocks({ id: networkId, limit: 5, offset: head });
    expect(beyond.items.map((b) => b.number)).toEqual(['0']);
  });

  it('reads a block by number and by hash, with its transactions', async () => {
    const byNumber = await explorer.getBlock({ id: networkId, block: String(firstBlock) });
    expect(byNumber.transactions.map((t) => t.hash)).toContain(txHashes[0]);
    const byHash = await explorer.getBlock({ id: networkId, block: byNumber.hash });
    expect(byHash).toEqual(byNumber);
    expect(byNumber.transactionCount).toBe(byNumber.transactions.length);
  });

  it('reads a transaction with its receipt and the events decoded with the listener ABI', async () => {
    const tx = await explorer.getChainTransaction({ id: networkId, hash: txHashes[1] });
    expect(tx).toMatchObject({ hash: txHashes[1], to: await fixture.getAddress() });
    expect(tx.receipt?.status).toBe('succeeded');
    const events = tx.receipt?.events ?? [];
    expect(events).toHaveLength(10);
    expect(events.map((e) => e.event?.name)).toEqual(
      Array.from({ length: 10 }, (_, i) => ((10 + i) % 2 === 0 ? 'Ticked' : 'Tocked')),
    );
    const ticked = events.find((e) => e.event?.name === 'Ticked');
    const args = (ticked?.event?.args ?? {}) as Record<string, unknown>;
    expect(args.value).toBe(String(Number(args.seq) * 7));
    expect(ticked?.id).toBe(`${ticked?.blockHash}:${ticked?.logIndex}`);
  });

  it('pages through the events of a block range, newest first, each exactly once', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < 30; offset += 10) {
      const page = await explorer.listChainEvents({
        id: networkId,
        fromBlock: firstBlock,
        toBlock: lastBlock,
        limit: 10,
        offset,
      });
      expect(page.total).toBe(30);
      seen.push(...page.items.map((e) => String(Number(BigInt(e.topics[1])))));
    }
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => String(29 - i)));
  });

  it('finds a block by number or hash, a transaction by hash and an address with its recent activity', async () => {
    const block = await explorer.searchChain({ id: networkId, q: String(firstBlock) });
    expect(block).toMatchObject({ kind: 'block', block: { number: String(firstBlock) } });
    const hash = block.kind === 'block' ? block.block.hash : '';
    expect(await explorer.searchChain({ id: networkId, q: hash })).toMatchObject({ kind: 'block' });
    expect(await explorer.searchChain({ id: networkId, q: txHashes[2] })).toMatchObject({
      kind: 'transaction',
      transaction: { hash: txHashes[2] },
    });
    const contract = await explorer.searchChain({ id: networkId, q: await fixture.getAddress() });
    expect(contract.kind).toBe('address');
    if (contract.kind !== 'address') return;
    expect(contract.address.isContract).toBe(true);
    expect(contract.address.recentEvents).toHaveLength(20);
    expect(contract.address.recentTransactions.map((t) => t.hash)).toEqual(
      expect.arrayContaining(txHashes),
    );
  });

  it('refuses malformed hashes, block references and search queries with problem+json', async () => {
    // Nothing that is (after trimming) a block number, a 32-byte hash or an address.
    const valid = /^(\d{1,15}|0x[0-9a-fA-F]{64}|0x[0-9a-fA-F]{40})$/;
    const notHash = fc
      .string({ minLength: 1, maxLength: 80 })
      .filter((s) => !valid.test(s.trim()) && !/^\.{1,2}$/.test(s));
    await fc.assert(
      fc.asyncProperty(notHash, async (text) => {
        const encoded = encodeURIComponent(text);
        const path = `/api/v1/networks/${networkId}/explorer`;
        for (const target of [
          `${path}/transactions/${encoded}`,
          `${path}/blocks/${encoded}`,
          `${path}/search?q=${encoded}`,
        ]) {
          const answer = await raw(member.api, 'GET', target);
          expect(answer.status).toBe(400);
          expect(answer.contentType).toContain('application/problem+json');
        }
      }),
      { numRuns: 25 },
    );
    const tooWide = await problemOf(
      explorer.listChainEvents({ id: networkId, fromBlock: 0, toBlock: 5000 }),
    );
    expect(tooWide.status).toBe(400);
  });

  it('answers 404 for an unknown transaction and for a caller whose organisation is not a member', async () => {
    const unknown = await problemOf(
      explorer.getChainTransaction({ id: networkId, hash: `0x${'ab'.repeat(32)}` }),
    );
    expect(unknown.status).toBe(404);
    const outsider = await memberWithRole(admin, 'operator');
    const denied = await problemOf(explorerOf(outsider.api).listBlocks({ id: networkId }));
    expect(denied.status).toBe(404);
    expect(denied.contentType).toContain('application/problem+json');
  });
});
