/** Sealing node keys: round trip, binding to the node id, wrong secret. */
import { randomUUID } from 'node:crypto';
import { EncryptedNodeKeyStore } from './encrypted-node-key-store';

describe('EncryptedNodeKeyStore', () => {
  const key = `0x${'11'.repeat(32)}`;

  it('opens what it sealed and never stores the key in clear', () => {
    const store = new EncryptedNodeKeyStore('secret-one');
    const nodeId = randomUUID();
    const sealed = store.seal(nodeId, key);
    expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toContain('1111');
    expect(store.open(nodeId, sealed)).toBe(key);
  });

  it('refuses a sealed key moved to another node or opened with another secret', () => {
    const nodeId = randomUUID();
    const sealed = new EncryptedNodeKeyStore('secret-one').seal(nodeId, key);
    expect(() => new EncryptedNodeKeyStore('secret-one').open(randomUUID(), sealed)).toThrow();
    expect(() => new EncryptedNodeKeyStore('secret-two').open(nodeId, sealed)).toThrow();
  });
});
