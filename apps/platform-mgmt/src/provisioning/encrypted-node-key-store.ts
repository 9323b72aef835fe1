/**
 * Software NodeKeyStore: each private key sealed with AES-256-GCM under a key derived from the
 * configured secret, bound to its node id (additional data), stored in platform-mgmt's schema.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { NodeKeyStore } from './node-key-store';

export const SealedNodeKey = defineEntity({
  name: 'SealedNodeKey',
  tableName: 'sealed_node_key',
  properties: {
    nodeId: p.uuid().primary(),
    /** base64 of iv (12 bytes) | tag (16 bytes) | ciphertext. */
    sealed: p.text(),
  },
});
export type SealedNodeKey = InferEntity<typeof SealedNodeKey>;

export class EncryptedNodeKeyStore extends NodeKeyStore {
  private readonly key: Buffer;

  constructor(secret: string) {
    super();
    this.key = createHash('sha256').update(`strata-node-keys:${secret}`).digest();
  }

  store(em: EntityManager, nodeId: string, privateKey: string): void {
    em.create(SealedNodeKey, { nodeId, sealed: this.seal(nodeId, privateKey) });
  }

  async load(em: EntityManager, nodeIds: readonly string[]): Promise<Map<string, string>> {
    if (nodeIds.length === 0) return new Map();
    const rows = await em.find(SealedNodeKey, { nodeId: { $in: [...nodeIds] } });
    return new Map(rows.map((row) => [row.nodeId, this.open(row.nodeId, row.sealed)]));
  }

  seal(nodeId: string, privateKey: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(nodeId));
    const ciphertext = Buffer.concat([cipher.update(privateKey, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
  }

  open(nodeId: string, sealed: string): string {
    const bytes = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from(nodeId));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  }
}
