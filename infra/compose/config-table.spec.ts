/** docs/operations.md carries the configuration table generated from the apps' config schemas. */
import { readFileSync } from 'node:fs';
import { APP_CONFIGS } from './app-configs';
import {
  OPERATIONS_GUIDE,
  renderConfigTable,
  VARIABLE_MEANINGS,
  expectedGuide,
} from './config-table';

describe('configuration table in docs/operations.md', () => {
  it('is up to date (run `node -r @swc-node/register infra/compose/config-table.ts --write`)', () => {
    const document = readFileSync(OPERATIONS_GUIDE, 'utf8');
    expect(document).toBe(expectedGuide(document));
  });

  it('lists every variable of every app exactly once', () => {
    const table = renderConfigTable();
    const keys = new Set(APP_CONFIGS.flatMap(({ schema }) => Object.keys(schema.shape)));
    for (const key of keys) expect(table.split(`| \`${key}\` |`)).toHaveLength(2);
  });

  it('explains no variable that no app reads any more', () => {
    const keys = new Set(APP_CONFIGS.flatMap(({ schema }) => Object.keys(schema.shape)));
    expect(Object.keys(VARIABLE_MEANINGS).filter((key) => !keys.has(key))).toEqual([]);
  });
});
