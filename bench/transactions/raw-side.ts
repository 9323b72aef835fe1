/**
 * The baseline: presigned transfers from anvil's dev accounts (mnemonic "test test ... junk"),
 * sent in parallel with raw JSON-RPC; a transfer's latency runs from its send to its receipt.
 */
import { HDNodeWallet, Mnemonic } from 'ethers';
import { jsonRpc } from '@strata/testing';
import { type SideResult, sleep, summarise, withConcurrency } from './latency';

const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk';
const SINK = '0x000000000000000000000000000000000000bEEF';
/** Give up when no receipt arrived for this long (the node lost transactions). */
const STALL_MS = 60_000;

export async function runRawSide(
  rpcUrl: string,
  count: number,
  concurrency: number,
  accounts: number,
): Promise<SideResult> {
  const mnemonic = Mnemonic.fromPhrase(ANVIL_MNEMONIC);
  // Dev accounts 1.. (0 funds Strata's accounts).
  const wallets = Array.from({ length: accounts }, (_, i) =>
    HDNodeWallet.fromMnemonic(mnemonic, `m/44'/60'/0'/0/${i + 1}`),
  );
  const gasPrice = BigInt(await jsonRpc<string>(rpcUrl, 'eth_gasPrice')) * 2n;
  const nonces = await Promise.all(
    wallets.map(async (w) =>
      Number(await jsonRpc<string>(rpcUrl, 'eth_getTransactionCount', [w.address, 'latest'])),
    ),
  );
  const signed: string[] = [];
  for (let i = 0; i < count; i++) {
    const a = i % accounts;
    signed.push(
      await wallets[a].signTransaction({
        chainId: 31337n,
        nonce: nonces[a]++,
        to: SINK,
        value: 1n,
        gasLimit: 21_000n,
        gasPrice,
        type: 0,
      }),
    );
  }
  // Send everything first (a worker waiting for a receipt whose lower nonce is not sent yet
  // would deadlock), then follow the receipts.
  const sent: { hash: string; sentAt: number }[] = [];
  const latencies: number[] = [];
  const started = performance.now();
  await withConcurrency(signed, concurrency, async (raw) => {
    const sentAt = performance.now();
    sent.push({ hash: await jsonRpc<string>(rpcUrl, 'eth_sendRawTransaction', [raw]), sentAt });
  });
  let pending = sent;
  let progressAt = performance.now();
  while (pending.length > 0) {
    if (performance.now() - progressAt > STALL_MS) {
      const [pool, head] = await Promise.all([
        jsonRpc<{ pending: string; queued: string }>(rpcUrl, 'txpool_status').catch(() => null),
        jsonRpc<{ baseFeePerGas?: string }>(rpcUrl, 'eth_getBlockByNumber', ['latest', false]),
      ]);
      throw new Error(
        `raw baseline stalled: ${latencies.length} of ${count} receipts after no progress for ${STALL_MS / 1000}s ` +
          `(node pool: ${pool ? `${Number(pool.pending)} pending, ${Number(pool.queued)} queued` : 'unknown'}; ` +
          `base fee ${BigInt(head.baseFeePerGas ?? 0)} wei, transfers priced at ${gasPrice} wei)`,
      );
    }
    const before = latencies.length;
    const still: typeof sent = [];
    await withConcurrency(pending, concurrency, async (tx) => {
      if (await jsonRpc<unknown>(rpcUrl, 'eth_getTransactionReceipt', [tx.hash])) {
        latencies.push(performance.now() - tx.sentAt);
      } else {
        still.push(tx);
      }
    });
    pending = still;
    if (latencies.length > before) progressAt = performance.now();
    if (pending.length > 0) await sleep(20);
  }
  return summarise(latencies, (performance.now() - started) / 1000);
}
