/** The SDK model of a master account becomes the contract type the page uses. */
import { masterAccountSchema } from '@strata/contracts';
import { MasterAccountFromJSON } from '@strata/sdk';
import { toMasterAccount } from './master-account-api';

describe('master account API model', () => {
  it('maps a master account from the SDK back to its contract shape', () => {
    const account = {
      id: '5b2f6f0e-8a37-4b53-9a55-6c2f4d8b1a10',
      networkId: '0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5',
      organisationId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
      status: 'deployed',
      address: `0x${'1'.repeat(40)}`,
      owners: [`0x${'2'.repeat(40)}`, `0x${'3'.repeat(40)}`],
      threshold: 2,
      deploymentTransactionId: 'f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9',
      createdAt: '2026-11-23T10:00:00.000Z',
      updatedAt: '2026-11-23T10:01:00.000Z',
    };
    expect(masterAccountSchema.parse(toMasterAccount(MasterAccountFromJSON(account)))).toEqual(
      account,
    );
    const deploying = { ...account, status: 'deploying', address: null };
    expect(toMasterAccount(MasterAccountFromJSON(deploying)).address).toBeNull();
  });
});
