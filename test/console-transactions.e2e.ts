/**
 * The console's transaction panel in a real browser (gateway on 3010, see docs/console.md), on a
 * private anvil so pausing its mining disturbs no other test: an institution administrator sees
 * the network's transaction settings (its own attempts, the ledger's other defaults), sends
 * a value transfer with the panel's form (a malformed address is refused under its field, a double
 * click sends once), sees it turn confirmed live (the panel follows the status stream) and finds
 * it with the status filter; with mining paused
 * she sees a second transfer (sent through the API) pending, speeds it up and requests its
 * cancellation (her own approval is refused with the API's problem); a second
 * institution administrator of the same organisation approves the cancellation in his browser,
 * and once a block is mined the panel shows the transaction cancelled, with no buttons left.
 */
import { randomUUID } from 'node:crypto';
import { createUser, jsonRpc, type PrivateAnvil, startPrivateAnvil } from '@strata/testing';
import type { LedgerTransaction } from '@strata/sdk';
import type { Browser, Locator, Page } from 'playwright-core';
import { apiAs, uniqueName } from './support/api';
import { launchChromium, signInOnKeycloak, withScreenshotOnFailure } from './support/browser';
import { eventually } from './support/eventually';
import {
  anvilNetwork,
  type Member,
  signingAccount,
  transactionsApi,
  waitForStatus,
} from './support/ledger';

const PASSWORD = 'strata-test';
const SINK = '0x000000000000000000000000000000000000c0de';

interface BrowserAdmin extends Member {
  username: string;
}

async function institutionAdmin(organisationId: string): Promise<BrowserAdmin> {
  const username = `txc-${randomUUID().slice(0, 8)}`;
  await createUser({ username, password: PASSWORD, roles: ['institution-admin'], organisationId });
  const api = await apiAs(username, PASSWORD);
  return { username, api, tx: transactionsApi(api), organisationId };
}

