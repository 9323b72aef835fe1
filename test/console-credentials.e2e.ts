/**
 * The credentials page in a real browser against the e2e stack: an institution admin (a new
 * organisation's member) signs in through Keycloak, creates a did:key, issues a credential with
 * it, verifies the issued VC-JWT (every check passes) and a tampered copy of it (fails on its
 * signature), and sees a subject that does not match its credential schema refused with the
 * schema's field errors. With the network's trust registries deployed (identity restarted
 * pointing at them), an auditor opens the read-only registry views and sees the issuer accredited
 * in the test with its schema, the registered schema, and a registry DID's resolved document.
 * A failing step leaves a screenshot in .stack/e2e/screenshots/.
 */
import { randomUUID } from 'node:crypto';
import { keccak256, toUtf8Bytes } from 'ethers';
import { createUser, LOCAL_REALM, runningApp } from '@strata/testing';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, signInOnKeycloak, withScreenshotOnFailure } from './support/browser';
import { apiAs, uniqueName } from './support/api';
import { anvilNetwork, memberWithRole, signingAccount } from './support/ledger';
import { type HeldDid, newHeldDid, schemaUrl, TrustRegistries } from './support/trust-registry';

describe('console: credentials', () => {
  let browser: Browser;
  let page: Page;
  const username = `vc-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    const admin = await apiAs('admin');
    const organisation = await admin.organisations.registerOrganisation({
      registerOrganisation: { name: uniqueName('Registry office'), country: 'IT' },
    });
    await createUser({
      username,
      password: 'strata-test',
      roles: ['institution-admin'],
      organisationId: organisation.id,
    });
    browser = await launchChromium();
    page = await browser.newPage();
    page.setDefaultTimeout(60_000);
  });

  afterAll(async () => {
    await page?.close();
    await browser?.close();
  });

  it('issues a credential from a new did:key and verifies it, failing a tampered copy and a subject outside its schema', async () => {
    const gatewayUrl = runningApp('gateway').url;
    await withScreenshotOnFailure(page, 'credentials', async () => {
      await page.goto(`${gatewayUrl}/credentials`);
      await signInOnKeycloak(page, username, 'strata-test');
      await page.waitForURL(`${gatewayUrl}/credentials`);
      await page.getByRole('heading', { name: 'Issue a credential' }).waitFor();

      await page.getByLabel('Key type of a new did:key').selectOption('Ed25519');
      await page.getByRole('button', { name: 'Create a did:key' }).click();
      await page.waitForFunction(() =>
        (document.getElementById('credential-issuer') as HTMLInputElement | null)?.value.startsWith(
          'did:key:z6Mk',
        ),
      );
      await page.getByLabel('Types').fill('UniversityDegreeCredential');
      await page.getByLabel('Subject id').fill('did:example:alice');
      await page
        .getByLabel('Claims (JSON)')
        .fill('{"degree":{"type":"BachelorDegree","name":"Bachelor of Science"}}');
      await page
        .getByLabel('Credential schema id')
        .fill('urn:strata:credential-schema:university-degree:v1');
      await page.getByRole('button', { name: 'Issue', exact: true }).click();

      const issued = page.getByLabel('Issued VC-JWT');
      await issued.waitFor();
      const jwt = await issued.inputValue();
      expect(jwt.split('.')).toHaveLength(3);

      await page.getByLabel('VC-JWT', { exact: true }).fill(jwt);
      await page.getByRole('button', { name: 'Verify' }).click();
      const result = page.getByTestId('verification-result');
      await result
        .getByRole('status')
        .filter({ hasText: /^Verified$/ })
        .waitFor();
      expect(await result.textContent()).toContain('schema: passed');

      const [header, payload, signature] = jwt.split('.');
      const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
        vc: { credentialSubject: { degree: { name: string } } };
      };
      decoded.vc.credentialSubject.degree.name = 'Doctor of Science';
      const tampered = [
        header,
        Buffer.from(JSON.stringify(decoded)).toString('base64url'),
        signature,
      ].join('.');
      await page.getByLabel('VC-JWT', { exact: true }).fill(tampered);
      await page.getByRole('button', { name: 'Verify' }).click();
      await result.getByRole('status').filter({ hasText: 'Not verified' }).waitFor();
      expect(await result.textContent()).toContain('signature — invalid-signature');

      await page.getByLabel('Claims (JSON)').fill('{"degree":{"type":"Diploma"}}');
      await page.getByRole('button', { name: 'Issue', exact: true }).click();
      const refusal = page
        .getByRole('alert')
        .filter({ hasText: 'Credential subject does not match its schema' });
      await refusal.waitFor();
      expect(await page.locator('#credential-claims-error').textContent()).toContain(
        'credentialSubject.degree',
      );
    });
  });

  it('shows an auditor the verify form but not the issue form', async () => {
    const gatewayUrl = runningApp('gateway').url;
    const auditorPage = await browser.newPage();
    auditorPage.setDefaultTimeout(60_000);
    try {
      await withScreenshotOnFailure(auditorPage, 'credentials-auditor', async () => {
        await auditorPage.goto(`${gatewayUrl}/credentials`);
        await signInOnKeycloak(auditorPage, 'auditor', LOCAL_REALM.demoPassword);
        await auditorPage.getByRole('heading', { name: 'Verify a credential' }).waitFor();
        expect(await auditorPage.getByRole('heading', { name: 'Issue a credential' }).count()).toBe(
          0,
        );
        expect(await auditorPage.getByRole('button', { name: 'Create a did:key' }).count()).toBe(0);
      });
    } finally {
      await auditorPage.close();
    }
  });

  describe('with the trust registries deployed', () => {
    const SCHEMA = keccak256(toUtf8Bytes(`console-diploma-${randomUUID()}`));
    let registries: TrustRegistries;
    let tao: HeldDid;
    let issuer: HeldDid;

    beforeAll(async () => {
      const admin = await apiAs('admin');
      const member = await memberWithRole(admin);
      const networkId = await anvilNetwork(admin, [member.organisationId]);
      registries = new TrustRegistries(member, networkId, await signingAccount(member, networkId));
      const root = newHeldDid();
      [tao, issuer] = [newHeldDid(), newHeldDid()];
      await registries.deployAndUse(root);
      for (const held of [root, tao, issuer]) await registries.register(held);
      await registries.accredit(root, tao, 'TAO', [SCHEMA]);
      await registries.accredit(tao, issuer, 'TI', [SCHEMA]);
      await registries.confirmed(
        {
          kind: 'register-schema',
          schemaId: SCHEMA,
          uri: schemaUrl(SCHEMA),
          registrantDid: tao.did,
        },
        tao.key,
      );
    }, 900_000);

    afterAll(() => registries.restore(), 300_000);

    it('shows an auditor the accredited issuer with its schema, the trusted schema and a resolved registry DID', async () => {
      const gatewayUrl = runningApp('gateway').url;
      const auditorPage = await browser.newPage();
      auditorPage.setDefaultTimeout(60_000);
      try {
        await withScreenshotOnFailure(auditorPage, 'trust-registries', async () => {
          await auditorPage.goto(`${gatewayUrl}/registries`);
          await signInOnKeycloak(auditorPage, 'auditor', LOCAL_REALM.demoPassword);
          await auditorPage.getByRole('heading', { name: 'Trust registries' }).waitFor();

          const issuerRow = auditorPage
            .getByTestId('trusted-issuer')
            .filter({ hasText: issuer.did });
          await issuerRow.waitFor();
          const issuerText = await issuerRow.textContent();
          expect(issuerText).toContain('TI (in force)');
          expect(issuerText).toContain(tao.did);
          expect(issuerText).toContain(SCHEMA);

          const schemaRow = auditorPage.getByTestId('trusted-schema').filter({ hasText: SCHEMA });
          await schemaRow.waitFor();
          expect(await schemaRow.textContent()).toContain(schemaUrl(SCHEMA));

          await auditorPage.getByRole('button', { name: `Resolve ${issuer.did}` }).click();
          const resolution = auditorPage.getByTestId('did-resolution');
          await resolution.waitFor();
          expect(await resolution.textContent()).toContain(`"assertionMethod"`);
          expect(await resolution.textContent()).toContain(`${issuer.did}#keys-1`);
        });
      } finally {
        await auditorPage.close();
      }
    }, 300_000);
  });
});
