/**
 * Debian packages the project needs on a fresh machine (chromium for the browser test), installed
 * with apt-get only when missing. Never fatal: without root or apt the caller gets a warning.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { Progress, silentProgress } from '../progress';

export interface DebianPackage {
  name: string;
  /** A file the package installs; its presence means "installed". */
  installs: string;
  neededFor: string;
}

export const PROJECT_DEBIAN_PACKAGES: readonly DebianPackage[] = [
  { name: 'chromium', installs: '/usr/bin/chromium', neededFor: 'the console browser test' },
  {
    name: 'softhsm2',
    installs: '/usr/lib/softhsm/libsofthsm2.so',
    neededFor: 'the PKCS#11 key vault tests',
  },
];

export type PackageOutcome = 'present' | 'installed' | 'skipped';

export function ensureDebianPackages(
  packages: readonly DebianPackage[] = PROJECT_DEBIAN_PACKAGES,
  progress: Progress = silentProgress,
): Record<string, PackageOutcome> {
  const outcome: Record<string, PackageOutcome> = {};
  const missing = packages.filter((p) => {
    if (existsSync(p.installs)) outcome[p.name] = 'present';
    return !existsSync(p.installs);
  });
  if (missing.length === 0) return outcome;
  const names = missing.map((p) => p.name);
  const skip = (why: string) => {
    for (const p of missing) {
      outcome[p.name] = 'skipped';
      progress.warn(`${p.name} not installed (${why}); ${p.neededFor} will be skipped or fail`);
    }
    return outcome;
  };
  if (userInfo().uid !== 0)
    return skip(`not root: run "sudo apt-get install -y ${names.join(' ')}"`);
  progress.info(`installing Debian packages: ${names.join(', ')} (apt-get update + install)`);
  const apt = (args: string[]) =>
    spawnSync('apt-get', args, {
      encoding: 'utf8',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  const update = apt(['update', '-q']);
  if (update.status !== 0)
    return skip(`apt-get update failed: ${update.stderr?.trim() || update.error?.message}`);
  const install = apt(['install', '-y', '-q', '--no-install-recommends', ...names]);
  if (install.status !== 0) {
    return skip(`apt-get install failed: ${install.stderr?.trim() || install.error?.message}`);
  }
  for (const p of missing) outcome[p.name] = existsSync(p.installs) ? 'installed' : 'skipped';
  progress.ok(`installed ${names.join(', ')}`);
  return outcome;
}
