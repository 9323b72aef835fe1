/**
 * Verifies an exported audit log without trusting the platform: (1) the hash chain — every
 * entry's hash recomputed from its RFC 8785 form and linked to the one before; (2) every anchor's
 * Merkle root recomputed from the exported entries; (3) that root really recorded for that range
 * in the AuditAnchors contract on chain (and emitted by the anchoring transaction). The first
 * problem found is reported with the entry's sequence. Redacted entries (a grant-restricted
 * auditor's export) take part in the links and roots; only their content goes unchecked.
 */
import { auditExportSchema, type AuditAnchor, type AuditExport } from '@strata/contracts';
import { type ChainFault, firstChainFault, GENESIS_HASH, isRedacted } from '../hash-chain';
import { bytesToHex0x, hexToBytes, merkleRoot } from '../merkle-tree';
import type { AnchorContractReader } from './anchor-contract-reader';

export interface VerificationReport {
  ok: boolean;
  entries: number;
  anchorsVerified: number;
  /** Entries after the last anchor (not yet provable on chain). */
  unanchored: number;
  failures: string[];
  warnings: string[];
}

export type Progress = (line: string) => void;

function describeFault(fault: ChainFault): string {
  switch (fault.kind) {
    case 'sequence-gap':
      return `entry ${fault.sequence}: expected sequence ${fault.expected} (an entry is missing or out of order)`;
    case 'broken-link':
      return `entry ${fault.sequence}: previousHash ${fault.found} does not match the hash of the entry before (${fault.expected})`;
    case 'hash-mismatch':
      return `entry ${fault.sequence}: content does not match its hash (recomputed ${fault.expected}, recorded ${fault.found}) — the entry was edited`;
  }
}

function entryFault(doc: AuditExport): string | undefined {
  for (const entry of doc.entries) {
    if (!isRedacted(entry) && entry.event.id !== entry.eventId) {
      return `entry ${entry.sequence}: eventId ${entry.eventId} differs from the event's id`;
    }
  }
  const first = doc.entries[0];
  const start = first?.sequence === 1 ? GENESIS_HASH : first?.previousHash;
  const fault = firstChainFault(doc.entries, start);
  return fault ? describeFault(fault) : undefined;
}

async function anchorFault(
  doc: AuditExport,
  anchor: AuditAnchor,
  chain: AnchorContractReader,
  chainId: string,
): Promise<string | undefined> {
  const label = `anchor ${anchor.id} (entries ${anchor.firstSequence}..${anchor.lastSequence})`;
  if (anchor.chainId && anchor.chainId !== chainId) {
    return `${label}: was anchored on chain ${anchor.chainId}, the RPC serves chain ${chainId}`;
  }
  const covered = doc.entries.filter(
    (e) => e.sequence >= anchor.firstSequence && e.sequence <= anchor.lastSequence,
  );
  if (covered.length !== anchor.lastSequence - anchor.firstSequence + 1) {
    return `${label}: the export does not hold every entry of the anchored range`;
  }
  const root = bytesToHex0x(merkleRoot(covered.map((e) => hexToBytes(e.hash))));
  if (root !== anchor.root.toLowerCase()) {
    return `${label}: Merkle root recomputed from the entries is ${root}, the export says ${anchor.root}`;
  }
  const onChain = await chain.anchorOf(anchor.contractAddress, root);
  if (!onChain) {
    return `${label}: root ${root} is not recorded in contract ${anchor.contractAddress} on chain ${chainId}`;
  }
  if (
    onChain.firstSequence !== anchor.firstSequence ||
    onChain.lastSequence !== anchor.lastSequence
  ) {
    return `${label}: the contract records root ${root} for entries ${onChain.firstSequence}..${onChain.lastSequence}`;
  }
  if (
    anchor.txHash &&
    !(await chain.transactionAnchored(anchor.txHash, anchor.contractAddress, root, anchor))
  ) {
    return `${label}: transaction ${anchor.txHash} did not anchor this root`;
  }
  return undefined;
}

export async function verifyExport(
  input: unknown,
  chain: AnchorContractReader,
  progress: Progress = () => undefined,
): Promise<VerificationReport> {
  const report: VerificationReport = {
    ok: false,
    entries: 0,
    anchorsVerified: 0,
    unanchored: 0,
    failures: [],
    warnings: [],
  };
  const parsed = auditExportSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    report.failures.push(
      `not a strata-audit-log/v1 export: ${issue?.path.join('.')} ${issue?.message}`,
    );
    return report;
  }
  const doc = parsed.data;
  report.entries = doc.entries.length;
  const range = doc.entries.length
    ? `${doc.entries[0].sequence}..${doc.entries.at(-1)?.sequence}`
    : 'none';
  progress(`checking the hash chain of ${doc.entries.length} entries (${range})`);
  const chainProblem = entryFault(doc);
  if (chainProblem) report.failures.push(chainProblem);
  else progress('  hash chain intact');
  const chainId = await chain.chainId();
  const anchors = doc.anchors.filter((a) => a.status === 'anchored');
  progress(`checking ${anchors.length} anchors against chain ${chainId}`);
  for (const anchor of anchors) {
    const problem = await anchorFault(doc, anchor, chain, chainId);
    if (problem) {
      report.failures.push(problem);
      continue;
    }
    report.anchorsVerified += 1;
    progress(
      `  anchor ${anchor.firstSequence}..${anchor.lastSequence}: root ${anchor.root} on chain`,
    );
  }
  const redacted = doc.entries.filter(isRedacted).length;
  if (redacted > 0) {
    report.warnings.push(
      `${redacted} entries are redacted (outside your grants): their links and Merkle leaves were checked, their content was not`,
    );
  }
  const lastAnchored = Math.max(0, ...anchors.map((a) => a.lastSequence));
  report.unanchored = doc.entries.filter((e) => e.sequence > lastAnchored).length;
  if (report.unanchored > 0) {
    report.warnings.push(
      `${report.unanchored} entries after sequence ${lastAnchored} are not anchored yet`,
    );
  }
  report.ok = report.failures.length === 0;
  return report;
}
