/**
 * Checks the owners' approvals of a master-account action off chain, before anything is signed
 * or stored: the same rules the contract applies (deadline, distinct owners, threshold), so a
 * submission that would revert is refused with a clear problem instead of costing a transaction.
 * Returns the signatures in the order the contract wants and who signed.
 */
import { getAddress, recoverAddress } from 'ethers';
import type { MasterAccountActionRequest } from '@strata/contracts';
import { DomainProblem } from '@strata/bus';
import { masterAccountDomain, masterActionDigest, type MasterAccountAction } from '@strata/chain';

export interface ApprovalCheck {
  chainId: bigint;
  masterAccount: string;
  action: MasterAccountAction;
  signatures: readonly string[];
  owners: readonly string[];
  threshold: number;
  now: Date;
}

export interface CheckedApprovals {
  /** Signatures sorted by increasing signer address, as `bytes[] signatures` expects them. */
  signatures: string[];
  signers: string[];
}

const refused = (code: string, title: string, detail: string, status = 422) =>
  new DomainProblem({ code, status, title, detail });

/** The bus request (decimal strings) as the typed action the contract binding signs. */
export function toMasterAccountAction(request: MasterAccountActionRequest): MasterAccountAction {
  const common = { nonce: BigInt(request.nonce), deadline: BigInt(request.deadline) };
  switch (request.kind) {
    case 'authorise-account':
    case 'freeze-account':
      return { kind: request.kind, account: getAddress(request.account), ...common };
    case 'replace-account':
      return {
        kind: request.kind,
        account: getAddress(request.account),
        replacement: getAddress(request.replacement),
        ...common,
      };
    case 'change-owners':
      return {
        kind: request.kind,
        owners: request.owners.map((o) => getAddress(o)),
        threshold: BigInt(request.threshold),
        ...common,
      };
  }
}

function recover(digest: string, signature: string, index: number): string {
  try {
    return recoverAddress(digest, signature);
  } catch {
    throw DomainProblem.invalidFields(`Signature ${index} is not a valid secp256k1 signature.`, [
      { path: `signatures.${index}`, message: 'not a valid (low-s) ECDSA signature' },
    ]);
  }
}

export function checkApprovals(check: ApprovalCheck): CheckedApprovals {
  if (BigInt(Math.floor(check.now.getTime() / 1000)) > check.action.deadline) {
    throw refused('action-expired', 'The action has expired', 'Its deadline has passed.');
  }
  const digest = masterActionDigest(
    masterAccountDomain(check.chainId, check.masterAccount),
    check.action,
  );
  const owners = new Set(check.owners.map((o) => o.toLowerCase()));
  const signed = check.signatures.map((signature, i) => ({
    signer: recover(digest, signature, i),
    signature,
  }));
  const strangers = signed.filter((s) => !owners.has(s.signer.toLowerCase()));
  if (strangers.length > 0) {
    throw refused(
      'signer-not-owner',
      'A signature is not from an owner',
      `Not owners of the master account (or signed another action): ${strangers.map((s) => s.signer).join(', ')}.`,
    );
  }
  signed.sort((a, b) => (BigInt(a.signer) < BigInt(b.signer) ? -1 : 1));
  if (signed.some((s, i) => i > 0 && s.signer === signed[i - 1].signer)) {
    throw refused('duplicate-signer', 'An owner signed twice', 'Each owner counts once.');
  }
  if (signed.length < check.threshold) {
    throw refused(
      'not-enough-approvals',
      'Not enough owner approvals',
      `${signed.length} of the ${check.threshold} required owner signatures.`,
    );
  }
  return { signatures: signed.map((s) => s.signature), signers: signed.map((s) => s.signer) };
}
