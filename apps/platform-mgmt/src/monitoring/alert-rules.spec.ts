/** The alert rules: each condition fires exactly when its threshold is crossed. */
import fc from 'fast-check';
import { alertKey, assessNetwork, type NodeSample } from './alert-rules';
import type { EffectiveSettings } from './monitoring.entities';

const settings: EffectiveSettings = {
  blockPeriodSeconds: 2,
  noBlockPeriods: 3,
  minPeers: 2,
  maxLagBlocks: 5,
  webhookUrls: [],
};
const now = new Date('2026-11-26T12:00:00Z');
const secondsAgo = (s: number) => new Date(now.getTime() - s * 1000);
const node = (id: string, blockNumber: number, peerCount: number | null, age = 1): NodeSample => ({
  nodeId: id,
  name: `node-${id}`,
  observation: { blockNumber, peerCount, syncing: false, lastBlockAt: secondsAgo(age) },
});
const keys = (samples: NodeSample[], at = now) =>
  assessNetwork('net', samples, settings, at).conditions.map((c) => alertKey(c.kind, c.subject));

describe('assessNetwork', () => {
  it('raises nothing for a healthy network', () => {
    expect(keys([node('a', 100, 3), node('b', 99, 2)])).toEqual([]);
  });

  it('raises no-new-blocks once the newest block is older than k block periods', () => {
    expect(keys([node('a', 100, 3, 6)])).toEqual([]);
    expect(keys([node('a', 100, 3, 7)])).toEqual(['no-new-blocks:net']);
  });

  it('raises peers-below-minimum only for nodes that report peers', () => {
    expect(keys([node('a', 100, 1), node('b', 100, null)])).toEqual(['peers-below-minimum:a']);
  });

  it('raises node-lagging for a node more than M blocks behind the head', () => {
    expect(keys([node('a', 100, 3), node('b', 95, 3), node('c', 94, 3)])).toEqual([
      'node-lagging:c',
    ]);
  });

  it('raises node-unreachable for a node that could not be observed', () => {
    expect(keys([node('a', 100, 3), { nodeId: 'b', name: 'b', error: 'refused' }])).toEqual([
      'node-unreachable:b',
    ]);
  });

  it('measures lag against the highest block and never reports a negative lag', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 1_000_000 }), { minLength: 1, maxLength: 20 }),
        (heights) => {
          const samples = heights.map((h, i) => node(String(i), h, 5));
          const assessment = assessNetwork('net', samples, settings, now);
          expect(assessment.headBlock).toBe(Math.max(...heights));
          for (const lag of assessment.lagOf.values()) expect(lag).toBeGreaterThanOrEqual(0);
          const lagging = assessment.conditions.filter((c) => c.kind === 'node-lagging').length;
          expect(lagging).toBe(heights.filter((h) => Math.max(...heights) - h > 5).length);
        },
      ),
    );
  });
});