describe('console transactions', () => {
  let browser: Browser;
  let anvil: PrivateAnvil;
  let alice: BrowserAdmin;
  let bob: BrowserAdmin;
  let networkId: string;
  let account: string;
  let gatewayUrl: string;

  beforeAll(async () => {
    browser = await launchChromium();
    anvil = await startPrivateAnvil();
    const admin = await apiAs('admin');
    gatewayUrl = admin.baseUrl;
    const organisation = await admin.organisations.registerOrganisation({
      registerOrganisation: { name: uniqueName('Console treasury'), country: 'NL' },
    });
    alice = await institutionAdmin(organisation.id);
    bob = await institutionAdmin(organisation.id);
    networkId = await anvilNetwork(admin, [organisation.id], anvil.rpcUrl);
    account = await signingAccount(alice, networkId, anvil.rpcUrl);
    // One setting of the network's own, shown beside the ledger-wide defaults.
    await transactionsApi(admin).setNetworkTransactionSettings({
      id: networkId,
      idempotencyKey: randomUUID(),
      networkTransactionSettings: { maxAttempts: 9 },
    });
    await eventually(
      async () =>
        (await alice.tx.getNetworkTransactionSettings({ id: networkId })).maxAttempts === 9,
      "the network's own attempts",
    );
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await anvil?.stop();
  });

  const transfer = async (value: string): Promise<LedgerTransaction> =>
    alice.tx.submitTransaction({
      id: networkId,
      idempotencyKey: randomUUID(),
      submitTransaction: { kind: 'transfer', from: account, to: SINK, value },
    });

  const openNetworkAs = async (who: BrowserAdmin): Promise<Page> => {
    const page = await browser.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(`${gatewayUrl}/networks/${networkId}`);
    await signInOnKeycloak(page, who.username, PASSWORD);
    await page.getByTestId('user-roles').filter({ hasText: 'institution-admin' }).waitFor();
    return page;
  };

  const rowOf = (page: Page, txId: string): Locator =>
    page.getByTestId('network-transactions').locator(`tr[data-transaction-id="${txId}"]`);

  /** Reloads the panel (the state was reached through the API first) and waits for it to show. */
  const showsStatus = async (page: Page, txId: string, status: string) => {
    await page.getByRole('button', { name: 'Refresh transactions' }).click();
    await rowOf(page, txId).getByTestId('transaction-status').filter({ hasText: status }).waitFor();
  };

  it('shows a confirmed transfer, then speeds up a pending one and cancels it with a second administrator', async () => {
    const pages: Page[] = [];
    try {
      const page = await openNetworkAs(alice);
      pages.push(page);
      const panel = page.getByTestId('network-transactions');
      const statusFilter = panel.getByLabel('Status');

      await withScreenshotOnFailure(page, 'transactions-send-and-confirm', async () => {
        // The settings in force: the network's own attempts, the ledger's confirmations.
        const settings = panel.getByTestId('transaction-settings');
        await settings
          .locator('[data-setting="maxAttempts"]')
          .filter({ hasText: '9 (this network)' })
          .waitFor();
        expect(await settings.locator('[data-setting="confirmations"] dd').textContent()).toMatch(
          /^\d+ \(ledger default\)$/,
        );
        expect(await settings.locator('[data-setting="feeCapWei"] dd').textContent()).toMatch(
          / gwei \(ledger default\)$/,
        );
        // The panel follows the status stream before anything is sent.
        await panel
          .getByTestId('transactions-live')
          .filter({ hasText: /^Live$/ })
          .waitFor();
        await panel.getByLabel('From signing account').selectOption(account);
        await panel.getByLabel('To address').fill('0x12');
        await panel.getByLabel('Value (wei)').fill('5');
        await panel.getByRole('button', { name: 'Send transfer' }).click();
        await panel.getByText('must be a 0x-prefixed 20-byte hex address').waitFor();
        expect((await alice.tx.listTransactions({ id: networkId })).total).toBe(0);

        await panel.getByLabel('To address').fill(SINK);
        // A double click sends one transfer (one Idempotency-Key per submission).
        await panel.getByRole('button', { name: 'Send transfer' }).dblclick();
        await panel.getByRole('status').filter({ hasText: 'Transfer accepted' }).waitFor();
        const sent = await eventually(async () => {
          const listed = await alice.tx.listTransactions({ id: networkId });
          return listed.total > 0 ? listed.items : undefined;
        }, 'the sent transfer in the list');
        expect(sent.map((tx) => [tx.kind, tx.to?.toLowerCase(), tx.value])).toEqual([
          ['transfer', SINK, '5'],
        ]);
        // Followed live: the row reaches confirmed without a Refresh.
        await rowOf(page, sent[0].id)
          .getByTestId('transaction-status')
          .filter({ hasText: 'confirmed' })
          .waitFor();
        const confirmed = await waitForStatus(alice, networkId, sent[0].id, ['confirmed']);
        const row = rowOf(page, confirmed.id);
        expect(await row.textContent()).toContain(account);
        expect(await row.getByRole('button').count()).toBe(0);

        await statusFilter.selectOption('submitted');
        await page.getByRole('heading', { name: 'Transactions (0)' }).waitFor();
        await statusFilter.selectOption('confirmed');
        await page.getByRole('heading', { name: 'Transactions (1)' }).waitFor();
        await row.waitFor();
        await statusFilter.selectOption('');
      });

      await jsonRpc(anvil.rpcUrl, 'evm_setAutomine', [false]);
      try {
        const pending = await transfer('9');
        const submitted = await waitForStatus(alice, networkId, pending.id, ['submitted', 'stuck']);

        await withScreenshotOnFailure(
          page,
          'transactions-speed-up-and-request-cancel',
          async () => {
            await showsStatus(page, pending.id, submitted.status);
            const row = rowOf(page, pending.id);
            await row.getByRole('button', { name: 'Speed up' }).click();
            await page
              .getByRole('status')
              .filter({ hasText: 're-sent with a higher fee' })
              .waitFor();
            const sped = await eventually(async () => {
              const read = await alice.tx.getTransaction({ id: networkId, txId: pending.id });
              return read.hash !== submitted.hash ? read : undefined;
            }, 'the sped-up replacement');
            expect(sped.nonce).toBe(submitted.nonce);
            expect(sped.hash).not.toBe(submitted.hash);
            expect(sped.attempts).toBeGreaterThan(submitted.attempts);

            // No cancellation asked for yet: nothing to approve.
            expect(await row.getByRole('button', { name: 'Approve cancel' }).count()).toBe(0);
            page.once('dialog', (dialog) => void dialog.accept('wrong payee'));
            await row.getByRole('button', { name: 'Request cancel' }).click();
            await page.getByRole('status').filter({ hasText: 'Cancellation requested' }).waitFor();
            // Once the request is recorded the row offers its approval, and no second request.
            await eventually(async () => {
              const read = await alice.tx.getTransaction({ id: networkId, txId: pending.id });
              return read.cancellation?.status === 'requested' || undefined;
            }, 'the cancellation request to be recorded');
            await page.getByRole('button', { name: 'Refresh transactions' }).click();
            await row.getByRole('button', { name: 'Approve cancel' }).waitFor();
            expect(await row.getByRole('button', { name: 'Request cancel' }).count()).toBe(0);

            // Four eyes: the requester's own approval is refused, with the API's reason shown.
            await row.getByRole('button', { name: 'Approve cancel' }).click();
            await page
              .getByRole('alert')
              .filter({ hasText: 'A second administrator must approve' })
              .waitFor();
          },
        );

        const colleague = await openNetworkAs(bob);
        pages.push(colleague);
        await withScreenshotOnFailure(colleague, 'transactions-approve-cancel', async () => {
          await rowOf(colleague, pending.id)
            .getByRole('button', { name: 'Approve cancel' })
            .click();
          await colleague
            .getByRole('status')
            .filter({ hasText: 'Cancellation approved' })
            .waitFor();
        });

        // Mine only once the cancellation (0 to the account itself) has replaced the transfer.
        await eventually(async () => {
          const read = await alice.tx.getTransaction({ id: networkId, txId: pending.id });
          if (!read.hash) return undefined;
          const pooled = await jsonRpc<{ to: string; value: string } | null>(
            anvil.rpcUrl,
            'eth_getTransactionByHash',
            [read.hash],
          );
          return pooled?.to.toLowerCase() === account.toLowerCase() && BigInt(pooled.value) === 0n
            ? pooled
            : undefined;
        }, 'the cancellation in the pool');
        await jsonRpc(anvil.rpcUrl, 'evm_mine');
        await waitForStatus(alice, networkId, pending.id, ['cancelled']);

        await withScreenshotOnFailure(colleague, 'transactions-cancelled', async () => {
          await showsStatus(colleague, pending.id, 'cancelled');
          expect(await rowOf(colleague, pending.id).getByRole('button').count()).toBe(0);
        });
      } finally {
        await jsonRpc(anvil.rpcUrl, 'evm_setAutomine', [true]);
      }
    } finally {
      await Promise.all(pages.map((page) => page.close()));
    }
  }, 240_000);
});
