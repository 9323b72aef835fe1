/**
 * Helpers of the transaction manager's e2e tests: an organisation with an institution admin on
 * a network of the run's anvil, its signing accounts, and hand-assembled EVM programs (a
 * contract whose constructor or every call reverts with a chosen reason) so the tests need no
 * compiler.
 */
import { randomUUID } from 'node:crypto';
import { AbiCoder, id } from 'ethers';
import { Configuration, TransactionsApi, type LedgerTransaction } from '@strata/sdk';
import { createUser, jsonRpc, readE2eRun } from '@strata/testing';
import { apiAs, type Api, type RawResponse, uniqueName } from './api';
import { eventually } from './eventually';

export interface Member {
  api: Api;
  tx: TransactionsApi;
  organisationId: string;
}

export function transactionsApi(api: Api): TransactionsApi {
  return new TransactionsApi(
    new Configuration({ basePath: api.baseUrl, accessToken: async () => api.token }),
  );
}

export async function memberWithRole(
  admin: Api,
  role: 'institution-admin' | 'operator' = 'institution-admin',
): Promise<Member> {
  const organisation = await admin.organisations.registerOrganisation({
    registerOrganisation: { name: uniqueName('Bank'), country: 'IT' },
  });
  const username = `tx-${randomUUID().slice(0, 8)}`;
  await createUser({
    username,
    password: 'strata-test',
    roles: [role],
    organisationId: organisation.id,
  });
  const api = await apiAs(username, 'strata-test');
  return { api, tx: transactionsApi(api), organisationId: organisation.id };
}

/** A second institution admin of `member`'s organisation (four-eyes approvals). */
export async function secondAdminOf(member: Member): Promise<Member> {
  const username = `tx2-${randomUUID().slice(0, 8)}`;
  await createUser({
    username,
    password: 'strata-test',
    roles: ['institution-admin'],
    organisationId: member.organisationId,
  });
  const api = await apiAs(username, 'strata-test');
  return { api, tx: transactionsApi(api), organisationId: member.organisationId };
}

export async function anvilNetwork(
  admin: Api,
  members: string[],
  rpcUrl = readE2eRun().anvilRpcUrl,
): Promise<string> {
  const network = await admin.networks.registerNetwork({
    registerNetwork: {
      name: uniqueName('Ledger pilot'),
      memberOrganisationIds: members,
      rpcUrl,
    },
  });
  // The ledger learns of the network from platform-mgmt's event and answers 404 for it until
  // then (docs/transactions.md): return once it knows it, so a test may use it at once.
  const transactions = transactionsApi(admin);
  await eventually(
    () => transactions.listTransactions({ id: network.id, limit: 1 }).then(() => true),
    `the ledger to learn of network ${network.id}`,
  );
  return network.id;
}

/**
 * Creates a signing account, retrying while the ledger has not yet learnt of the network or has
 * not answered in time, and waits for its local funding (mining a block first on a chain whose
 * mining is paused).
 */
export async function signingAccount(
  member: Member,
  networkId: string,
  rpcUrl = readE2eRun().anvilRpcUrl,
  mine = false,
): Promise<string> {
  const label = uniqueName('hot');
  let idempotencyKey = randomUUID();
  const account = await eventually(async () => {
    try {
      const created = await member.tx.createSigningAccount({
        id: networkId,
        createSigningAccount: { label },
        idempotencyKey,
      });
      // Still pending (the ledger answered after the gateway's reply timeout): ask again with
      // the same key, which re-sends the same command.
      return created.address ? created : undefined;
    } catch (error) {
      // Refused (e.g. the ledger does not know the network yet): a fresh request next time.
      idempotencyKey = randomUUID();
      throw error;
    }
  }, 'the ledger to create the account');
  await eventually(async () => {
    if (mine) await jsonRpc(rpcUrl, 'evm_mine');
    return (
      BigInt(await jsonRpc<string>(rpcUrl, 'eth_getBalance', [account.address, 'latest'])) > 0n
    );
  }, 'the account to be funded');
  return account.address;
}

/** Submits a value transfer of `value` wei from `from` to `to` (a fresh idempotency key). */
export function submitTransfer(
  member: Member,
  networkId: string,
  transfer: { from: string; to: string; value: string },
): Promise<LedgerTransaction> {
  return member.tx.submitTransaction({
    id: networkId,
    idempotencyKey: randomUUID(),
    submitTransaction: { kind: 'transfer', ...transfer },
  });
}

export async function waitForStatus(
  member: Member,
  networkId: string,
  txId: string,
  statuses: LedgerTransaction['status'][],
  timeoutMs = 60_000,
): Promise<LedgerTransaction> {
  return eventually(
    async () => {
      const tx = await member.tx.getTransaction({ id: networkId, txId });
      return statuses.includes(tx.status) ? tx : undefined;
    },
    `transaction ${txId} to be ${statuses.join('|')}`,
    timeoutMs,
  );
}

/** Every transaction of the network visible to `member` (all pages). */
export async function allTransactions(
  member: Member,
  networkId: string,
): Promise<LedgerTransaction[]> {
  const items: LedgerTransaction[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await member.tx.listTransactions({ id: networkId, limit: 100, offset });
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) return items;
  }
}

/** Revert data of `Error(reason)`. */
export function errorData(reason: string): string {
  return (
    id('Error(string)').slice(0, 10) +
    AbiCoder.defaultAbiCoder().encode(['string'], [reason]).slice(2)
  );
}

/** EVM code that reverts with `revertData` (copies it from its own code). */
export function revertingProgram(revertData: string): string {
  const payload = revertData.slice(2);
  const length = payload.length / 2;
  if (length > 255) throw new Error('revert data too long for this program');
  const len = length.toString(16).padStart(2, '0');
  return `0x60${len}600c60003960${len}6000fd${payload}`;
}

/** Init code deploying `runtime` as the contract's code. */
export function deploying(runtime: string): string {
  const code = runtime.slice(2);
  const len = (code.length / 2).toString(16).padStart(2, '0');
  return `0x60${len}600c60003960${len}6000f3${code}`;
}

/**
 * The transaction ids of submissions: each POST answers 202 with the transaction, or (when the
 * ledger did not answer within the gateway's reply timeout) with its pending operation, which
 * is polled until it holds the accepted transaction.
 */
export async function acceptedIds(
  member: Member,
  answers: Promise<RawResponse>[],
): Promise<string[]> {
  return Promise.all(
    answers.map(async (answer) => {
      const { status, body } = await answer;
      if (status !== 202) throw new Error(`submission answered ${status}: ${JSON.stringify(body)}`);
      if (typeof body.nonce === 'number') return String(body.id);
      const operation = await eventually(
        async () => {
          const read = await member.api.operations.getOperation({ id: String(body.operationId) });
          return read.status === 'succeeded' ? read : undefined;
        },
        `pending submission ${String(body.operationId)} to be accepted`,
        90_000,
      );
      return String((operation.result as { id: string }).id);
    }),
  );
}
