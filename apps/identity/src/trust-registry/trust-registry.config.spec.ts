/** The trust registries' settings are all or nothing, and schema ids are read from credentials as documented. */
import { keccak256, toUtf8Bytes } from 'ethers';
import { credentialSchemaIds } from './issuer-trust';
import { trustRegistrySettings } from './trust-registry.config';

const ALL = {
  STRATA_IDENTITY_TRUST_RPC_URL: 'http://127.0.0.1:8545',
  STRATA_IDENTITY_TRUST_NETWORK_ID: '7d3c0f43-1d8e-4d2b-9a51-5c8c7c2a1f00',
  STRATA_IDENTITY_DID_REGISTRY_ADDRESS: `0x${'1'.repeat(40)}`,
  STRATA_IDENTITY_TRUSTED_ISSUERS_REGISTRY_ADDRESS: `0x${'2'.repeat(40)}`,
  STRATA_IDENTITY_TRUSTED_SCHEMAS_REGISTRY_ADDRESS: `0x${'3'.repeat(40)}`,
};

describe('trustRegistrySettings', () => {
  it('is off without any variable and on with all of them', () => {
    expect(trustRegistrySettings({})).toBeNull();
    expect(trustRegistrySettings(ALL)).toMatchObject({ rpcUrl: ALL.STRATA_IDENTITY_TRUST_RPC_URL });
  });

  it('refuses to start with only some of the variables', () => {
    for (const name of Object.keys(ALL)) {
      const partial: Record<string, string> = { ...ALL };
      delete partial[name];
      expect(() => trustRegistrySettings(partial)).toThrow(/all of .* or none/);
    }
  });
});

describe('credentialSchemaIds', () => {
  const id = `0x${'ab'.repeat(32)}`;

  it('takes the bytes32 at the end of credentialSchema.id, otherwise keccak256 of the URI', () => {
    expect(
      credentialSchemaIds({ vc: { credentialSchema: { id: `https://x/schemas/${id}` } } }),
    ).toEqual([id]);
    expect(
      credentialSchemaIds({ vc: { credentialSchema: [{ id: 'https://x/diploma.json' }] } }),
    ).toEqual([keccak256(toUtf8Bytes('https://x/diploma.json'))]);
  });

  it('gives no ids for credentials without a usable credentialSchema', () => {
    for (const vc of [
      undefined,
      {},
      { credentialSchema: 42 },
      { credentialSchema: [{ id: '' }] },
    ]) {
      expect(credentialSchemaIds({ vc })).toEqual([]);
    }
  });
});
