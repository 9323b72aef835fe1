/**
 * The governance flow in a real browser (gateway on 3010, see docs/console.md): two institutions
 * own a validator each; one proposes a parameter change and approves it through the API; the
 * other institution's administrator signs in on Keycloak, opens the network page, sees the open
 * proposal with its votes and approves it with the Approve button; the proposal then reaches the
 * threshold (2 of 2) and closes. A failing step leaves a screenshot in .stack/e2e/screenshots/.
 */
import { randomUUID } from 'node:crypto';
import { SigningKey } from 'ethers';
import { Configuration, GovernanceApi, NodesApi } from '@strata/sdk';
import { createUser, passwordToken, readE2eRun, runningApp } from '@strata/testing';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, signInOnKeycloak, withScreenshotOnFailure } from './support/browser';
import { apiAs, uniqueName } from './support/api';
import { eventually } from './support/eventually';

const PASSWORD = 'strata-test';

async function governanceAs(username: string): Promise<GovernanceApi> {
  const token = (await passwordToken(username, PASSWORD)).accessToken;
  const baseUrl = runningApp('gateway').url;
  return new GovernanceApi(
    new Configuration({ basePath: baseUrl, accessToken: async () => token }),
  );
}

describe('console governance', () => {
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

  it('lets an institution administrator approve an open proposal from the network page until it closes', async () => {
    const gatewayUrl = runningApp('gateway').url;
    const admin = await apiAs('admin');
    const adminConfig = new Configuration({
      basePath: gatewayUrl,
      accessToken: async () => admin.token,
    });
    const organisations: string[] = [];
    const usernames: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const organisationId = (
        await admin.organisations.registerOrganisation({
          registerOrganisation: { name: uniqueName(`Voting institution ${i}`), country: 'DE' },
        })
      ).id;
      organisations.push(organisationId);
      const username = `vote-${randomUUID().slice(0, 8)}`;
      await createUser({
        username,
        password: PASSWORD,
        roles: ['institution-admin'],
        organisationId,
      });
      usernames.push(username);
    }
    const networkId = (
      await admin.networks.registerNetwork({
        registerNetwork: {
          name: uniqueName('Governed in the browser'),
          memberOrganisationIds: organisations,
          rpcUrl: readE2eRun().anvilRpcUrl,
        },
      })
    ).id;
    for (const [index, organisationId] of organisations.entries()) {
      const key = new SigningKey(`0x${randomUUID().replace(/-/g, '').padEnd(64, '5')}`);
      await new NodesApi(adminConfig).joinNode({
        id: networkId,
        joinNode: {
          name: `validator-${index}`,
          organisationId,
          role: 'validator',
          enode: `enode://${key.publicKey.slice(4)}@validator-${index}.example.org:30303`,
        },
      });
    }
    const proposer = await governanceAs(usernames[0]);
    const proposal = await proposer.submitProposal({
      id: networkId,
      idempotencyKey: randomUUID(),
      submitProposal: {
        action: { kind: 'change-parameters', parameters: { blockPeriodSeconds: 5 } },
        deadline: new Date(Date.now() + 30 * 60_000),
      },
    });
    await proposer.castVote({
      id: networkId,
      proposalId: proposal.id,
      castVote: { approve: true },
    });

    await withScreenshotOnFailure(page, 'governance-approve', async () => {
      await page.goto(`${gatewayUrl}/networks/${networkId}`);
      await signInOnKeycloak(page, usernames[1], PASSWORD);
      await page.getByTestId('user-roles').filter({ hasText: 'institution-admin' }).waitFor();

      const row = page.getByRole('row', { name: /Change parameters/ });
      await row.getByText('1 for, 0 against (needs 2)').waitFor();
      await row.getByRole('button', { name: 'Approve' }).click();
      await page
        .getByRole('row', { name: /Change parameters/ })
        .getByText('2 for, 0 against (needs 2)')
        .waitFor();
      expect(
        await page
          .getByRole('row', { name: /Change parameters/ })
          .getByRole('button', { name: 'Approve' })
          .count(),
      ).toBe(0);
    });

    const closed = await eventually(async () => {
      const current = await proposer.getProposal({ id: networkId, proposalId: proposal.id });
      return current.status === 'executed' ? current : undefined;
    }, 'the proposal to close as executed');
    expect(closed.votes.map((vote) => vote.organisationId).sort()).toEqual(
      [...organisations].sort(),
    );
  });
});
