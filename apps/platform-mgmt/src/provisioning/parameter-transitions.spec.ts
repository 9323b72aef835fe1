/** Approved parameter changes become Besu transitions at future blocks, never a changed genesis block. */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { parse as parseToml } from 'smol-toml';
import { provisionNetworkBodySchema } from '@strata/contracts';
import { besuToml, genesisJson } from './network-files';
import { planNetwork } from './node-plan';
import { scheduleTransition, TRANSITION_LEAD_SECONDS } from './parameter-transitions';

const body = provisionNetworkBodySchema.parse({
  parameters: { chainId: 2026, blockPeriodSeconds: 2, gasLimit: 30_000_000 },
  institutions: [{ organisationId: randomUUID(), validators: 2 }],
});
const { layout } = planNetwork(randomUUID(), body);

describe('parameter transitions', () => {
  it('schedules a block period change an hour of blocks past the head, as a qbft transition in the genesis config', () => {
    const transition = scheduleTransition(
      layout.parameters,
      [],
      { blockPeriodSeconds: 5 },
      1_000,
      randomUUID(),
    );
    expect(transition.block).toBe(1_000 + TRANSITION_LEAD_SECONDS / 2);
    const before = genesisJson(layout);
    const after = genesisJson({ ...layout, transitions: [transition] });
    expect((after.config as Record<string, unknown>).transitions).toEqual({
      qbft: [{ block: transition.block, blockperiodseconds: 5 }],
    });
    expect((after.config as { qbft: object }).qbft).toEqual(
      (before.config as { qbft: object }).qbft,
    );
    const blockFields = (genesis: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(genesis).filter(([key]) => key !== 'config'));
    expect(blockFields(after)).toEqual(blockFields(before));
  });

  it('turns a gas limit change into target-gas-limit in every node config and keeps the genesis gas limit', () => {
    const transition = scheduleTransition(
      layout.parameters,
      [],
      { gasLimit: 50_000_000 },
      10,
      randomUUID(),
    );
    const changed = { ...layout, transitions: [transition] };
    expect(genesisJson(changed).gasLimit).toBe(genesisJson(layout).gasLimit);
    for (const node of layout.nodes) {
      expect(parseToml(besuToml(changed, node))['target-gas-limit']).toBe(50_000_000);
      expect(parseToml(besuToml(layout, node))['target-gas-limit']).toBeUndefined();
    }
  });

  it('always schedules after the head and after every earlier transition', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 10_000_000 }),
        fc.array(fc.integer({ min: 1, max: 600 }), { maxLength: 5 }),
        (head, periods) => {
          const transitions = [];
          for (const period of periods) {
            const next = scheduleTransition(
              layout.parameters,
              transitions,
              { blockPeriodSeconds: period },
              head,
              randomUUID(),
            );
            expect(next.block).toBeGreaterThan(Math.max(head, ...transitions.map((t) => t.block)));
            transitions.push(next);
          }
        },
      ),
    );
  });
});
