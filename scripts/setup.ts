/**
 * `npm run setup`: installs the machine packages the project needs (Debian chromium for the
 * browser test) only when missing. Safe to run any time; never fails the command it precedes.
 */
import { createProgress, ensureDebianPackages, PROJECT_DEBIAN_PACKAGES } from '@strata/testing';

if (process.argv.includes('--help')) {
  process.stdout.write(
    'usage: npm run setup\n\nInstalls missing Debian packages with apt-get (needs root):\n' +
      PROJECT_DEBIAN_PACKAGES.map((p) => `  ${p.name.padEnd(10)} for ${p.neededFor}`).join('\n') +
      '\n',
  );
} else {
  const progress = createProgress();
  const outcome = ensureDebianPackages(PROJECT_DEBIAN_PACKAGES, progress);
  for (const [name, result] of Object.entries(outcome)) progress.ok(`${name}: ${result}`);
}
