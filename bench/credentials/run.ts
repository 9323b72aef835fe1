/**
 * npm run bench:credentials — raw did-jwt ES256K create/verify against Strata's issue/verify
 * service path without HTTP or the database: signing as the issuer through the KeyVault (software
 * keystore: usage policy, the opened key from the vault's bounded unsealed-key cache (opened
 * once, AES-256-GCM; BENCH_UNSEALED_KEY_CACHE=off opens the sealed key for every signature),
 * signing, the audit record in an in-memory custody store), and the verifier's four checks (did:key
 * resolution, signature, validity period, a status lookup answering "not set"). Same process,
 * same run; prints ops/s and the ratio (target >= 0.9x). The raw and the Strata operation run in
 * alternating slices (BENCH_SLICE_MS each, for BENCH_SECONDS per side), so load from other
 * processes on the machine falls on both sides alike instead of on whichever ran second; the
 * CPU time per operation of each side is printed too.
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
const SLICE_MS = Number(process.env.BENCH_SLICE_MS ?? 100);

type Op = () => Promise<unknown>;

interface Tally {
  count: number;
  /** Wall-clock milliseconds. */
  elapsed: number;
  /** CPU microseconds of this process (user + system). */
  cpu: number;
}

/** Runs `op` for about `ms`; returns how many operations finished and the time they took. */
async function slice(op: Op, ms: number): Promise<Tally> {
  let count = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  while (performance.now() - started < ms) {
    await op();
    count++;
  }
  const used = process.cpuUsage(cpu);
  return { count, elapsed: performance.now() - started, cpu: used.user + used.system };
}

/** ops/s of `raw` and `strata`, measured in alternating slices; prints both and the ratio. */
async function compare(
  names: [string, string],
  raw: Op,
  strata: Op,
): Promise<{ raw: number; strata: number; cpuRatio: number }> {
  for (let i = 0; i < 50; i++) await Promise.all([raw(), strata()]); // warm-up
  const totals: Tally[] = [
    { count: 0, elapsed: 0, cpu: 0 },
    { count: 0, elapsed: 0, cpu: 0 },
  ];
  const rounds = Math.max(1, Math.round((SECONDS * 1000) / SLICE_MS));
  for (let round = 0; round < rounds; round++) {
    // Alternate which side goes first so neither always follows the other's garbage.
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    for (const side of order) {
      const tally = await slice(side === 0 ? raw : strata, SLICE_MS);
      totals[side].count += tally.count;
      totals[side].elapsed += tally.elapsed;
      totals[side].cpu += tally.cpu;
    }
  }
  const [rawRate, strataRate] = totals.map((t) => t.count / (t.elapsed / 1000));
  const [rawCpu, strataCpu] = totals.map((t) => t.cpu / t.count);
  console.log(
    `${names[0].padEnd(40)} ${rawRate.toFixed(0).padStart(7)} ops/s ${rawCpu.toFixed(0).padStart(6)} µs CPU/op`,
  );
  console.log(
    `${names[1].padEnd(40)} ${strataRate.toFixed(0).padStart(7)} ops/s ${strataCpu.toFixed(0).padStart(6)} µs CPU/op`,
  );
  return { raw: rawRate, strata: strataRate, cpuRatio: rawCpu / strataCpu };
}

async function main(): Promise<void> {
  const privateKey = generatePrivateKey('secp256k1');
  const { did } = encodeDidKey('secp256k1', publicKeyOf('secp256k1', privateKey));
  const organisationId = '7f1b2c3d-0000-4000-8000-000000000001';
  const store = new InMemoryKeyCustodyStore();
  const clock = { now: () => new Date() };
  const vault = new SoftwareKeyVault(store, clock, 'benchmark-passphrase-not-secret', {
    unsealedKeyCache: process.env.BENCH_UNSEALED_KEY_CACHE === 'off' ? false : undefined,
  });
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
  // The header Strata's issuer writes (signAsIssuer), so both sides sign the same bytes' worth.
  const header = { alg: 'ES256K', typ: 'JWT' as const, kid: `${did}#${did.slice(8)}` };
  const jwt = await createJWT(payload(), { issuer: did, signer }, header);
  const now = new Date();

  const issue = await compare(
    ['raw did-jwt createJWT ES256K', 'Strata issue (vault: policy+sign+audit)'],
    () => createJWT(payload(), { issuer: did, signer }, header),
    () => signAsIssuer(custody, issuer, payload(), audit),
  );
  const verify = await compare(
    ['raw did-jwt verifyJWT ES256K', 'Strata verify (4 checks)'],
    () => verifyJWT(jwt, { resolver: didKeyResolver, policies: { aud: false } }),
    () => verifyCredentialJwt(jwt, now, async () => false),
  );
  // The CPU ratio (raw CPU per op / Strata CPU per op) is the same comparison without the time
  // this process spent waiting for a core.
  for (const [name, result] of [
    ['issue ', issue],
    ['verify', verify],
  ] as const) {
    const ratio = (result.strata / result.raw).toFixed(2);
    console.log(
      `${name} ratio Strata/raw: ${ratio}x (target >= 0.9x), by CPU time ${result.cpuRatio.toFixed(2)}x`,
    );
  }
}

void main();
