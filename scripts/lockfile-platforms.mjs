#!/usr/bin/env node
/**
 * Keeps package-lock.json usable by `npm ci` on every machine.
 *
 * The npm registry this project's machines reach does not serve every platform-specific optional
 * package (e.g. @swc/core-darwin-arm64); `npm install` then leaves them out of the lock file and
 * `npm ci` refuses the lock file as out of sync. After an install (root `postinstall`), this adds
 * the missing entries as optional, with the os/cpu/libc their names state, so `npm ci` accepts the
 * lock file and skips them on platforms they are not for. It changes nothing when nothing is missing.
 * See docs/adr/0006-lockfile-platform-packages.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const OS = ['darwin', 'linux', 'win32', 'freebsd', 'android', 'openharmony', 'sunos', 'aix'];
const CPU = {
  amd64: 'x64',
  x64: 'x64',
  arm64: 'arm64',
  aarch64: 'arm64',
  arm: 'arm',
  ia32: 'ia32',
  ppc64: 'ppc64',
  s390x: 's390x',
  riscv64: 'riscv64',
  loong64: 'loong64',
};

/** os/cpu/libc from a platform package name such as `@swc/core-linux-arm-gnueabihf`. */
export function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((part) => OS.includes(part));
  const cpu = parts.map((part) => CPU[part]).find(Boolean);
  if (!os || !cpu) return undefined;
  const libc = parts.some((part) => part.startsWith('musl'))
    ? 'musl'
    : parts.some((part) => part.startsWith('gnu'))
      ? 'glibc'
      : undefined;
  return { os: [os], cpu: [cpu], ...(libc ? { libc: [libc] } : {}) };
}

/** Lock paths a dependency of `from` may be installed at, nearest first (Node's resolution). */
function candidates(from, name) {
  const paths = [];
  let at = from;
  for (;;) {
    paths.push(at ? `${at}/node_modules/${name}` : `node_modules/${name}`);
    if (!at) return paths;
    const cut = at.lastIndexOf('/node_modules/');
    at = cut >= 0 ? at.slice(0, cut) : '';
  }
}

export function addMissingPlatformPackages(lock) {
  const added = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
      if (candidates(path, name).some((candidate) => candidate in lock.packages)) continue;
      const platform = platformOf(name);
      const version = /^\d+\.\d+\.\d+/.exec(spec)?.[0];
      if (!platform || !version) continue;
      lock.packages[`node_modules/${name}`] = { version, optional: true, ...platform };
      added.push(`${name}@${version}`);
    }
  }
  lock.packages = Object.fromEntries(
    Object.entries(lock.packages).sort(([a], [b]) =>
      a === '' ? -1 : b === '' ? 1 : a.localeCompare(b),
    ),
  );
  return added;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = join(process.cwd(), 'package-lock.json');
  const lock = JSON.parse(readFileSync(file, 'utf8'));
  const added = addMissingPlatformPackages(lock);
  if (added.length > 0) {
    writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
    console.log(
      `package-lock.json: recorded ${added.length} platform packages the registry does not serve`,
    );
  }
}
