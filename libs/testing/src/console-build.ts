/**
 * Builds the web console (Vite) into apps/console/dist, which the gateway serves. Used by
 * `npm start` and the e2e setup; a failed build is reported, and the caller decides what it means.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Progress } from './progress';

export function buildConsole(repoRoot: string, log: Progress): boolean {
  const config = join(repoRoot, 'apps', 'console', 'vite.config.ts');
  if (!existsSync(config)) {
    log.warn('console: apps/console/vite.config.ts not found, skipping the console build');
    return false;
  }
  log.info('console: vite build');
  const vite = join(repoRoot, 'node_modules', '.bin', 'vite');
  const build = spawnSync(vite, ['build', '--config', config, '--logLevel', 'warn'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (build.status !== 0) {
    log.warn(
      `console: vite build failed, the gateway will serve no console:\n${build.stdout}${build.stderr}`,
    );
    return false;
  }
  log.ok('console: built into apps/console/dist');
  return true;
}
