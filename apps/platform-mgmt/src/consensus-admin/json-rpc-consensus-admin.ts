/** ConsensusAdmin over HTTP JSON-RPC 2.0, with Besu's method names and answers, bounded by a timeout. */
import { getAddress } from 'ethers';
import { z } from 'zod';
import { type BesuPeer, ConsensusAdmin, ConsensusAdminError } from './consensus-admin';

const responseSchema = z.union([
  z.object({ jsonrpc: z.literal('2.0'), id: z.number(), result: z.unknown() }),
  z.object({
    jsonrpc: z.literal('2.0'),
    id: z.number().nullable(),
    error: z.object({ code: z.number(), message: z.string() }),
  }),
]);
const addressesSchema = z.array(z.string().regex(/^0x[0-9a-fA-F]{40}$/));
const stringsSchema = z.array(z.string());
const peersSchema = z.array(z.object({ enode: z.string(), id: z.string() }).loose());

export class JsonRpcConsensusAdmin extends ConsensusAdmin {
  private nextId = 1;

  constructor(private readonly timeoutMs: number) {
    super();
  }

  async proposeValidatorVote(rpcUrl: string, validator: string, add: boolean): Promise<void> {
    const method = 'qbft_proposeValidatorVote';
    const ok = await this.call(rpcUrl, method, [getAddress(validator).toLowerCase(), add]);
    if (ok !== true) throw new ConsensusAdminError(method, 'the node did not accept the vote');
  }

  async validatorsAt(rpcUrl: string, block: number | 'latest' = 'latest'): Promise<string[]> {
    const method = 'qbft_getValidatorsByBlockNumber';
    const tag = block === 'latest' ? 'latest' : `0x${block.toString(16)}`;
    return this.parse(method, addressesSchema, await this.call(rpcUrl, method, [tag])).map((a) =>
      getAddress(a),
    );
  }

  async addNodesToAllowlist(rpcUrl: string, enodes: readonly string[]): Promise<void> {
    await this.expectSuccess(rpcUrl, 'perm_addNodesToAllowlist', [[...enodes]]);
  }

  async addAccountsToAllowlist(rpcUrl: string, accounts: readonly string[]): Promise<void> {
    await this.expectSuccess(rpcUrl, 'perm_addAccountsToAllowlist', [
      accounts.map((a) => a.toLowerCase()),
    ]);
  }

  async removeNodesFromAllowlist(rpcUrl: string, enodes: readonly string[]): Promise<void> {
    await this.expectSuccess(rpcUrl, 'perm_removeNodesFromAllowlist', [[...enodes]]);
  }

  async removeAccountsFromAllowlist(rpcUrl: string, accounts: readonly string[]): Promise<void> {
    await this.expectSuccess(rpcUrl, 'perm_removeAccountsFromAllowlist', [
      accounts.map((a) => a.toLowerCase()),
    ]);
  }

  async nodesAllowlist(rpcUrl: string): Promise<string[]> {
    const method = 'perm_getNodesAllowlist';
    return this.parse(method, stringsSchema, await this.call(rpcUrl, method, []));
  }

  async accountsAllowlist(rpcUrl: string): Promise<string[]> {
    const method = 'perm_getAccountsAllowlist';
    return this.parse(method, addressesSchema, await this.call(rpcUrl, method, [])).map((a) =>
      a.toLowerCase(),
    );
  }

  async peers(rpcUrl: string): Promise<BesuPeer[]> {
    const peers = this.parse(
      'admin_peers',
      peersSchema,
      await this.call(rpcUrl, 'admin_peers', []),
    );
    return peers.map((peer) => ({ enode: peer.enode, id: peer.id }));
  }

  private async expectSuccess(rpcUrl: string, method: string, params: unknown[]): Promise<void> {
    const result = await this.call(rpcUrl, method, params);
    if (result !== 'Success')
      throw new ConsensusAdminError(method, `unexpected answer ${JSON.stringify(result)}`);
  }

  private parse<T>(method: string, schema: z.ZodType<T>, value: unknown): T {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new ConsensusAdminError(method, 'malformed answer');
    return parsed.data;
  }

  private async call(rpcUrl: string, method: string, params: unknown[]): Promise<unknown> {
    const id = this.nextId++;
    let body: unknown;
    try {
      const response = await fetch(rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id, method, params }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      body = await response.json();
    } catch (error) {
      throw new ConsensusAdminError(method, `node unreachable (${(error as Error).message})`);
    }
    const parsed = responseSchema.safeParse(body);
    if (!parsed.success) throw new ConsensusAdminError(method, 'not a JSON-RPC 2.0 answer');
    if ('error' in parsed.data) {
      throw new ConsensusAdminError(method, parsed.data.error.message, parsed.data.error.code);
    }
    return parsed.data.result;
  }
}
