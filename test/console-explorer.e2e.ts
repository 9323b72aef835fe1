/**
 * The console's network explorer in a real browser against the e2e stack: the platform admin
 * opens a network on the stack's anvil, sees its latest blocks newest first and pages to older
 * ones, finds block 0 with the search box, and gets the problem shown for a malformed query.
 */
import { LOCAL_REALM, jsonRpc, readE2eRun, runningApp } from '@strata/testing';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, signInOnKeycloak, withScreenshotOnFailure } from './support/browser';
import { apiAs } from './support/api';
import { anvilNetwork, memberWithRole } from './support/ledger';

describe('console explorer', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
    page.setDefaultTimeout(60_000);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('lists the latest blocks with paging, finds block 0 and shows the problem of a malformed search', async () => {
    const gatewayUrl = runningApp('gateway').url;
    const admin = await apiAs('admin');
    const member = await memberWithRole(admin);
    const networkId = await anvilNetwork(admin, [member.organisationId]);
    const rpcUrl = readE2eRun().anvilRpcUrl;
    // At least 12 blocks, so the blocks table has a second page.
    await jsonRpc(rpcUrl, 'anvil_mine', ['0xc']);

    await withScreenshotOnFailure(page, 'network-explorer', async () => {
      await page.goto(`${gatewayUrl}/networks/${networkId}`);
      await signInOnKeycloak(page, 'admin', LOCAL_REALM.demoPassword);

      const blocks = page.getByTestId('explorer-blocks');
      // The ledger learns of the network through an event: reload until the explorer answers.
      // Each load is given time to render its rows before the count (right after a reload the
      // page has not fetched anything yet).
      for (let attempt = 0; ; attempt++) {
        await blocks
          .locator('tbody tr')
          .first()
          .waitFor({ timeout: 5_000 })
          .catch(() => undefined);
        if ((await blocks.locator('tbody tr').count()) > 0) break;
        if (attempt > 30) throw new Error('no blocks shown');
        await page.reload();
      }
      const numbers = await blocks.locator('tbody tr td:first-child').allTextContents();
      expect(numbers.map(Number)).toEqual([...numbers.map(Number)].sort((a, b) => b - a));
      expect(numbers).toHaveLength(10);
      // The stack's anvil is shared (other tests mine): check the page moved, not exact numbers.
      const pager = page.getByRole('navigation', { name: 'Blocks pages' });
      await pager.getByRole('button', { name: 'Next' }).click();
      await pager.getByText(/^11–20 of \d+$/).waitFor();

      await page.getByLabel('Block number, hash or address').fill('0');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByTestId('search-result').filter({ hasText: 'Block 0' }).waitFor();

      await page.getByLabel('Block number, hash or address').fill('not a hash');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('alert').first().waitFor();
      expect(await page.getByTestId('search-result').count()).toBe(0);
    });
  });
});
