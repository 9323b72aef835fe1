/**
 * TrustedIssuersRegistry and TrustedSchemasRegistry on a private anvil: RootTAO -> TAO -> TI
 * accreditations limited to schemas, in force only while the chain above them is, revocable by
 * the accreditor or the root, each change signed by a capabilityInvocation key of the signer's DID.
 */
import fc from 'fast-check';
import { hexlify, keccak256, randomBytes, toUtf8Bytes, ZeroHash } from 'ethers';
import {
  accredit,
  newKey,
  registerDid,
  registerSchema,
  revokeAccreditation,
  startTrustFixture,
  type TrustFixture,
  trustRevertName,
} from './trust-registry.fixture';
import { didSubject } from './trust-registry-actions';

let fixture: TrustFixture;

beforeAll(async () => {
  fixture = await startTrustFixture();
});
afterAll(async () => {
  await fixture?.close();
});

const schema = (name: string) => keccak256(toUtf8Bytes(`${name}-${hexlify(randomBytes(4))}`));
const ZERO_ID = `0x${'0'.repeat(32)}`;
const isAccredited = async (did: string, schemaId: string) =>
  ((await fixture.issuers.getFunction('isAccredited')(didSubject(did), schemaId)) as [boolean])[0];

async function taoWith(schemas: string[]) {
  const tao = await registerDid(fixture);
  const attributeId = await accredit(
    fixture,
    { subjectDid: tao.did, subjectId: tao.id, role: 'TAO', schemas, accreditor: fixture.root.id },
    fixture.root.key,
  );
  return { ...tao, attributeId };
}

describe('TrustedIssuersRegistry', () => {
  it('accredits a TAO from the root and a TI from the TAO for a subset of its schemas', async () => {
    const [diploma, licence, other] = [schema('diploma'), schema('licence'), schema('other')];
    const tao = await taoWith([diploma, licence]);
    const issuer = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
    await accredit(
      fixture,
      {
        subjectDid: issuer,
        subjectId: ZERO_ID,
        role: 'TI',
        schemas: [diploma],
        accreditor: tao.id,
      },
      tao.key,
    );
    expect(await isAccredited(issuer, diploma)).toBe(true);
    expect(await isAccredited(issuer, ZeroHash)).toBe(true);
    expect(await isAccredited(issuer, licence)).toBe(false);
    const beyond = accredit(
      fixture,
      { subjectDid: issuer, subjectId: ZERO_ID, role: 'TI', schemas: [other], accreditor: tao.id },
      tao.key,
    );
    expect(await trustRevertName(beyond)).toBe('SchemaNotGrantable');
    const page = (await fixture.issuers.getFunction('issuerPage')(0n, 100n)) as string[];
    expect(page).toEqual(expect.arrayContaining([fixture.root.did, tao.did, issuer]));
  });

  it('takes a TI out of force when its TAO accreditation is revoked by the root', async () => {
    const diploma = schema('diploma');
    const tao = await taoWith([diploma]);
    const issuer = (await registerDid(fixture)).did;
    await accredit(
      fixture,
      {
        subjectDid: issuer,
        subjectId: ZERO_ID,
        role: 'TI',
        schemas: [diploma],
        accreditor: tao.id,
      },
      tao.key,
    );
    expect(await isAccredited(issuer, diploma)).toBe(true);
    await revokeAccreditation(
      fixture,
      { attributeId: tao.attributeId, revoker: fixture.root.id },
      fixture.root.key,
    );
    expect(await isAccredited(issuer, diploma)).toBe(false);
    expect(await isAccredited(tao.did, diploma)).toBe(false);
  });

  it('lets the accreditor revoke a TI, and refuses strangers and second revocations', async () => {
    const diploma = schema('diploma');
    const tao = await taoWith([diploma]);
    const issuer = (await registerDid(fixture)).did;
    const attributeId = await accredit(
      fixture,
      {
        subjectDid: issuer,
        subjectId: ZERO_ID,
        role: 'TI',
        schemas: [diploma],
        accreditor: tao.id,
      },
      tao.key,
    );
    const stranger = await registerDid(fixture);
    const foreign = revokeAccreditation(
      fixture,
      { attributeId, revoker: stranger.id },
      stranger.key,
    );
    expect(await trustRevertName(foreign)).toBe('NotTheAccreditor');
    const wrongKey = revokeAccreditation(fixture, { attributeId, revoker: tao.id }, newKey());
    expect(await trustRevertName(wrongKey)).toBe('Unauthorised');
    await revokeAccreditation(fixture, { attributeId, revoker: tao.id }, tao.key);
    expect(await isAccredited(issuer, diploma)).toBe(false);
    const again = revokeAccreditation(fixture, { attributeId, revoker: tao.id }, tao.key);
    expect(await trustRevertName(again)).toBe('AlreadyRevoked');
  });

  it('refuses accreditations by DIDs that are not in force as accreditors, and TAOs that are not on-chain DIDs', async () => {
    const diploma = schema('diploma');
    const loner = await registerDid(fixture);
    const unaccredited = accredit(
      fixture,
      {
        subjectDid: 'did:key:zX',
        subjectId: ZERO_ID,
        role: 'TI',
        schemas: [diploma],
        accreditor: loner.id,
      },
      loner.key,
    );
    expect(await trustRevertName(unaccredited)).toBe('AccreditorNotInForce');
    const offChainTao = accredit(
      fixture,
      {
        subjectDid: 'did:key:zX',
        subjectId: loner.id,
        role: 'TAO',
        schemas: [diploma],
        accreditor: fixture.root.id,
      },
      fixture.root.key,
    );
    expect(await trustRevertName(offChainTao)).toBe('SubjectMismatch');
  });

  it('grants exactly the schemas asked for, for any subset of the TAO schemas (property)', async () => {
    const pool = [schema('a'), schema('b'), schema('c'), schema('d')];
    const tao = await taoWith(pool);
    await fc.assert(
      fc.asyncProperty(fc.subarray(pool, { minLength: 1 }), async (granted) => {
        const issuer = `did:key:z${hexlify(randomBytes(8)).slice(2)}`;
        await accredit(
          fixture,
          {
            subjectDid: issuer,
            subjectId: ZERO_ID,
            role: 'TI',
            schemas: granted,
            accreditor: tao.id,
          },
          tao.key,
        );
        for (const candidate of pool) {
          expect(await isAccredited(issuer, candidate)).toBe(granted.includes(candidate));
        }
      }),
      { numRuns: 8 },
    );
  });
});

describe('TrustedSchemasRegistry', () => {
  it('registers a schema from a trust anchor and refuses DIDs that are none', async () => {
    const id = schema('schema-doc');
    const tao = await taoWith([id]);
    await registerSchema(
      fixture,
      { schemaId: id, uri: 'https://schemas.example/diploma.json', registrant: tao.id },
      tao.key,
    );
    const stored = (await fixture.schemas.getFunction('schema')(id)) as { uri: string };
    expect(stored.uri).toBe('https://schemas.example/diploma.json');
    const loner = await registerDid(fixture);
    const refused = registerSchema(
      fixture,
      { schemaId: schema('x'), uri: 'https://schemas.example/x.json', registrant: loner.id },
      loner.key,
    );
    expect(await trustRevertName(refused)).toBe('NotATrustAnchor');
    const duplicate = registerSchema(
      fixture,
      { schemaId: id, uri: 'https://schemas.example/other.json', registrant: tao.id },
      tao.key,
    );
    expect(await trustRevertName(duplicate)).toBe('SchemaExists');
  });
});
