/**
 * The Besu-specific administration RPCs platform-mgmt needs (QBFT validator voting, local
 * permissioning, peers), as a port: anvil has none of them, so tests use a fake Besu.
 * Every method talks to one node (its JSON-RPC URL); none retries: callers decide.
 * Proposing the same vote twice is harmless on Besu (it replaces the node's pending vote).
 */
export interface BesuPeer {
  /** The peer's enode URL. */
  readonly enode: string;
  readonly id: string;
}

export abstract class ConsensusAdmin {
  /** `qbft_proposeValidatorVote`: this node votes to add (true) or remove (false) a validator. */
  abstract proposeValidatorVote(rpcUrl: string, validator: string, add: boolean): Promise<void>;
  /** `qbft_getValidatorsByBlockNumber`: the validator set at a block ('latest' by default). */
  abstract validatorsAt(rpcUrl: string, block?: number | 'latest'): Promise<string[]>;
  /**
   * `perm_addNodesToAllowlist`. Besu refuses the whole call if one entry is already there, and
   * `perm_remove*` if one is absent: callers read the allowlist first and send only the difference.
   */
  abstract addNodesToAllowlist(rpcUrl: string, enodes: readonly string[]): Promise<void>;
  /** `perm_addAccountsToAllowlist`. */
  abstract addAccountsToAllowlist(rpcUrl: string, accounts: readonly string[]): Promise<void>;
  /** `perm_removeNodesFromAllowlist`. */
  abstract removeNodesFromAllowlist(rpcUrl: string, enodes: readonly string[]): Promise<void>;
  /** `perm_removeAccountsFromAllowlist`. */
  abstract removeAccountsFromAllowlist(rpcUrl: string, accounts: readonly string[]): Promise<void>;
  /** `perm_getNodesAllowlist`: the enode URLs the node allows, as it stores them. */
  abstract nodesAllowlist(rpcUrl: string): Promise<string[]>;
  /** `perm_getAccountsAllowlist`: the accounts the node allows, lower case. */
  abstract accountsAllowlist(rpcUrl: string): Promise<string[]>;
  /** `admin_peers`. */
  abstract peers(rpcUrl: string): Promise<BesuPeer[]>;
}

/** A node answered with a JSON-RPC error, or could not be reached, or answered nonsense. */
export class ConsensusAdminError extends Error {
  constructor(
    readonly method: string,
    message: string,
    readonly code?: number,
  ) {
    super(`${method}: ${message}`);
    this.name = 'ConsensusAdminError';
  }
}
