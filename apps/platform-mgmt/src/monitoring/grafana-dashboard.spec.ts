/** The Grafana dashboard in infra/grafana charts only metrics that platform-mgmt declares. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MONITORING_METRICS } from './monitoring-metrics';

interface Panel {
  title: string;
  targets?: { expr: string }[];
}

const dashboard = JSON.parse(
  readFileSync(join(__dirname, '../../../../infra/grafana/strata-nodes.json'), 'utf8'),
) as { panels: Panel[]; templating: { list: { query?: unknown }[] } };

/** Every metric name in a PromQL expression (all of Strata's start with `strata_`). */
const metricNames = (expr: string): string[] => expr.match(/\bstrata_[a-z0-9_]+/g) ?? [];

describe('infra/grafana/strata-nodes.json', () => {
  const declared = new Set<string>(Object.values(MONITORING_METRICS));
  const exprs = [
    ...dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((t) => t.expr)),
    ...dashboard.templating.list.flatMap((v) => (typeof v.query === 'string' ? [v.query] : [])),
  ];

  it('references only metrics platform-mgmt exposes', () => {
    const used = exprs.flatMap(metricNames);
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((name) => !declared.has(name))).toEqual([]);
  });

  it('charts every node figure', () => {
    const used = new Set(exprs.flatMap(metricNames));
    for (const name of declared) expect(used).toContain(name);
  });
});
