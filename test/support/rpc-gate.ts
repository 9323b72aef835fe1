/**
 * A JSON-RPC forwarder in front of a real node (a private anvil) that can refuse chosen methods
 * while closed: it keeps the ledger's submitter from pricing (`eth_gasPrice`), so a transaction
 * stays `accepted` for as long as a test needs — deterministically, without timing — while
 * acceptance (gas estimate, `eth_call`) still reaches the node. Everything else is the node's own
 * answer.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type PrivateAnvil, startPrivateAnvil } from '@strata/testing';

export interface RpcGate {
  /** URL to register the network with (the ledger talks to the node through it). */
  url: string;
  /** From now on, `methods` are answered with a JSON-RPC error instead of being forwarded. */
  close(methods: string[]): void;
  /** Forwards every method again. */
  open(): void;
  stop(): Promise<void>;
}

interface RpcCall {
  id?: unknown;
  method?: string;
}

export async function startRpcGate(target: string): Promise<RpcGate> {
  let refused = new Set<string>();
  const refusal = (call: RpcCall) => ({
    jsonrpc: '2.0',
    id: call.id ?? null,
    error: { code: -32000, message: 'closed by the test gate' },
  });
  /** Answers each call of a (batch) request: refused ones by the gate, the rest by the node. */
  const answer = async (calls: RpcCall[]): Promise<unknown[]> => {
    const forwarded = calls.filter((call) => !refused.has(String(call.method)));
    const answers =
      forwarded.length === 0
        ? []
        : ((await (
            await fetch(target, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(forwarded),
            })
          ).json()) as { id?: unknown }[]);
    const byId = new Map(answers.map((a) => [JSON.stringify(a.id), a]));
    return calls.map((call) =>
      refused.has(String(call.method)) ? refusal(call) : byId.get(JSON.stringify(call.id)),
    );
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RpcCall | RpcCall[];
      const batch = Array.isArray(parsed);
      answer(batch ? parsed : [parsed]).then(
        (answers) =>
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify(batch ? answers : answers[0])),
        (error: unknown) => res.writeHead(502).end(String(error)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: (methods) => {
      refused = new Set(methods);
    },
    open: () => {
      refused = new Set();
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A private anvil behind a gate: register the network with `gate.url`, reach the node at `anvil.rpcUrl`. */
export interface GatedAnvil {
  anvil: PrivateAnvil;
  gate: RpcGate;
  /** Opens the gate and stops it and the anvil. */
  stop(): Promise<void>;
}

export async function startGatedAnvil(): Promise<GatedAnvil> {
  const anvil = await startPrivateAnvil();
  const gate = await startRpcGate(anvil.rpcUrl);
  return {
    anvil,
    gate,
    async stop() {
      gate.open();
      await gate.stop();
      await anvil.stop();
    },
  };
}
