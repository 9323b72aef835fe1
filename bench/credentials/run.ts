/**
 * npm run bench:credentials — raw did-jwt ES256K create/verify against Strata's issue/verify
 * service path without HTTP or the database: signing as the issuer through the KeyVault (software
 * keystore: usage policy, opening the sealed key (AES-256-GCM, KEK cached after the first scrypt),
 * signing, the audit record in an in-memory custody store), and the verifier's four checks (did:key
 * resolution, signature, validity period, a status lookup answering "not set"). Same process,
 * same run; prints ops/s and the ratio (target >= 0.9x).
 */
import { createJWT, ES256KSigner, verifyJWT } from 'did-jwt';
import { InMemoryKeyCustodyStore, SoftwareKeyVault } from '@strata/key-custody';
import { signAsIssuer } from '../../apps/identity/src/credentials/credential-signer';
import { verifyCredentialJwt } from '../../apps/identity/src/credentials/credential-verifier';
import {
  encodeDidKey,
  generatePrivateKey,
  publicKeyOf,
} from '../../apps/identity/src/identifiers/did-key';
import { didKeyResolver } from '../../apps/identity/src/identifiers/did-key-resolver';
import { DidKeyCustody } from '../../apps/identity/src/key-custody/did-key-custody';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

async function opsPerSecond(name: string, op: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 50; i++) await op(); // warm-up
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < SECONDS * 1000) {
    await op();
    count++;
  }
  const rate = count / ((performance.now() - started) / 1000);
  console.log(`${name.padEnd(38)} ${rate.toFixed(0).padStart(7)} ops/s`);
  return rate;
}

async function main(): Promise<void> {
  const privateKey = generatePrivateKey('secp256k1');
  const { did } = encodeDidKey('secp256k1', publicKeyOf('secp256k1', privateKey));
  const organisationId = '7f1b2c3d-0000-4000-8000-000000000001';
  const store = new InMemoryKeyCustodyStore();
  const clock = { now: () => new Date() };
  const vault = new SoftwareKeyVault(store, clock, 'benchmark-passphrase-not-secret');
  const custody = new DidKeyCustody(store, vault, null);
  const { keyId } = await custody.importKey(organisationId, did, 'secp256k1', privateKey);
  const issuer = { did, keyType: 'secp256k1' as const, keyId };
  const audit = {
    actor: 'bench',
    reason: 'benchmark',
    organisationId,
    roles: ['institution-admin' as const],
  };
  const payload = () => ({
    vc: {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      credentialSubject: { a: 1 },
    },
    nbf: Math.floor(Date.now() / 1000),
  });
  const signer = ES256KSigner(privateKey);
  const jwt = await createJWT(payload(), { issuer: did, signer }, { alg: 'ES256K' });
  const now = new Date();

  const rawCreate = await opsPerSecond('raw did-jwt createJWT ES256K', () =>
    createJWT(payload(), { issuer: did, signer }, { alg: 'ES256K' }),
  );
  const strataIssue = await opsPerSecond('Strata issue (vault: policy+sign+audit)', () =>
    signAsIssuer(custody, issuer, payload(), audit),
  );
  const rawVerify = await opsPerSecond('raw did-jwt verifyJWT ES256K', () =>
    verifyJWT(jwt, { resolver: didKeyResolver, policies: { aud: false } }),
  );
  const strataVerify = await opsPerSecond('Strata verify (4 checks)', () =>
    verifyCredentialJwt(jwt, now, async () => false),
  );
  console.log(`issue  ratio Strata/raw: ${(strataIssue / rawCreate).toFixed(2)}x (target >= 0.9x)`);
  console.log(
    `verify ratio Strata/raw: ${(strataVerify / rawVerify).toFixed(2)}x (target >= 0.9x)`,
  );
}

void main();
