import { toNetworkDetail, toOrganisation } from './sdk-models';

describe('SDK models to contract types', () => {
  it('turns the Date objects of the generated client back into ISO strings', () => {
    const organisation = toOrganisation({
      id: '00000000-0000-4000-8000-000000000001',
      name: 'Bundesamt',
      country: 'DE',
      kind: 'public-administration',
      legalIdentifier: null,
      createdAt: new Date('2026-05-01T10:00:00.000Z'),
    });
    expect(organisation.createdAt).toBe('2026-05-01T10:00:00.000Z');
  });

  it('keeps a reachable chain with its latest block and an unreachable one with its reason', () => {
    const network = {
      id: '00000000-0000-4000-8000-000000000002',
      name: 'Pilot',
      description: null,
      memberOrganisationIds: [],
      rpcUrl: 'http://127.0.0.1:8545',
      createdAt: new Date('2026-05-01T10:00:00.000Z'),
    };
    const observedAt = new Date('2026-05-02T10:00:00.000Z');
    const reachable = toNetworkDetail({
      ...network,
      chain: {
        reachable: true,
        chainId: '31337',
        latestBlock: { number: 7, hash: '0xab', timestamp: new Date('2026-05-02T09:59:58.000Z') },
        observedAt,
      },
    });
    expect(reachable.chain).toEqual({
      reachable: true,
      chainId: '31337',
      latestBlock: { number: 7, hash: '0xab', timestamp: '2026-05-02T09:59:58.000Z' },
      observedAt: '2026-05-02T10:00:00.000Z',
    });
    const unreachable = toNetworkDetail({
      ...network,
      chain: { reachable: false, reason: 'connection refused', observedAt },
    });
    expect(unreachable.chain).toEqual({
      reachable: false,
      reason: 'connection refused',
      observedAt: '2026-05-02T10:00:00.000Z',
    });
  });
});
