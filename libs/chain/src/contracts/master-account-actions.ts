/**
 * Typed binding of the OrganisationMasterAccount multisig (solidity/master-accounts): the
 * EIP-712 actions its owners sign off chain, their digests (what a KeyVault signs), the order
 * the contract expects signatures in, and the calldata / deployment data the transaction
 * manager sends. Pure functions: no provider, no key.
 */
import {
  AbiCoder,
  concat,
  getAddress,
  Interface,
  recoverAddress,
  TypedDataEncoder,
  type TypedDataDomain,
  type TypedDataField,
} from 'ethers';
import { OrganisationMasterAccountArtifact } from './generated';

export type MasterAccountAction =
  | { kind: 'authorise-account'; account: string; nonce: bigint; deadline: bigint }
  | { kind: 'freeze-account'; account: string; nonce: bigint; deadline: bigint }
  | {
      kind: 'replace-account';
      account: string;
      replacement: string;
      nonce: bigint;
      deadline: bigint;
    }
  | { kind: 'change-owners'; owners: string[]; threshold: bigint; nonce: bigint; deadline: bigint };

/** The on-chain status of an operational account (enum `AccountStatus`, same order). */
export const OPERATIONAL_ACCOUNT_STATUSES = ['none', 'authorised', 'frozen', 'retired'] as const;
export type OperationalAccountStatus = (typeof OPERATIONAL_ACCOUNT_STATUSES)[number];

const nonceAndDeadline: TypedDataField[] = [
  { name: 'nonce', type: 'uint256' },
  { name: 'deadline', type: 'uint256' },
];

const ACTION_TYPES: Record<MasterAccountAction['kind'], [string, TypedDataField[]]> = {
  'authorise-account': [
    'AuthoriseAccount',
    [{ name: 'account', type: 'address' }, ...nonceAndDeadline],
  ],
  'freeze-account': ['FreezeAccount', [{ name: 'account', type: 'address' }, ...nonceAndDeadline]],
  'replace-account': [
    'ReplaceAccount',
    [
      { name: 'account', type: 'address' },
      { name: 'replacement', type: 'address' },
      ...nonceAndDeadline,
    ],
  ],
  'change-owners': [
    'ChangeOwners',
    [
      { name: 'owners', type: 'address[]' },
      { name: 'threshold', type: 'uint256' },
      ...nonceAndDeadline,
    ],
  ],
};

export const masterAccountInterface = new Interface(OrganisationMasterAccountArtifact.abi);

/** The EIP-712 domain of one deployed master account (name and version as in the contract). */
export function masterAccountDomain(chainId: bigint, masterAccount: string): TypedDataDomain {
  return {
    name: 'Strata Master Account',
    version: '1',
    chainId,
    verifyingContract: getAddress(masterAccount),
  };
}

/** What an owner's wallet shows and signs (`eth_signTypedData_v4` / `signer.signTypedData`). */
export function masterActionTypedData(action: MasterAccountAction): {
  primaryType: string;
  types: Record<string, TypedDataField[]>;
  message: Record<string, unknown>;
} {
  const [primaryType, fields] = ACTION_TYPES[action.kind];
  const values: Record<string, unknown> = action;
  const message = Object.fromEntries(fields.map((field) => [field.name, values[field.name]]));
  return { primaryType, types: { [primaryType]: fields }, message };
}

/** The digest the owners sign (EIP-712 `\x19\x01 ‖ domainSeparator ‖ structHash`). */
export function masterActionDigest(domain: TypedDataDomain, action: MasterAccountAction): string {
  const { types, message } = masterActionTypedData(action);
  return TypedDataEncoder.hash(domain, types, message);
}

/**
 * The signatures ordered as the contract wants them (strictly increasing signer address).
 * Throws when a signature does not recover or two come from the same signer.
 */
export function orderSignatures(digest: string, signatures: readonly string[]): string[] {
  const signed = signatures.map((signature) => ({
    signer: BigInt(recoverAddress(digest, signature)),
    signature,
  }));
  signed.sort((a, b) => (a.signer < b.signer ? -1 : a.signer > b.signer ? 1 : 0));
  signed.forEach((entry, i) => {
    if (i > 0 && entry.signer === signed[i - 1].signer) throw new Error('duplicate signer');
  });
  return signed.map((entry) => entry.signature);
}

/** Calldata of the contract function that executes `action` with `signatures` (in order). */
export function encodeMasterAction(
  action: MasterAccountAction,
  signatures: readonly string[],
): string {
  switch (action.kind) {
    case 'authorise-account':
      return masterAccountInterface.encodeFunctionData('authoriseAccount', [
        action.account,
        action.nonce,
        action.deadline,
        signatures,
      ]);
    case 'freeze-account':
      return masterAccountInterface.encodeFunctionData('freezeAccount', [
        action.account,
        action.nonce,
        action.deadline,
        signatures,
      ]);
    case 'replace-account':
      return masterAccountInterface.encodeFunctionData('replaceAccount', [
        action.account,
        action.replacement,
        action.nonce,
        action.deadline,
        signatures,
      ]);
    case 'change-owners':
      return masterAccountInterface.encodeFunctionData('changeOwners', [
        action.owners,
        action.threshold,
        action.nonce,
        action.deadline,
        signatures,
      ]);
  }
}

/** Deployment data (creation bytecode ‖ constructor arguments) of a master account. */
export function encodeMasterAccountDeployment(
  organisation: string,
  owners: readonly string[],
  threshold: bigint,
): string {
  const args = AbiCoder.defaultAbiCoder().encode(
    ['bytes32', 'address[]', 'uint256'],
    [organisation, owners, threshold],
  );
  return concat([OrganisationMasterAccountArtifact.bytecode, args]);
}
