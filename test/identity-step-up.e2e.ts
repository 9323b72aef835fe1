/**
 * eIDAS `substantial` through a real Keycloak step-up login: a public client whose browser flow
 * has Keycloak's "Condition - Level of Authentication" (level 1 password, level 2 password +
 * TOTP) and maps the eIDAS LoA URIs to those levels. Identity runs with
 * STRATA_IDENTITY_ISSUANCE_POLICIES requiring `substantial` for NotarialDeedCredential. The same
 * institution admin (password + TOTP credential) logs in in Chromium twice: password only
 * (acr LoA/low) is refused the type with 403, asking for LoA/substantial and answering the OTP
 * form with the current TOTP code gives acr LoA/substantial and the credential is issued. The
 * local realm's own browser flow (same levels, no ACR map) steps the demo notary up to acr "2".
 */
import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import type { Browser } from 'playwright-core';
import { Configuration, CredentialsApi, IdentifiersApi } from '@strata/sdk';
import { createUser, deleteUser, LOCAL_REALM, readE2eRun } from '@strata/testing';
import { apiAs, gatewayUrl, problemOf, uniqueName } from './support/api';
import { launchChromium } from './support/browser';
import { restartAppWith } from './support/restart';
import {
  browserLogin,
  createStepUpClient,
  deleteStepUpClient,
  EIDAS_LOA,
  type StepUpClient,
} from './support/step-up';

const configurationOf = (token: string) =>
  new Configuration({ basePath: gatewayUrl(), accessToken: async () => token });

describe('identity: a Keycloak step-up login (password + TOTP) reaches eIDAS substantial', () => {
  const originalEnv = readE2eRun().apps.identity?.env ?? {};
  const user = {
    username: `stepup-${randomUUID().slice(0, 8)}`,
    password: 'strata-test',
    totpSecret: `strata-step-up-${randomUUID()}`,
  };
  let userId: string;
  let client: StepUpClient;
  let browser: Browser;
  let issuer: string;

  const issueDeed = (token: string) =>
    new CredentialsApi(configurationOf(token)).issueCredential({
      issueCredential: { issuer, types: ['NotarialDeedCredential'], claims: { deed: 'D-1' } },
      idempotencyKey: randomUUID(),
    });

  beforeAll(async () => {
    await restartAppWith('identity', {
      ...originalEnv,
      STRATA_IDENTITY_ISSUANCE_POLICIES: JSON.stringify({ NotarialDeedCredential: 'substantial' }),
    });
    const organisation = await (
      await apiAs('admin')
    ).organisations.registerOrganisation({
      registerOrganisation: { name: uniqueName('Notary'), country: 'IT' },
    });
    ({ id: userId } = await createUser({
      ...user,
      roles: ['institution-admin'],
      organisationId: organisation.id,
    }));
    client = await createStepUpClient('http://localhost/strata-e2e/step-up-callback');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    if (client) await deleteStepUpClient(client);
    if (userId) await deleteUser(userId);
    await restartAppWith('identity', originalEnv);
  });

  it('refuses the type to the password-only login (LoA low) with 403', async () => {
    const token = await browserLogin(browser, client, {
      username: user.username,
      password: user.password,
    });
    expect(decodeJwt(token)).toMatchObject({ acr: EIDAS_LOA.low, azp: client.clientId });
    issuer = (
      await new IdentifiersApi(configurationOf(token)).createDid({
        createDid: { method: 'key', keyType: 'Ed25519' },
      })
    ).id;

    const refused = await problemOf(issueDeed(token));
    expect(refused.status).toBe(403);
    expect(refused.contentType).toContain('application/problem+json');
    expect(refused.problem).toMatchObject({
      type: 'urn:strata:problem:insufficient-level-of-assurance',
    });
  });

  it('issues it after the step-up to LoA substantial with the TOTP code', async () => {
    const token = await browserLogin(browser, client, { ...user, acr: EIDAS_LOA.substantial });
    expect(decodeJwt(token)).toMatchObject({
      acr: EIDAS_LOA.substantial,
      preferred_username: user.username,
    });

    const issued = await issueDeed(token);
    expect(issued.types).toEqual(['VerifiableCredential', 'NotarialDeedCredential']);
    expect(decodeJwt(issued.jwt)).toMatchObject({ iss: issuer });
  });

  it("steps the local realm's demo notary up to level 2 through its default browser flow", async () => {
    const console = {
      clientId: LOCAL_REALM.consoleClientId,
      redirectUri: 'http://localhost:3010/step-up-callback',
    };
    const password = await browserLogin(browser, console, {
      username: 'notary',
      password: LOCAL_REALM.demoPassword,
    });
    expect(decodeJwt(password).acr).toBe('1');
    const stepUp = await browserLogin(browser, console, {
      username: 'notary',
      password: LOCAL_REALM.demoPassword,
      acr: '2',
      totpSecret: LOCAL_REALM.demoTotpSecret,
    });
    expect(decodeJwt(stepUp)).toMatchObject({ acr: '2', preferred_username: 'notary' });
  });
});
