/**
 * `npm test`: the whole suite, in the order that fails fastest. Each step prints its progress and
 * duration; the run ends with one summary line `tests: N passed, N failed`.
 *   1. machine setup (missing Debian packages), formatting, lint, type checks
 *   2. generated files are up to date (OpenAPI document, SDK, contract artifacts, migrations)
 *   3. unit tests (no services)
 *   4. end-to-end tests on the real stack (Kafka, Keycloak, PostgreSQL, anvil, every app, browser)
 * `npm test -- --unit` stops after the unit tests; `--e2e` runs only the end-to-end tests.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Step {
  name: string;
  command: string;
  args: string[];
  jestReport?: string;
}

const root = join(__dirname, '..');
const reports = join(root, '.stack', 'reports');
const jest = (project: string, extra: string[] = []): Step => ({
  name: `${project} tests`,
  command: 'jest',
  args: [
    '--config',
    'jest.config.cjs',
    `--selectProjects=${project}`,
    '--json',
    `--outputFile=${join(reports, `${project}.json`)}`,
    ...extra,
  ],
  jestReport: join(reports, `${project}.json`),
});

const STATIC_STEPS: Step[] = [
  {
    name: 'machine setup',
    command: 'node',
    args: ['-r', '@swc-node/register', 'scripts/setup.ts'],
  },
  { name: 'formatting', command: 'prettier', args: ['--check', '--log-level=warn', '.'] },
  { name: 'project graph', command: 'nx', args: ['show', 'projects'] },
  { name: 'lint', command: 'eslint', args: ['.', '--max-warnings=0'] },
  { name: 'type check (services)', command: 'tsc', args: ['-p', 'tsconfig.json', '--noEmit'] },
  {
    name: 'type check (console)',
    command: 'tsc',
    args: ['-p', 'apps/console/tsconfig.json', '--noEmit'],
  },
  {
    name: 'generated OpenAPI and SDK are current',
    command: 'node',
    args: ['-r', '@swc-node/register', 'scripts/sdk.ts', 'check'],
  },
  {
    name: 'generated contract ABIs and bytecode are current',
    command: 'node',
    args: ['-r', '@swc-node/register', 'scripts/contracts.ts', 'check'],
  },
  {
    name: 'migrations match the entities',
    command: 'node',
    args: ['-r', '@swc-node/register', 'scripts/migrations.ts', 'check'],
  },
];

function plan(argv: string[]): Step[] {
  if (argv.includes('--help')) {
    process.stdout.write(
      'usage: npm test [-- --unit | --e2e]\n\n' +
        readFileSync(__filename, 'utf8')
          .split('*/')[0]
          .replace(/^\/\*\*|^ \* ?/gm, '') +
        '\n',
    );
    process.exit(0);
  }
  if (argv.includes('--e2e')) return [jest('e2e', ['--runInBand'])];
  if (argv.includes('--unit')) return [...STATIC_STEPS, jest('unit')];
  return [...STATIC_STEPS, jest('unit'), jest('e2e', ['--runInBand'])];
}

function countsOf(report: string): { passed: number; failed: number } {
  try {
    const json = JSON.parse(readFileSync(report, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numRuntimeErrorTestSuites: number;
    };
    return {
      passed: json.numPassedTests,
      failed: json.numFailedTests + json.numRuntimeErrorTestSuites,
    };
  } catch {
    return { passed: 0, failed: 1 };
  }
}

function main(): void {
  mkdirSync(reports, { recursive: true });
  const env = {
    ...process.env,
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    FORCE_COLOR: process.env.CI ? '0' : process.env.FORCE_COLOR,
  };
  let passed = 0;
  let failed = 0;
  const started = Date.now();
  for (const [index, step] of plan(process.argv.slice(2)).entries()) {
    const stepStart = Date.now();
    process.stdout.write(`\n▶ [${index + 1}] ${step.name}\n`);
    const result = spawnSync(step.command, step.args, {
      cwd: root,
      env,
      stdio: ['ignore', step.name === 'project graph' ? 'ignore' : 'inherit', 'inherit'],
    });
    const seconds = ((Date.now() - stepStart) / 1000).toFixed(1);
    if (step.jestReport) {
      const counts = countsOf(step.jestReport);
      passed += counts.passed;
      failed += counts.failed;
    }
    if (result.status !== 0) {
      if (!step.jestReport) failed++;
      process.stdout.write(
        `✗ ${step.name} failed after ${seconds}s\n\ntests: ${passed} passed, ${failed} failed\n`,
      );
      process.exit(1);
    }
    process.stdout.write(`✓ ${step.name} (${seconds}s)\n`);
  }
  process.stdout.write(
    `\nall green in ${((Date.now() - started) / 1000).toFixed(0)}s\ntests: ${passed} passed, ${failed} failed\n`,
  );
}

main();
