/**
 * The verifiable audit log end to end on the real stack: events of other apps (organisation
 * registered, ledger accounts and transactions) land in platform-mgmt's hash chain from Kafka,
 * the Merkle root of new entries is anchored on the run's anvil through the ledger's transaction
 * manager, the whole log's entries, inclusion proofs and anchors are read through the gateway
 * (SDK, as a platform administrator; a granted auditor's narrower view is in
 * auditor-grants.e2e.ts), and the offline verifier (`npm run audit:verify`) passes on an export
 * and fails on an edited export, on a database row edited behind the platform's back and on a
 * wrong anchor.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Interface } from 'ethers';
import pino from 'pino';
import { Client } from 'pg';
import type { AuditLogApi } from '@strata/sdk';
import { KafkaBus, createEnvelope } from '@strata/bus';
import { type AuditEntry, AuditLogTopics } from '@strata/contracts';
import { AuditAnchorsArtifact } from '@strata/chain';
import {
  decodeTokenClaims,
  jsonRpc,
  killApp,
  readE2eRun,
  restartApp,
  startAnotherInstance,
  stopProcess,
} from '@strata/testing';
import { apiAs, type Api, problemOf, raw, uniqueName } from './support/api';
import { auditLogApi, exportedAuditLog, verifyAuditExport } from './support/audit-log';
import { eventually } from './support/eventually';
import { memberWithRole } from './support/ledger';

type AuditAnchor = Awaited<ReturnType<AuditLogApi['listAuditAnchors']>>['items'][number];
type ListedEntry = Awaited<ReturnType<AuditLogApi['listAuditEntries']>>['items'][number];

const ORGANISATION_REGISTERED = 'strata.platform-mgmt.organisation-registered.v1';
const anchorsAbi = new Interface(AuditAnchorsArtifact.abi);

/** RFC 6962 Merkle tree hash, written out again here so the test does not trust the app's. */
const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
function treeHash(leaves: Buffer[]): Buffer {
  if (leaves.length === 1) return sha256(Buffer.from([0]), leaves[0]);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha256(Buffer.from([1]), treeHash(leaves.slice(0, k)), treeHash(leaves.slice(k)));
}

/** RFC 9162 §2.1.3.2: the root an inclusion proof leads to. */
function rootFromProof(leaf: Buffer, index: number, size: number, path: Buffer[]): Buffer {
  let [fn, sn, r] = [index, size - 1, sha256(Buffer.from([0]), leaf)];
  for (const p of path) {
    if (fn % 2 === 1 || fn === sn) {
      r = sha256(Buffer.from([1]), p, r);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn >> 1, sn >> 1];
    } else r = sha256(Buffer.from([1]), r, p);
    [fn, sn] = [fn >> 1, sn >> 1];
  }
  return r;
}

function testBus(): KafkaBus {
  const run = readE2eRun();
  return new KafkaBus(
    {
      app: 'gateway',
      brokers: run.kafkaBrokers.split(','),
      topicPrefix: run.topicPrefix,
      instanceId: randomUUID(),
    },
    pino({ level: 'silent' }),
  );
}

