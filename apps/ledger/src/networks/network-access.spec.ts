import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainProblem } from '@strata/bus';
import { networkFor } from './network-access';

const NETWORK = '7c1e4f0e-2b7a-4c55-9a43-6f1f3c0b9d11';
const ORGANISATION = '0f3a8a52-2f1e-4d7e-8d54-0c9b7f1f2a10';

function ledgerKnowing(network: object | null, members: number): EntityManager {
  return {
    findOne: async () => network,
    count: async () => members,
  } as unknown as EntityManager;
}

async function refusal(em: EntityManager): Promise<DomainProblem> {
  const error: unknown = await networkFor(em, NETWORK, ORGANISATION, undefined).catch(
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainProblem);
  return error as DomainProblem;
}

describe('networkFor', () => {
  it('answers 404 for a network the ledger has not learnt of, saying a new one may still be on its way', async () => {
    const { problem } = await refusal(ledgerKnowing(null, 0));
    expect(problem).toMatchObject({ code: 'not-found', status: 404, title: 'Network not found' });
    expect(problem.detail).toContain(NETWORK);
    expect(problem.detail).toContain('registered a moment ago');
  });

  it('answers an outsider exactly as for an unknown network', async () => {
    const unknown = await refusal(ledgerKnowing(null, 0));
    const outsider = await refusal(ledgerKnowing({ id: NETWORK }, 0));
    expect(outsider.problem).toEqual(unknown.problem);
  });

  it("returns the network to a member organisation's caller", async () => {
    const network = { id: NETWORK };
    await expect(
      networkFor(ledgerKnowing(network, 1), NETWORK, ORGANISATION, undefined),
    ).resolves.toBe(network);
  });
});
