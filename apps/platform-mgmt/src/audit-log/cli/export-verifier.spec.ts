import { randomUUID } from 'node:crypto';
import type { AuditAnchor, AuditEntry, AuditExport } from '@strata/contracts';
import { entryHash, GENESIS_HASH } from '../hash-chain';
import { bytesToHex0x, hexToBytes, merkleRoot } from '../merkle-tree';
import type { AnchorContractReader, OnChainAnchor } from './anchor-contract-reader';
import { verifyExport } from './export-verifier';

const CONTRACT = '0x00000000000000000000000000000000000000aa';

/** The chain as the auditor's RPC shows it: roots recorded in the contract. */
class FakeChain implements AnchorContractReader {
  readonly roots = new Map<string, OnChainAnchor>();
  chainId = () => Promise.resolve('31337');
  anchorOf = (_contract: string, root: string) => Promise.resolve(this.roots.get(root));
  transactionAnchored = (_tx: string, _c: string, root: string) =>
    Promise.resolve(this.roots.has(root));
}

function entries(count: number): AuditEntry[] {
  const list: AuditEntry[] = [];
  for (let sequence = 1; sequence <= count; sequence++) {
    const id = randomUUID();
    const event = {
      id,
      type: 'strata.platform-mgmt.organisation-registered.v1',
      payload: { n: sequence },
    };
    const link = {
      sequence,
      topic: event.type,
      eventId: id,
      event,
      previousHash: list.at(-1)?.hash ?? GENESIS_HASH,
    };
    list.push({
      ...link,
      organisationId: null,
      networkId: null,
      occurredAt: new Date(0).toISOString(),
      hash: entryHash(link),
    });
  }
  return list;
}

function anchorOver(
  list: AuditEntry[],
  first: number,
  last: number,
  chain: FakeChain,
): AuditAnchor {
  const root = bytesToHex0x(merkleRoot(list.slice(first - 1, last).map((e) => hexToBytes(e.hash))));
  chain.roots.set(root, { firstSequence: first, lastSequence: last, blockNumber: 7 });
  return {
    id: randomUUID(),
    networkId: randomUUID(),
    chainId: '31337',
    contractAddress: CONTRACT,
    firstSequence: first,
    lastSequence: last,
    root,
    status: 'anchored',
    txHash: `0x${'1'.repeat(64)}`,
    blockNumber: 7,
    createdAt: new Date(0).toISOString(),
    anchoredAt: new Date(0).toISOString(),
  };
}

function exported(): { doc: AuditExport; chain: FakeChain } {
  const chain = new FakeChain();
  const list = entries(12);
  const doc: AuditExport = {
    format: 'strata-audit-log/v1',
    exportedAt: new Date(0).toISOString(),
    entries: list,
    anchors: [anchorOver(list, 1, 5, chain), anchorOver(list, 6, 10, chain)],
  };
  return { doc, chain };
}

const redact = (entry: AuditEntry) => ({
  sequence: entry.sequence,
  redacted: true as const,
  previousHash: entry.previousHash,
  hash: entry.hash,
});

describe('the offline verifier of an exported audit log', () => {
  it('verifies an untouched export and reports the entries not anchored yet', async () => {
    const { doc, chain } = exported();
    const report = await verifyExport(doc, chain);
    expect(report).toMatchObject({ ok: true, entries: 12, anchorsVerified: 2, unanchored: 2 });
  });

  it('names the first edited entry', async () => {
    const { doc, chain } = exported();
    ((doc.entries[6] as AuditEntry).event.payload as { n: number }).n = 700;
    const report = await verifyExport(doc, chain);
    expect(report.ok).toBe(false);
    expect(report.failures[0]).toMatch(/^entry 7: content does not match its hash/);
  });

  it('fails when an edited entry was re-hashed: the chain link breaks, and the anchored root no longer matches', async () => {
    const { doc, chain } = exported();
    const entry = doc.entries[2] as AuditEntry;
    entry.event = { ...entry.event, payload: { n: 300 } };
    entry.hash = entryHash(entry);
    const report = await verifyExport(doc, chain);
    expect(report.failures[0]).toMatch(/^entry 4: previousHash/);
    expect(report.failures.join('\n')).toMatch(/anchor .* \(entries 1\.\.5\): Merkle root/);
  });

  it('fails when an anchor names a root that is not on chain', async () => {
    const { doc, chain } = exported();
    chain.roots.delete(doc.anchors[1].root);
    const report = await verifyExport(doc, chain);
    expect(report.ok).toBe(false);
    expect(report.failures).toEqual([
      expect.stringMatching(/entries 6\.\.10\): root 0x[0-9a-f]{64} is not recorded in contract/),
    ]);
  });

  it('fails when the chain records the root for another range', async () => {
    const { doc, chain } = exported();
    chain.roots.set(doc.anchors[0].root, { firstSequence: 1, lastSequence: 4, blockNumber: 7 });
    const report = await verifyExport(doc, chain);
    expect(report.failures[0]).toMatch(/records root .* for entries 1\.\.4/);
  });

  it("verifies a restricted auditor's export: redacted entries keep the links and the Merkle roots", async () => {
    const { doc, chain } = exported();
    doc.entries = doc.entries.map((entry, i) =>
      i % 2 === 0 ? entry : { ...redact(entry as AuditEntry) },
    );
    const report = await verifyExport(doc, chain);
    expect(report).toMatchObject({ ok: true, entries: 12, anchorsVerified: 2 });
    expect(report.warnings.join('\n')).toMatch(/6 entries are redacted/);
  });

  it('detects a redacted entry whose hash was changed (the next link and the root break)', async () => {
    const { doc, chain } = exported();
    doc.entries[3] = { ...redact(doc.entries[3] as AuditEntry), hash: 'f'.repeat(64) };
    const report = await verifyExport(doc, chain);
    expect(report.ok).toBe(false);
    expect(report.failures[0]).toMatch(/^entry 5: previousHash/);
    expect(report.failures.join('\n')).toMatch(/anchor .* \(entries 1\.\.5\): Merkle root/);
  });

  it('refuses a document that is not an export', async () => {
    const report = await verifyExport({ entries: 'no' }, new FakeChain());
    expect(report.ok).toBe(false);
    expect(report.failures[0]).toMatch(/^not a strata-audit-log\/v1 export/);
  });
});
