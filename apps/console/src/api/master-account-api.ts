/**
 * The console's access to the caller organisation's master account on a network (ADR 0008),
 * through the generated SDK. An organisation without one yet reads as `null`, not as an error.
 */
import {
  type Configuration,
  MasterAccountsApi,
  type MasterAccount as SdkMasterAccount,
} from '@strata/sdk';
import type { MasterAccount } from '@strata/contracts';
import { ApiRequestError } from './api-problem';

export interface MasterAccountApi {
  get(networkId: string): Promise<MasterAccount | null>;
}

const iso = (value: Date | string): string => (value instanceof Date ? value.toISOString() : value);

export function toMasterAccount(model: SdkMasterAccount): MasterAccount {
  return {
    id: model.id,
    networkId: model.networkId,
    organisationId: model.organisationId,
    status: model.status,
    address: model.address ?? null,
    owners: [...model.owners],
    threshold: model.threshold,
    deploymentTransactionId: model.deploymentTransactionId,
    createdAt: iso(model.createdAt),
    updatedAt: iso(model.updatedAt),
  };
}

export function createMasterAccountApi(
  configuration: Configuration,
  call: <T>(request: () => Promise<T>) => Promise<T>,
): MasterAccountApi {
  const masterAccounts = new MasterAccountsApi(configuration);
  return {
    get: async (id) => {
      try {
        return await call(async () =>
          toMasterAccount(await masterAccounts.getMasterAccount({ id })),
        );
      } catch (error) {
        if (error instanceof ApiRequestError && error.problem.status === 404) return null;
        throw error;
      }
    },
  };
}