describe('verifiable audit log, end to end', () => {
  let admin: Api;
  let auditor: Api;
  let audit: AuditLogApi;
  let operatorOrganisationId: string;
  let networkId: string;
  let anchored: AuditAnchor;

  /** The entry of an organisation's registration, once the audit log has it. */
  const registrationEntry = (organisationId: string) =>
    eventually(async () => {
      const page = await audit.listAuditEntries({ topic: ORGANISATION_REGISTERED, limit: 100 });
      const all = [...page.items];
      for (let offset = 100; offset < page.total; offset += 100) {
        all.push(
          ...(await audit.listAuditEntries({ topic: ORGANISATION_REGISTERED, limit: 100, offset }))
            .items,
        );
      }
      return all.find(
        (e) => (e.event as { payload?: { id?: string } }).payload?.id === organisationId,
      );
    }, `the registration of ${organisationId} in the audit log`);

  /** The chain's entries (after `chainLength`) of these event ids, once all are there. */
  const entriesOf = (ids: string[], chainLength: number) =>
    eventually(
      async () => {
        const found: ListedEntry[] = [];
        const { total } = await audit.listAuditEntries({ limit: 1 });
        for (let offset = chainLength; offset < total; offset += 100) {
          const page = await audit.listAuditEntries({ limit: 100, offset });
          found.push(...page.items.filter((e) => ids.includes(e.eventId)));
        }
        return found.length >= ids.length ? found : undefined;
      },
      `${ids.length} events in the audit log`,
      180_000,
    );

  /**
   * The range from the first to the last of `entries` is gap-free and passes the offline
   * verifier, which recomputes every hash and link (anchors left out: the range need not cover
   * whole anchored ranges).
   */
  const expectVerifiedRange = async (entries: ListedEntry[]) => {
    const sequences = entries.map((e) => e.sequence);
    const [first, last] = [Math.min(...sequences), Math.max(...sequences)];
    const document = await exportedAuditLog(admin, `?fromSequence=${first}&toSequence=${last}`);
    expect(document.entries.map((e) => e.sequence)).toEqual(
      Array.from({ length: last - first + 1 }, (_, i) => first + i),
    );
    const verified = await verifyAuditExport({ ...document, anchors: [] });
    expect(verified.output).toContain(`VERIFIED: ${document.entries.length} entries`);
    expect(verified.code).toBe(0);
  };

  beforeAll(async () => {
    admin = await apiAs('admin');
    // The whole log is the platform administrator's read; an auditor's is narrowed to their
    // grants (test/auditor-grants.e2e.ts), so the seeded auditor gets one to reach the routes.
    audit = auditLogApi(admin);
    auditor = await apiAs('auditor');
    const granted = await admin.organisations.registerOrganisation({
      registerOrganisation: { name: uniqueName('Audited by the seeded auditor'), country: 'LU' },
    });
    const grant = await raw(
      admin,
      'POST',
      '/api/v1/auditor-grants',
      {
        auditorSubject: decodeTokenClaims(auditor.token).sub,
        organisationIds: [granted.id],
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(grant.status).toBe(201);
  });

  it('appends events of other apps to the hash chain, each linked to the one before', async () => {
    const organisation = await admin.organisations.registerOrganisation({
      registerOrganisation: { name: uniqueName('Audited agency'), country: 'FR' },
    });
    const entry = await registrationEntry(organisation.id);
    expect(entry.eventId).toBe((entry.event as { id: string }).id);
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
    if (entry.sequence === 1) expect(entry.previousHash).toBe('0'.repeat(64));
    else {
      const before = await audit.listAuditEntries({ limit: 1, offset: entry.sequence - 2 });
      expect(before.items[0].sequence).toBe(entry.sequence - 1);
      expect(entry.previousHash).toBe(before.items[0].hash);
    }

    // The ledger's events too, filtered by the organisation they concern.
    const member = await memberWithRole(admin);
    const ledgerNetwork = await admin.networks.registerNetwork({
      registerNetwork: {
        name: uniqueName('Audited ledger'),
        memberOrganisationIds: [member.organisationId],
        rpcUrl: readE2eRun().anvilRpcUrl,
      },
    });
    const account = await eventually(
      () =>
        member.tx.createSigningAccount({
          id: ledgerNetwork.id,
          createSigningAccount: { label: uniqueName('audited') },
          idempotencyKey: randomUUID(),
        }),
      'the ledger to create the account',
    );
    const accountEntry = await eventually(async () => {
      const page = await audit.listAuditEntries({
        organisationId: member.organisationId,
        topic: 'strata.ledger.signing-account-created.v1',
      });
      return page.items.find(
        (e) => (e.event as { payload?: { id?: string } }).payload?.id === account.id,
      );
    }, 'the signing account event in the audit log');
    expect(accountEntry.organisationId).toBe(member.organisationId);
  });

  it('records a redelivered event once', async () => {
    const bus = testBus();
    await bus.connect();
    try {
      const envelope = createEnvelope({
        type: AuditLogTopics.anchoringConfigured,
        payload: { test: 'redelivery', at: Date.now() },
      });
      const message = { topic: AuditLogTopics.anchoringConfigured, key: envelope.id, envelope };
      await bus.publish([message]);
      await bus.publish([message, message]);
      const entry = await eventually(async () => {
        const page = await audit.listAuditEntries({
          topic: AuditLogTopics.anchoringConfigured,
          limit: 100,
        });
        return page.items.find((e) => e.eventId === envelope.id);
      }, 'the published event in the audit log');
      // Anything appended after it proves the duplicates were consumed before being ignored.
      const later = createEnvelope({ type: AuditLogTopics.anchoringConfigured, payload: {} });
      await bus.publish([{ ...message, key: later.id, envelope: later }]);
      await eventually(async () => {
        const page = await audit.listAuditEntries({ topic: AuditLogTopics.anchoringConfigured });
        return page.items.some((e) => e.eventId === later.id);
      }, 'a later event');
      const page = await audit.listAuditEntries({
        topic: AuditLogTopics.anchoringConfigured,
        limit: 100,
      });
      expect(page.items.filter((e) => e.eventId === envelope.id)).toHaveLength(1);
      expect(entry.topic).toBe(AuditLogTopics.anchoringConfigured);
    } finally {
      await bus.disconnect();
    }
  });

  it('deploys the anchor contract through the ledger and anchors the Merkle root on anvil', async () => {
    const operator = await admin.organisations.registerOrganisation({
      registerOrganisation: { name: uniqueName('Platform operator'), country: 'BE' },
    });
    operatorOrganisationId = operator.id;
    networkId = (
      await admin.networks.registerNetwork({
        registerNetwork: {
          name: uniqueName('Audit anchors'),
          memberOrganisationIds: [operator.id],
          rpcUrl: readE2eRun().anvilRpcUrl,
        },
      })
    ).id;
    const configured = await auditLogApi(admin).configureAuditAnchoring({
      configureAuditAnchoring: { networkId, organisationId: operator.id },
      idempotencyKey: randomUUID(),
    });
    expect(configured).toMatchObject({ networkId, status: 'creating-account' });

    const ready = await eventually(
      async () => {
        const anchoring = await audit.getAuditAnchoring();
        if (anchoring.status === 'failed') throw new Error(anchoring.failureReason ?? 'failed');
        return anchoring.status === 'ready' ? anchoring : undefined;
      },
      'the anchor contract to be deployed',
      180_000,
    );
    expect(ready.contractAddress).toMatch(/^0x[0-9a-fA-F]{40}$/);
    const code = await jsonRpc<string>(readE2eRun().anvilRpcUrl, 'eth_getCode', [
      ready.contractAddress,
      'latest',
    ]);
    expect(code.length).toBeGreaterThan(2);

    const registration = await registrationEntry(operator.id);
    anchored = await eventually(
      async () => {
        const page = await audit.listAuditAnchors({ limit: 100 });
        return page.items.find(
          (a) =>
            a.status === 'anchored' &&
            a.firstSequence <= registration.sequence &&
            a.lastSequence >= registration.sequence,
        );
      },
      'an anchor covering the operator registration',
      240_000,
    );
    expect(anchored).toMatchObject({
      networkId,
      contractAddress: ready.contractAddress,
      chainId: '31337',
    });
    expect(anchored.txHash).toMatch(/^0x[0-9a-f]{64}$/);

    const onChain = anchorsAbi.decodeFunctionResult(
      'anchorOf',
      await jsonRpc<string>(readE2eRun().anvilRpcUrl, 'eth_call', [
        {
          to: anchored.contractAddress,
          data: anchorsAbi.encodeFunctionData('anchorOf', [anchored.root]),
        },
        'latest',
      ]),
    );
    expect([Number(onChain[0]), Number(onChain[1])]).toEqual([
      anchored.firstSequence,
      anchored.lastSequence,
    ]);
    expect(Number(onChain[2])).toBe(anchored.blockNumber);
  }, 480_000);

  it("proves an entry's inclusion under its anchored root", async () => {
    const registration = await registrationEntry(operatorOrganisationId);
    const proof = await audit.getAuditEntryProof({ sequence: registration.sequence });
    expect(proof.anchor?.id).toBe(anchored.id);
    const leaf = Buffer.from(registration.hash, 'hex');
    const root = rootFromProof(
      leaf,
      proof.leafIndex ?? -1,
      proof.treeSize ?? 0,
      proof.path.map((p) => Buffer.from(p.slice(2), 'hex')),
    );
    expect(`0x${root.toString('hex')}`).toBe(anchored.root);
    // The same root rebuilt from the anchored entries themselves.
    const { entries } = await exportedAuditLog(
      admin,
      `?fromSequence=${anchored.firstSequence}&toSequence=${anchored.lastSequence}`,
    );
    const hashes = entries.map((e) => Buffer.from(e.hash, 'hex'));
    expect(`0x${treeHash(hashes).toString('hex')}`).toBe(anchored.root);
    expect(proof.treeSize).toBe(hashes.length);
  });

  it('the offline verifier passes on an export and names the edited entry of a tampered one', async () => {
    const document = await exportedAuditLog(admin, `?toSequence=${anchored.lastSequence}`);
    const passed = await verifyAuditExport(document);
    expect(passed.output).toMatch(/VERIFIED: \d+ entries, [1-9]\d* anchors on chain/);
    expect(passed.code).toBe(0);

    const tampered = structuredClone(document);
    const victim = tampered.entries[anchored.firstSequence - 1] as AuditEntry;
    (victim.event as { payload: Record<string, unknown> }).payload.name = 'Forged Agency';
    const failed = await verifyAuditExport(tampered);
    expect(failed.code).toBe(1);
    expect(failed.output).toContain(`FAILED: entry ${victim.sequence}: content does not match`);

    const wrongAnchor = structuredClone(document);
    const anchor = wrongAnchor.anchors.find((a) => a.id === anchored.id);
    if (!anchor) throw new Error('the export lacks the anchor');
    anchor.root = `0x${'ab'.repeat(32)}`;
    const refused = await verifyAuditExport(wrongAnchor);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(`anchor ${anchored.id}`);
    expect(refused.output).toMatch(/Merkle root recomputed from the entries is 0x[0-9a-f]{64}/);
  }, 400_000);

  it('the offline verifier detects a database row edited behind the platform', async () => {
    const registration = await registrationEntry(operatorOrganisationId);
    const db = new Client({ connectionString: readE2eRun().databaseUrl });
    await db.connect();
    const original = await db.query<{ event: string }>(
      'select event from platform_mgmt.audit_entry where sequence = $1',
      [registration.sequence],
    );
    try {
      await db.query(
        `update platform_mgmt.audit_entry set event = replace(event, '"country":"BE"', '"country":"XX"')
         where sequence = $1`,
        [registration.sequence],
      );
      const document = await exportedAuditLog(admin, `?toSequence=${anchored.lastSequence}`);
      const result = await verifyAuditExport(document);
      expect(result.code).toBe(1);
      expect(result.output).toContain(
        `FAILED: entry ${registration.sequence}: content does not match its hash`,
      );
    } finally {
      await db.query('update platform_mgmt.audit_entry set event = $1 where sequence = $2', [
        original.rows[0].event,
        registration.sequence,
      ]);
      await db.end();
    }
  }, 300_000);

  it('answers bad input with problem+json and stores nothing', async () => {
    const cases: [string, string, number][] = [
      ['GET', '/api/v1/audit-log/entries?limit=0', 400],
      ['GET', '/api/v1/audit-log/entries?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z', 400],
      ['GET', '/api/v1/audit-log/entries?organisationId=not-a-uuid', 400],
      ['GET', '/api/v1/audit-log/entries?unknown=1', 400],
      ['GET', '/api/v1/audit-log/entries/abc/proof', 400],
      ['GET', '/api/v1/audit-log/entries/0/proof', 400],
      ['GET', '/api/v1/audit-log/entries/999999999/proof', 404],
      ['GET', '/api/v1/audit-log/export?fromSequence=5&toSequence=2', 400],
      ['GET', '/api/v1/audit-log/export?fromSequence=1&toSequence=20000', 400],
      ['GET', '/api/v1/audit-log/anchors?limit=1000', 400],
    ];
    for (const [method, path, status] of cases) {
      const response = await raw(auditor, method, path);
      expect({ path, status: response.status }).toEqual({ path, status });
      expect(response.contentType).toContain('application/problem+json');
    }
    const before = await audit.getAuditAnchoring();
    const notMember = await problemOf(
      auditLogApi(admin).configureAuditAnchoring({
        configureAuditAnchoring: { networkId, organisationId: randomUUID() },
        idempotencyKey: randomUUID(),
      }),
    );
    expect(notMember.status).toBe(422);
    const unknownNetwork = await problemOf(
      auditLogApi(admin).configureAuditAnchoring({
        configureAuditAnchoring: {
          networkId: randomUUID(),
          organisationId: operatorOrganisationId,
        },
        idempotencyKey: randomUUID(),
      }),
    );
    expect(unknownNetwork.status).toBe(404);
    const malformed = await raw(
      admin,
      'PUT',
      '/api/v1/audit-log/anchoring',
      { networkId, organisationId: operatorOrganisationId, extra: true },
      { 'idempotency-key': randomUUID() },
    );
    expect(malformed.status).toBe(400);
    // Reads may time out (504) on a loaded machine; the configuration itself must be unchanged.
    expect(await eventually(() => audit.getAuditAnchoring(), 'the anchoring')).toEqual(before);
  });

  it('is read-only for auditors and closed to institutions', async () => {
    const writeAsAuditor = await raw(
      auditor,
      'PUT',
      '/api/v1/audit-log/anchoring',
      { networkId, organisationId: operatorOrganisationId },
      { 'idempotency-key': randomUUID() },
    );
    expect(writeAsAuditor.status).toBe(403);
    const institution = await apiAs('institution');
    for (const path of ['entries', 'anchors', 'export', 'entries/1/proof', 'anchoring']) {
      const response = await raw(institution, 'GET', `/api/v1/audit-log/${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 403 });
    }
  });

  it('keeps every event exactly once and the chain unbroken across a SIGKILL of platform-mgmt', async () => {
    const bus = testBus();
    await bus.connect();
    const ids: string[] = [];
    try {
      const batch = () =>
        Array.from({ length: 20 }, () => {
          const envelope = createEnvelope({
            type: AuditLogTopics.anchoringConfigured,
            payload: { test: 'crash', n: ids.length },
          });
          ids.push(envelope.id);
          return { topic: AuditLogTopics.anchoringConfigured, key: envelope.id, envelope };
        });
      await bus.publish(batch());
      await killApp('platform-mgmt', 'SIGKILL');
      await bus.publish(batch());
      await restartApp('platform-mgmt');
      const fresh = auditLogApi(await apiAs('admin'));
      const entries = await eventually(
        async () => {
          const page = await fresh.listAuditEntries({
            topic: AuditLogTopics.anchoringConfigured,
            limit: 100,
          });
          const found = page.items.filter((e) => ids.includes(e.eventId));
          return found.length >= ids.length ? found : undefined;
        },
        'every published event in the audit log after the restart',
        180_000,
      );
      expect(new Set(entries.map((e) => e.eventId)).size).toBe(ids.length);
      expect(entries).toHaveLength(ids.length);
      const first = Math.min(...entries.map((e) => e.sequence));
      const last = Math.max(...entries.map((e) => e.sequence));
      const { entries: range } = await exportedAuditLog(
        admin,
        `?fromSequence=${first}&toSequence=${last}`,
      );
      range.forEach((entry, i) => {
        expect(entry.sequence).toBe(first + i);
        if (i > 0) expect(entry.previousHash).toBe(range[i - 1].hash);
      });
    } finally {
      await bus.disconnect();
    }
  }, 480_000);

  it('appends a burst of events published at once exactly once each, in partition order, the chain unbroken', async () => {
    const bus = testBus();
    await bus.connect();
    try {
      const chainLength = (await audit.listAuditEntries({ limit: 1 })).total;
      // One key: one partition, so the consumer receives the burst in few Kafka batches.
      const key = randomUUID();
      const burst = Array.from({ length: 150 }, (_, n) => {
        const envelope = createEnvelope({
          type: AuditLogTopics.anchoringConfigured,
          payload: { test: 'burst', n },
        });
        return { topic: AuditLogTopics.anchoringConfigured, key, envelope };
      });
      const ids = burst.map((message) => message.envelope.id);
      // A repeat inside the burst, after its first occurrence.
      await bus.publish([...burst.slice(0, 75), burst[10], ...burst.slice(75)]);

      const entries = await entriesOf(ids, chainLength);
      // Listed in sequence order: the chain holds the partition's order, the repeat left out.
      expect(entries.map((e) => e.eventId)).toEqual(ids);
      await expectVerifiedRange(entries);
    } finally {
      await bus.disconnect();
    }
  }, 480_000);

  it('appends exactly once each, in order per key, the chain unbroken, with two platform-mgmt instances consuming', async () => {
    const second = await startAnotherInstance('platform-mgmt');
    const bus = testBus();
    await bus.connect();
    try {
      const chainLength = (await audit.listAuditEntries({ limit: 1 })).total;
      // Several keys: the partitions are shared between the two instances' consumers.
      const keys = Array.from({ length: 12 }, () => randomUUID());
      const burst = Array.from({ length: 240 }, (_, n) => {
        const envelope = createEnvelope({
          type: AuditLogTopics.anchoringConfigured,
          payload: { test: 'two instances', n },
        });
        return { topic: AuditLogTopics.anchoringConfigured, key: keys[n % 12], envelope };
      });
      await bus.publish(burst);
      const ids = burst.map((message) => message.envelope.id);
      const entries = await entriesOf(ids, chainLength);
      expect(entries.map((e) => e.eventId).sort()).toEqual([...ids].sort());
      const position = new Map(entries.map((e, i) => [e.eventId, i]));
      for (const key of keys) {
        const order = burst
          .filter((m) => m.key === key)
          .map((m) => position.get(m.envelope.id) ?? -1);
        expect(order).toEqual([...order].sort((a, b) => a - b));
      }
      await expectVerifiedRange(entries);
    } finally {
      await bus.disconnect();
      await stopProcess(second.pid, 10_000);
    }
  }, 480_000);
});
