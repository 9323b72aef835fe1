/**
 * The ledger's transaction manager end to end on the real stack, through the generated SDK:
 * gateway -> Kafka -> ledger -> anvil, with real Keycloak tokens.
 */
import { randomUUID } from 'node:crypto';
import { AbiCoder, id } from 'ethers';
import { jsonRpc, killApp, readE2eRun, restartApp } from '@strata/testing';
import { apiAs, type Api, problemOf, raw } from './support/api';
import { eventually } from './support/eventually';
import {
  acceptedIds,
  allTransactions,
  anvilNetwork,
  deploying,
  errorData,
  type Member,
  memberWithRole,
  revertingProgram,
  signingAccount,
  waitForStatus,
} from './support/ledger';

const SINK = '0x000000000000000000000000000000000000dEaD';

describe('ledger transaction manager, end to end', () => {
  let admin: Api;
  let alice: Member;
  let bob: Member;
  let networkId: string;
  let accounts: string[];

  beforeAll(async () => {
    admin = await apiAs('admin');
    alice = await memberWithRole(admin);
    bob = await memberWithRole(admin);
    networkId = await anvilNetwork(admin, [alice.organisationId, bob.organisationId]);
    accounts = [];
    for (let i = 0; i < 4; i++) accounts.push(await signingAccount(alice, networkId));
  });

  it("creates funded signing accounts for the caller's organisation and lists them to that organisation only", async () => {
    const own = await alice.tx.listSigningAccounts({ id: networkId, limit: 100 });
    expect(own.items.map((a) => a.address).sort()).toEqual([...accounts].sort());
    expect(own.items.every((a) => a.organisationId === alice.organisationId)).toBe(true);
    expect((await bob.tx.listSigningAccounts({ id: networkId })).total).toBe(0);
  });

  it('confirms 200 concurrent submissions across 4 accounts with contiguous nonces per account', async () => {
    const started = Date.now();
    const path = `/api/v1/networks/${networkId}/transactions`;
    const ids = await acceptedIds(
      alice,
      Array.from({ length: 200 }, (_, i) =>
        raw(
          alice.api,
          'POST',
          path,
          { kind: 'transfer', from: accounts[i % 4], to: SINK, value: String(i + 1) },
          { 'idempotency-key': randomUUID() },
        ),
      ),
    );
    expect(new Set(ids).size).toBe(200);

    const confirmed = await eventually(
      async () => {
        const all = (await allTransactions(alice, networkId)).filter((tx) => ids.includes(tx.id));
        return all.length === 200 && all.every((tx) => tx.status === 'confirmed') ? all : undefined;
      },
      '200 transactions to be confirmed',
      120_000,
    );
    console.log(`200 transfers confirmed in ${Date.now() - started} ms`);

    for (const account of accounts) {
      const nonces = confirmed
        .filter((tx) => tx.from === account)
        .map((tx) => Number(tx.nonce))
        .sort((a, b) => a - b);
      expect(nonces).toEqual(Array.from({ length: 50 }, (_, i) => i));
      const chainCount = await jsonRpc<string>(
        readE2eRun().anvilRpcUrl,
        'eth_getTransactionCount',
        [account, 'latest'],
      );
      expect(Number(chainCount)).toBe(50);
    }
  }, 180_000);

  it('refuses a deployment that would revert with 422 and its decoded reason, before anything is signed, including custom errors when the ABI is known', async () => {
    const before = (await allTransactions(alice, networkId)).length;
    const plain = await problemOf(
      alice.tx.submitTransaction({
        id: networkId,
        idempotencyKey: randomUUID(),
        submitTransaction: {
          kind: 'deploy',
          from: accounts[0],
          bytecode: revertingProgram(errorData('not allowed')),
        },
      }),
    );
    expect(plain.status).toBe(422);
    expect(plain.problem.detail).toBe('not allowed');

    const abi = [
      {
        type: 'error',
        name: 'InsufficientBalance',
        inputs: [
          { name: 'account', type: 'address' },
          { name: 'needed', type: 'uint256' },
        ],
      },
    ];
    const custom =
      id('InsufficientBalance(address,uint256)').slice(0, 10) +
      AbiCoder.defaultAbiCoder().encode(['address', 'uint256'], [SINK, 7n]).slice(2);
    const decoded = await problemOf(
      alice.tx.submitTransaction({
        id: networkId,
        idempotencyKey: randomUUID(),
        submitTransaction: {
          kind: 'deploy',
          from: accounts[0],
          bytecode: revertingProgram(custom),
          abi,
        },
      }),
    );
    expect(decoded.status).toBe(422);
    expect(decoded.problem.detail).toBe(`InsufficientBalance(${SINK}, 7)`);
    expect((await allTransactions(alice, networkId)).length).toBe(before);
  });

  it('deploys a contract and marks a call that reverts on chain as failed with its reason', async () => {
    const deployment = await alice.tx.submitTransaction({
      id: networkId,
      idempotencyKey: randomUUID(),
      submitTransaction: {
        kind: 'deploy',
        from: accounts[1],
        bytecode: deploying(revertingProgram(errorData('always'))),
      },
    });
    const deployed = await waitForStatus(alice, networkId, deployment.id, ['confirmed']);
    expect(deployed.contractAddress).toMatch(/^0x[0-9a-fA-F]{40}$/);

    const call = await alice.tx.submitTransaction({
      id: networkId,
      idempotencyKey: randomUUID(),
      submitTransaction: {
        kind: 'call',
        from: accounts[1],
        to: deployed.contractAddress ?? '',
        data: '0x',
        gasLimit: '100000',
      },
    });
    const failed = await waitForStatus(alice, networkId, call.id, ['failed', 'confirmed']);
    expect(failed).toMatchObject({ status: 'failed', failureReason: 'always' });
    expect(failed.blockNumber).not.toBeNull();
  });

  it('answers bad input with 400/403/404/413 problem+json and stores nothing', async () => {
    const before = (await allTransactions(alice, networkId)).length;
    const path = `/api/v1/networks/${networkId}/transactions`;
    const transfer = { kind: 'transfer', from: accounts[0], to: SINK, value: '1' };
    const unknownNetwork = raw(
      alice.api,
      'POST',
      `/api/v1/networks/${randomUUID()}/transactions`,
      transfer,
    );
    const cases: [string, number, Promise<{ status: number; contentType: string | null }>][] = [
      ['unknown network', 404, unknownNetwork],
      [
        'malformed ABI',
        400,
        raw(alice.api, 'POST', path, {
          kind: 'call',
          from: accounts[0],
          to: SINK,
          abi: [{ type: 'function', name: 7 }],
          method: 'f',
          args: [],
        }),
      ],
      [
        'bad args',
        400,
        raw(alice.api, 'POST', path, {
          kind: 'call',
          from: accounts[0],
          to: SINK,
          abi: [
            {
              type: 'function',
              name: 'set',
              inputs: [{ name: 'v', type: 'uint256' }],
              outputs: [],
              stateMutability: 'nonpayable',
            },
          ],
          method: 'set',
          args: ['x'],
        }),
      ],
      ['malformed address', 400, raw(alice.api, 'POST', path, { ...transfer, to: '0x12' })],
      ["another organisation's account", 403, raw(bob.api, 'POST', path, transfer)],
      ['unknown account', 404, raw(alice.api, 'POST', path, { ...transfer, from: SINK })],
      [
        'oversized payload',
        413,
        raw(alice.api, 'POST', path, {
          kind: 'deploy',
          from: accounts[0],
          bytecode: `0x${'00'.repeat(70_000)}`,
        }),
      ],
    ];
    for (const [what, status, response] of cases) {
      const answer = await response;
      expect({ what, status: answer.status }).toEqual({ what, status });
      expect(answer.contentType).toContain('application/problem+json');
    }
    // A script that registered the network a moment ago learns why and what to do.
    expect((await unknownNetwork).body.detail).toContain('registered a moment ago');
    expect((await allTransactions(alice, networkId)).length).toBe(before);
    expect((await allTransactions(bob, networkId)).length).toBe(0);
  });

  it('mines every transaction exactly once with no nonce gap after the ledger is SIGKILLed with ~100 in flight', async () => {
    const account = accounts[2];
    const countBefore = Number(
      await jsonRpc<string>(readE2eRun().anvilRpcUrl, 'eth_getTransactionCount', [
        account,
        'latest',
      ]),
    );
    const path = `/api/v1/networks/${networkId}/transactions`;
    // Mining paused until the kill: the ledger accepts, signs and broadcasts as fast as it can,
    // but nothing can be confirmed yet, so the kill always finds all 100 in flight.
    const anvilRpcUrl = readE2eRun().anvilRpcUrl;
    await jsonRpc(anvilRpcUrl, 'evm_setAutomine', [false]);
    const answers = Array.from({ length: 100 }, (_, i) =>
      raw(
        alice.api,
        'POST',
        path,
        { kind: 'transfer', from: account, to: SINK, value: String(1000 + i) },
        { 'idempotency-key': randomUUID() },
      ),
    );
    const ownTransactions = async () =>
      (await allTransactions(alice, networkId)).filter(
        (tx) => tx.from === account && (tx.nonce ?? -1) >= countBefore,
      );
    // Kill it while most submissions are still being accepted, signed or broadcast.
    let confirmedAtKill = 0;
    try {
      await eventually(async () => (await ownTransactions()).length >= 10, '10 acceptances');
      confirmedAtKill = (await ownTransactions()).filter((t) => t.status === 'confirmed').length;
      await killApp('ledger', 'SIGKILL');
    } finally {
      // What was broadcast before the kill is mined now, in one block; the rest after the restart.
      await jsonRpc(anvilRpcUrl, 'evm_setAutomine', [true]);
      await jsonRpc(anvilRpcUrl, 'evm_mine', []);
    }
    const inFlight = 100 - confirmedAtKill;
    // The harness probes the freed port with a TCP connect, which can rarely succeed against
    // itself on an ephemeral port; starting again is safe as nothing was spawned.
    await eventually(() => restartApp('ledger'), 'the ledger to restart', 60_000);
    console.log(`${inFlight} of 100 transactions were not confirmed when the ledger was killed`);
    expect(inFlight).toBeGreaterThanOrEqual(50);

    const ids = await acceptedIds(alice, answers);
    expect(new Set(ids).size).toBe(100);
    const confirmed = await eventually(
      async () => {
        const all = (await allTransactions(alice, networkId)).filter((tx) => ids.includes(tx.id));
        return all.length === 100 && all.every((tx) => tx.status === 'confirmed') ? all : undefined;
      },
      '100 transactions to be confirmed after the restart',
      120_000,
    );
    const nonces = confirmed.map((tx) => Number(tx.nonce)).sort((a, b) => a - b);
    expect(nonces).toEqual(Array.from({ length: 100 }, (_, i) => countBefore + i));
    const countAfter = Number(
      await jsonRpc<string>(readE2eRun().anvilRpcUrl, 'eth_getTransactionCount', [
        account,
        'latest',
      ]),
    );
    expect(countAfter).toBe(countBefore + 100);
    expect(new Set(confirmed.map((tx) => tx.hash)).size).toBe(100);
  });
});
