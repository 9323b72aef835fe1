/**
 * Where platform-mgmt keeps the private keys of the nodes it provisions. A port, so the ledger's
 * KeyVault (software keystore / PKCS#11) can replace the software adapter once platform-mgmt can
 * reach it over the bus; until then this duplicates key custody (noted in the issue).
 */
import type { EntityManager } from '@mikro-orm/postgresql';

export abstract class NodeKeyStore {
  /** Stores a key in the caller's transaction; storing the same node twice is a programming error. */
  abstract store(em: EntityManager, nodeId: string, privateKey: string): void;
  /** The private keys of these nodes, by node id; unknown ids are absent. */
  abstract load(em: EntityManager, nodeIds: readonly string[]): Promise<Map<string, string>>;
}
