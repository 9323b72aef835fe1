/**
 * The console in a real browser against the e2e stack: sign in on Keycloak's own login page as
 * the demo platform admin, register an organisation (double-clicking "Register", which must
 * register it once) and find it in the list. A failing step leaves a screenshot in
 * .stack/e2e/screenshots/.
 */
import { LOCAL_REALM, runningApp } from '@strata/testing';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, signInOnKeycloak, withScreenshotOnFailure } from './support/browser';

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

  it('shows an auditor the organisations without the register button', async () => {
    const gatewayUrl = runningApp('gateway').url;

    await withScreenshotOnFailure(page, 'auditor-read-only', async () => {
      await page.goto(`${gatewayUrl}/organisations`);
      await signInOnKeycloak(page, 'auditor', LOCAL_REALM.demoPassword);

      await page.getByTestId('user-roles').filter({ hasText: 'auditor' }).waitFor();
      await page.locator('table, .page-status, [role="alert"]').first().waitFor();
      expect(await page.getByRole('button', { name: 'Register organisation' }).count()).toBe(0);
    });
  });
});
