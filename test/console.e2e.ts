/**
 * The console in a real browser against the e2e stack: sign in on Keycloak's own login page as
 * the demo platform admin, register an organisation (double-clicking "Register", which must
 * register it once) and find it in the list; an auditor without an auditor grant is told so in
 * those words, and once granted one organisation sees exactly that one (never the register
 * button). A failing step leaves a screenshot in .stack/e2e/screenshots/.
 */
import { randomUUID } from 'node:crypto';
import { AuditorGrantsApi, Configuration } from '@strata/sdk';
import { createUser, LOCAL_REALM, runningApp } from '@strata/testing';
import type { Browser, Page } from 'playwright-core';
import { apiAs, uniqueName } from './support/api';
import { launchChromium, signInOnKeycloak, withScreenshotOnFailure } from './support/browser';

const PASSWORD = 'strata-test';

describe('console', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  beforeEach(async () => {
    page = await browser.newPage();
    page.setDefaultTimeout(30_000);
  });

  afterEach(async () => {
    await page.close();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('lets a platform admin sign in through Keycloak and register an organisation once, even on a double click', async () => {
    const gatewayUrl = runningApp('gateway').url;
    const name = `Console e2e ${Date.now().toString(36)}`;

    await withScreenshotOnFailure(page, 'register-organisation', async () => {
      await page.goto(`${gatewayUrl}/organisations`);
      await signInOnKeycloak(page, 'admin', LOCAL_REALM.demoPassword);

      await page.waitForURL(`${gatewayUrl}/organisations`);
      await page.getByTestId('user-roles').filter({ hasText: 'platform-admin' }).waitFor();

      await page.getByRole('button', { name: 'Register organisation' }).click();
      await page.getByLabel('Name', { exact: true }).fill(name);
      await page.getByLabel('Country').fill('be');
      await page.getByLabel('Kind').selectOption('public-administration');
      await page.getByRole('button', { name: 'Register', exact: true }).dblclick();

      await page
        .getByRole('status')
        .filter({ hasText: `“${name}” registered` })
        .waitFor();
      await page.getByRole('row', { name: new RegExp(name) }).waitFor();

      await page.getByLabel('Name contains').fill(name);
      await page.getByRole('button', { name: 'Filter' }).click();
      await page.getByText('1–1 of 1').waitFor();
      const rows = page.locator('table tbody tr');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain('BE');
    });
  });

  it('tells an auditor without a grant so, and shows a granted auditor the granted organisation without the register button', async () => {
    const gatewayUrl = runningApp('gateway').url;
    const admin = await apiAs('admin');
    // A fresh auditor: the seeded one may hold grants from other tests of the run.
    const username = `aud-console-${randomUUID().slice(0, 8)}`;
    const auditor = await createUser({ username, password: PASSWORD, roles: ['auditor'] });
    const organisationName = uniqueName('Audited in the console');
    const organisation = await admin.organisations.registerOrganisation({
      registerOrganisation: { name: organisationName, country: 'FR' },
    });

    await withScreenshotOnFailure(page, 'auditor-read-only', async () => {
      await page.goto(`${gatewayUrl}/organisations`);
      await signInOnKeycloak(page, username, PASSWORD);

      await page.getByTestId('user-roles').filter({ hasText: 'auditor' }).waitFor();
      const alert = page.getByRole('alert').filter({ hasText: 'No active auditor grant' });
      await alert.waitFor();
      expect(await alert.textContent()).toContain('Ask a platform administrator');
      expect(await page.getByRole('button', { name: 'Register organisation' }).count()).toBe(0);

      await new AuditorGrantsApi(
        new Configuration({ basePath: gatewayUrl, accessToken: async () => admin.token }),
      ).grantAuditorAccess({
        idempotencyKey: randomUUID(),
        grantAuditorAccess: {
          auditorSubject: auditor.id,
          organisationIds: [organisation.id],
          expiresAt: new Date(Date.now() + 10 * 60_000),
          reason: 'console e2e',
        },
      });
      await page.reload();
      await page.getByText('1–1 of 1').waitFor();
      const rows = page.locator('table tbody tr');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain(organisationName);
      expect(await page.getByRole('alert').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Register organisation' }).count()).toBe(0);
    });
  });
});
