/**
 * Strata end to end: transfers POSTed to the gateway from the organisation's signing accounts,
 * each followed until `confirmed` (1 confirmation). A transfer's latency runs from its POST to
 * the moment the ledger recorded it confirmed (its `updatedAt`, same machine clock).
 */
import { randomUUID } from 'node:crypto';
import { type SideResult, sleep, summarise, withConcurrency } from './latency';

interface Tx {
  id: string;
  status: string;
  updatedAt: string;
}

const SINK = '0x000000000000000000000000000000000000bEEF';

async function acceptedThrough(
  gatewayUrl: string,
  headers: () => Promise<Record<string, string>>,
  operationId: string,
): Promise<string> {
  for (;;) {
    const response = await fetch(`${gatewayUrl}/api/v1/operations/${operationId}`, {
      headers: await headers(),
    });
    const operation = (await response.json()) as { status: string; result?: { id: string } };
    if (operation.status === 'succeeded' && operation.result) return operation.result.id;
    if (operation.status === 'failed') throw new Error(`operation ${operationId} failed`);
    await sleep(100);
  }
}

export async function runStrataSide(
  gatewayUrl: string,
  token: () => Promise<string>,
  networkId: string,
  accounts: string[],
  count: number,
  concurrency: number,
): Promise<SideResult> {
  const headers = async () => ({
    authorization: `Bearer ${await token()}`,
    'content-type': 'application/json',
  });
  const postedAt = new Map<string, number>();
  const started = Date.now();
  await withConcurrency(
    Array.from({ length: count }, (_, i) => i),
    concurrency,
    async (i) => {
      const at = Date.now();
      const response = await fetch(`${gatewayUrl}/api/v1/networks/${networkId}/transactions`, {
        method: 'POST',
        headers: { ...(await headers()), 'idempotency-key': randomUUID() },
        body: JSON.stringify({
          kind: 'transfer',
          from: accounts[i % accounts.length],
          to: SINK,
          value: '1',
        }),
      });
      const body = (await response.json()) as { id?: string; operationId?: string };
      if (response.status !== 202 || !(body.id ?? body.operationId)) {
        throw new Error(`submission ${i} answered ${response.status}: ${JSON.stringify(body)}`);
      }
      // Without a reply within the gateway's timeout the answer is the pending operation.
      const id = body.id ?? (await acceptedThrough(gatewayUrl, headers, body.operationId ?? ''));
      postedAt.set(id, at);
    },
  );
  const list = async (offset: number, status?: string) => {
    const query = `limit=100&offset=${offset}${status ? `&status=${status}` : ''}`;
    const response = await fetch(
      `${gatewayUrl}/api/v1/networks/${networkId}/transactions?${query}`,
      { headers: await headers() },
    );
    return (await response.json()) as { items: Tx[]; total: number };
  };
  while ((await list(0, 'confirmed')).total < count) await sleep(200);
  const confirmed: Tx[] = [];
  for (let offset = 0; offset < count; offset += 100)
    confirmed.push(...(await list(offset, 'confirmed')).items);
  const doneAt = Math.max(...confirmed.map((tx) => Date.parse(tx.updatedAt)));
  const latencies = confirmed.map(
    (tx) => Date.parse(tx.updatedAt) - (postedAt.get(tx.id) ?? started),
  );
  return summarise(latencies, (doneAt - started) / 1000);
}
