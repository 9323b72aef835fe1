/**
 * Key custody on the real PostgreSQL, Kafka, anvil and a SoftHSM2 token: both KeyVault adapters
 * keep keys and signature audits in a schema of the ledger's tables (scratch copy per test file),
 * every signature's `key-used` event leaves through the outbox, refused signatures store nothing,
 * and transactions signed by the software keystore and by the HSM are mined by anvil.
 */
import { randomUUID } from 'node:crypto';
import { Transaction, type TransactionLike } from 'ethers';
import { MikroORM } from '@mikro-orm/postgresql';
import { BUS_ENTITIES, decodeEnvelope, KafkaBus, OutboxMessage, OutboxRelay } from '@strata/bus';
import { keyUsedSchema, LedgerKeyTopics, type Envelope } from '@strata/contracts';
import { ormOptions } from '@strata/persistence';
import { ANVIL_CHAIN_ID, jsonRpc, readE2eRun, ensureSoftHsmTestToken } from '@strata/testing';
import {
  CustodyKey,
  KeyUsageRecord,
  PostgresKeyCustodyStore,
  type CustodiedKeyVault,
  Pkcs11KeyVault,
  Pkcs11Token,
  SoftwareKeyVault,
} from '@strata/key-custody';
import { eventually } from './support/eventually';
import { silentLogger } from './support/bus-harness';

const org = randomUUID();
const operator = {
  actor: 'operator-1',
  reason: 'e2e',
  organisationId: org,
  roles: ['operator' as const],
};
const clock = { now: () => new Date() };

