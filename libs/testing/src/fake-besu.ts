/**
 * A fake Hyperledger Besu for the RPCs anvil lacks: one small HTTP JSON-RPC server standing for
 * any number of nodes (`<url>/nodes/<node address>`), following Besu's documented methods and
 * answers: `qbft_proposeValidatorVote`, `qbft_getValidatorsByBlockNumber`, `qbft_getPendingVotes`,
 * `qbft_discardValidatorVote`, `perm_addNodesToAllowlist`, `perm_addAccountsToAllowlist`,
 * `perm_removeNodesFromAllowlist`, `perm_removeAccountsFromAllowlist`, `perm_getNodesAllowlist`,
 * `perm_getAccountsAllowlist`, `admin_peers`, `eth_blockNumber`, and for
 * monitoring `eth_getBlockByNumber` (number and timestamp), `net_peerCount`, `eth_syncing`.
 * A vote takes effect (in the next "block") once more than half of the current validators'
 * nodes have proposed it, as in QBFT; every call is recorded for assertions. Like Besu's local
 * permissioning, an allowlist change is all or nothing: adding an entry that is already there,
 * removing one that is not, or naming one twice fails the whole call (error -32000).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeBesuCall {
  readonly node: string;
  readonly method: string;
  readonly params: unknown[];
}

interface NodeState {
  readonly votes: Map<string, boolean>;
  readonly nodesAllowlist: Set<string>;
  readonly accountsAllowlist: Set<string>;
}

const ADDRESS = /^0x[0-9a-f]{40}$/;
const ENODE = /^enode:\/\/[0-9a-f]{128}@/;

class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export class FakeBesu {
  readonly calls: FakeBesuCall[] = [];
  private readonly history: string[][];
  /** When each block was "produced" (seconds since the epoch). */
  private readonly blockTimes: number[] = [Math.floor(Date.now() / 1000)];
  private readonly peerCounts = new Map<string, number>();
  private readonly nodes = new Map<string, NodeState>();
  private server?: Server;

  /** `validators`: the genesis validator set (any case). */
  constructor(validators: readonly string[]) {
    this.history = [validators.map((v) => v.toLowerCase())];
  }

  get validators(): string[] {
    return [...this.history[this.history.length - 1]];
  }

  get blockNumber(): number {
    return this.history.length - 1;
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      void this.answer(request).then((body) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  /** The JSON-RPC URL of the node whose account (validator address) is `address`. */
  nodeUrl(baseUrl: string, address: string): string {
    return `${baseUrl}/nodes/${address.toLowerCase()}`;
  }

  /** Makes `net_peerCount` of the node with account `address` answer `count`. */
  setPeerCount(address: string, count: number): void {
    this.peerCounts.set(address.toLowerCase(), count);
  }

  /** Produces a block with an unchanged validator set. */
  mine(): void {
    this.pushBlock(this.validators);
  }

  callsOf(method: string): FakeBesuCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  private nodeState(node: string): NodeState {
    const existing = this.nodes.get(node);
    if (existing) return existing;
    const created = {
      votes: new Map(),
      nodesAllowlist: new Set<string>(),
      accountsAllowlist: new Set<string>(),
    };
    this.nodes.set(node, created);
    return created;
  }

  private async answer(request: IncomingMessage): Promise<object> {
    const node = /^\/nodes\/(0x[0-9a-fA-F]{40})$/.exec(request.url ?? '')?.[1]?.toLowerCase();
    let id: unknown = null;
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const message = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        id?: unknown;
        method?: unknown;
        params?: unknown;
      };
      id = message.id ?? null;
      if (!node) throw new RpcError(-32601, 'unknown node path');
      if (typeof message.method !== 'string' || !Array.isArray(message.params)) {
        throw new RpcError(-32600, 'Invalid Request');
      }
      this.calls.push({ node, method: message.method, params: message.params });
      return { jsonrpc: '2.0', id, result: this.dispatch(node, message.method, message.params) };
    } catch (error) {
      const rpc = error instanceof RpcError ? error : new RpcError(-32700, 'Parse error');
      return { jsonrpc: '2.0', id, error: { code: rpc.code, message: rpc.message } };
    }
  }

  private dispatch(node: string, method: string, params: unknown[]): unknown {
    const state = this.nodeState(node);
    switch (method) {
      case 'eth_blockNumber':
        return `0x${this.blockNumber.toString(16)}`;
      case 'eth_getBlockByNumber':
        return {
          number: `0x${this.blockNumber.toString(16)}`,
          timestamp: `0x${this.blockTimes[this.blockNumber].toString(16)}`,
        };
      case 'eth_syncing':
        return false;
      case 'net_peerCount':
        return `0x${(this.peerCounts.get(node) ?? Math.max(0, this.nodes.size - 1)).toString(16)}`;
      case 'qbft_proposeValidatorVote': {
        const [address, add] = params;
        if (
          typeof address !== 'string' ||
          !ADDRESS.test(address.toLowerCase()) ||
          typeof add !== 'boolean'
        ) {
          throw new RpcError(-32602, 'Invalid params');
        }
        state.votes.set(address.toLowerCase(), add);
        this.tally(address.toLowerCase(), add);
        return true;
      }
      case 'qbft_discardValidatorVote': {
        const [address] = params;
        if (typeof address !== 'string') throw new RpcError(-32602, 'Invalid params');
        return state.votes.delete(address.toLowerCase());
      }
      case 'qbft_getPendingVotes':
        return Object.fromEntries(state.votes);
      case 'qbft_getValidatorsByBlockNumber': {
        const [tag] = params;
        const number = tag === 'latest' || tag === undefined ? this.blockNumber : Number(tag);
        const set = this.history[number];
        if (!set) throw new RpcError(-32000, 'Block not found');
        return set;
      }
      case 'perm_addNodesToAllowlist':
        return this.change(state.nodesAllowlist, params, ENODE, 'add', 'node');
      case 'perm_addAccountsToAllowlist':
        return this.change(state.accountsAllowlist, params, ADDRESS, 'add', 'account');
      case 'perm_removeNodesFromAllowlist':
        return this.change(state.nodesAllowlist, params, ENODE, 'remove', 'node');
      case 'perm_removeAccountsFromAllowlist':
        return this.change(state.accountsAllowlist, params, ADDRESS, 'remove', 'account');
      case 'perm_getNodesAllowlist':
        return [...state.nodesAllowlist];
      case 'perm_getAccountsAllowlist':
        return [...state.accountsAllowlist];
      case 'admin_peers':
        return [...this.nodes.keys()]
          .filter((other) => other !== node)
          .map((other) => ({
            enode: `enode://${other.slice(2).padEnd(128, '0')}@127.0.0.1:30303`,
            id: other,
          }));
      default:
        throw new RpcError(-32601, 'Method not found');
    }
  }

  /** Besu's answers (RpcErrorType): an invalid, duplicated, existing or absent entry fails it all. */
  private change(
    list: Set<string>,
    params: unknown[],
    pattern: RegExp,
    operation: 'add' | 'remove',
    kind: 'node' | 'account',
  ): string {
    const [entries] = params;
    if (!Array.isArray(entries)) throw new RpcError(-32602, 'Invalid params');
    if (entries.length === 0)
      throw new RpcError(-32000, `Request contains an empty list of ${kind}s`);
    if (entries.some((e) => typeof e !== 'string' || !pattern.test(e.toLowerCase()))) {
      throw new RpcError(-32000, `Request contains an invalid ${kind}`);
    }
    const normalised = (entries as string[]).map((entry) => entry.toLowerCase());
    if (new Set(normalised).size !== normalised.length) {
      throw new RpcError(-32000, `Request contains duplicate ${kind}s`);
    }
    if (operation === 'add' && normalised.some((entry) => list.has(entry))) {
      throw new RpcError(-32000, `Cannot add an existing ${kind} to allowlist`);
    }
    if (operation === 'remove' && normalised.some((entry) => !list.has(entry))) {
      throw new RpcError(-32000, `Cannot remove an absent ${kind} from allowlist`);
    }
    normalised.forEach((entry) => (operation === 'add' ? list.add(entry) : list.delete(entry)));
    return 'Success';
  }

  private pushBlock(validators: string[]): void {
    this.history.push(validators);
    this.blockTimes.push(Math.floor(Date.now() / 1000));
  }

  /** Applies a vote once more than half of the current validators' nodes propose it. */
  private tally(address: string, add: boolean): void {
    const current = this.validators;
    const inFavour = current.filter(
      (validator) => this.nodes.get(validator)?.votes.get(address) === add,
    );
    if (inFavour.length * 2 <= current.length) return;
    const next = add ? [...new Set([...current, address])] : current.filter((v) => v !== address);
    this.pushBlock(next);
    this.nodes.forEach((state) => state.votes.delete(address));
  }
}