describe('key custody on the real stack', () => {
  const run = readE2eRun();
  const suffix = randomUUID().slice(0, 8);
  const schema = `keys_test_${suffix}`;
  let orm: MikroORM;
  let bus: KafkaBus;
  let relay: OutboxRelay;
  let collector: ReturnType<KafkaBus['consumer']>;
  let token: Pkcs11Token;
  let software: SoftwareKeyVault;
  let hsm: Pkcs11KeyVault;
  const published: Envelope[] = [];

  beforeAll(async () => {
    orm = new MikroORM(
      ormOptions({
        databaseUrl: run.databaseUrl,
        schema,
        entities: [...BUS_ENTITIES, CustodyKey, KeyUsageRecord],
        migrations: [],
      }),
    );
    await orm.connect();
    await orm.schema.create({ schema });
    const store = new PostgresKeyCustodyStore(orm);
    software = new SoftwareKeyVault(store, clock, 'an e2e keystore passphrase');
    token = await Pkcs11Token.open(ensureSoftHsmTestToken());
    hsm = new Pkcs11KeyVault(store, clock, token);
    bus = new KafkaBus(
      {
        app: 'ledger',
        brokers: run.kafkaBrokers.split(','),
        topicPrefix: `${run.topicPrefix}keys-${suffix}.`,
        instanceId: randomUUID(),
      },
      silentLogger,
    );
    await bus.connect();
    await bus.ensureTopics([LedgerKeyTopics.keyUsed]);
    collector = bus.consumer(`keys-collector-${suffix}`);
    await collector.connect();
    await collector.subscribe({
      topics: [bus.wireName(LedgerKeyTopics.keyUsed)],
      fromBeginning: true,
    });
    await collector.run({
      eachMessage: async ({ message }) => void published.push(decodeEnvelope(message.value)),
    });
    relay = new OutboxRelay(orm, bus, silentLogger, { schema, pollIntervalMs: 100 });
    relay.start();
  });

  afterAll(async () => {
    await relay?.stop();
    await collector?.disconnect();
    await bus?.disconnect();
    token?.close();
    await orm?.em
      .getConnection()
      .execute(`drop schema if exists "${schema}" cascade`)
      .catch(() => undefined);
    await orm?.close();
  });

  const usages = (keyId: string) =>
    orm.em.fork().find(KeyUsageRecord, { keyId }, { orderBy: { signedAt: 'asc' } });

  it.each([
    ['software keystore', () => software],
    ['SoftHSM2 token', () => hsm],
  ])(
    'signs EIP-1559 and legacy transfers with the %s that anvil mines, each audited and announced',
    async (_name, vaultOf) => {
      const vault: CustodiedKeyVault = vaultOf();
      const { keyId, address } = await vault.createKey(org, `e2e-${_name}`);
      const stored = await orm.em.fork().findOneOrFail(CustodyKey, { id: keyId });
      expect(stored).toMatchObject({ ownerOrganisationId: org, address });
      await jsonRpc(run.anvilRpcUrl, 'anvil_setBalance', [address, '0xde0b6b3a7640000']);
      const gasPrice = BigInt(await jsonRpc<string>(run.anvilRpcUrl, 'eth_gasPrice'));
      const base: TransactionLike = {
        chainId: BigInt(ANVIL_CHAIN_ID),
        to: randomAddress(),
        value: 1000n,
        gasLimit: 21_000n,
      };
      const unsigned: TransactionLike[] = [
        {
          ...base,
          type: 2,
          nonce: 0,
          maxFeePerGas: gasPrice * 3n,
          maxPriorityFeePerGas: 1_000_000n,
        },
        { ...base, type: 0, nonce: 1, gasPrice: gasPrice * 3n },
      ];
      const hashes: string[] = [];
      for (const tx of unsigned) {
        const raw = await vault.sign(keyId, tx, operator);
        expect(Transaction.from(raw).from).toBe(address);
        hashes.push(await jsonRpc<string>(run.anvilRpcUrl, 'eth_sendRawTransaction', [raw]));
      }
      for (const hash of hashes) {
        const receipt = await eventually(
          () =>
            jsonRpc<{ status: string; from: string } | null>(
              run.anvilRpcUrl,
              'eth_getTransactionReceipt',
              [hash],
            ).then((r) => r ?? undefined),
          `the receipt of ${hash}`,
        );
        expect(receipt).toMatchObject({ status: '0x1', from: address.toLowerCase() });
      }
      expect(
        (await usages(keyId)).map((u) => [u.actor, u.actorOrganisationId, u.purpose, u.txHash]),
      ).toEqual(hashes.map((hash) => ['operator-1', org, 'transaction', hash]));
      const events = await eventually(() => {
        const mine = published.filter((e) => keyUsedSchema.parse(e.payload).keyId === keyId);
        return mine.length === 2 ? mine : undefined;
      }, 'two key-used events');
      expect(events.map((e) => keyUsedSchema.parse(e.payload).txHash).sort()).toEqual(
        [...hashes].sort(),
      );
    },
  );

  it("joins the caller's transaction: a rolled back command keeps neither the key nor its audit", async () => {
    let keyId = '';
    await expect(
      orm.em.fork().transactional(async () => {
        keyId = (await software.createKey(org, 'rolled-back')).keyId;
        await software.signDigest(keyId, new Uint8Array(32).fill(1), operator);
        throw new Error('the command failed after signing');
      }),
    ).rejects.toThrow('the command failed');
    expect(await orm.em.fork().count(CustodyKey, { id: keyId })).toBe(0);
    expect(await usages(keyId)).toEqual([]);
  });

  it('refuses another organisation with 403 and stores no audit and no event', async () => {
    const { keyId } = await hsm.createKey(org, 'guarded');
    const outboxBefore = await orm.em.fork().count(OutboxMessage, {});
    await expect(
      hsm.sign(
        keyId,
        { chainId: 1n, nonce: 0, gasLimit: 21_000n, gasPrice: 1n, to: randomAddress() },
        { ...operator, organisationId: randomUUID() },
      ),
    ).rejects.toMatchObject({ problem: { status: 403 } });
    expect(await usages(keyId)).toEqual([]);
    expect(await orm.em.fork().count(OutboxMessage, {})).toBe(outboxBefore);
  });
});

function randomAddress(): string {
  return `0x${randomUUID().replaceAll('-', '')}${'00000000'}`;
}
