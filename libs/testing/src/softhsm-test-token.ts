/**
 * A SoftHSM2 token for the PKCS#11 tests, initialised once (idempotently) under
 * `.stack/softhsm/` with a project-owned softhsm2.conf, so tests never touch the machine's
 * /var/lib/softhsm. Needs the Debian `softhsm2` package (`npm run setup` installs it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stackPaths } from './stack/paths';

export const SOFTHSM2_MODULE = '/usr/lib/softhsm/libsofthsm2.so';
export const SOFTHSM2_UTIL = '/usr/bin/softhsm2-util';

export interface TestToken {
  modulePath: string;
  tokenLabel: string;
  pin: string;
  conf: string;
}

export const softHsmAvailable = (): boolean =>
  existsSync(SOFTHSM2_MODULE) && existsSync(SOFTHSM2_UTIL);

/**
 * Ensures a token labelled `tokenLabel` exists and points SOFTHSM2_CONF at the project's conf
 * (read by SoftHSM2 when a process loads the module, so call this before opening the token).
 */
export function ensureSoftHsmTestToken(tokenLabel = 'strata-test', pin = '1234'): TestToken {
  const root = join(stackPaths().root, 'softhsm');
  const tokens = join(root, 'tokens');
  const conf = join(root, 'softhsm2.conf');
  mkdirSync(tokens, { recursive: true });
  writeFileSync(
    conf,
    `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`,
  );
  // SoftHSM2 reads SOFTHSM2_CONF with getenv(); jest gives tests a copy of process.env that
  // native code never sees, so the variable goes into the real environment through an env file.
  const envFile = join(root, 'softhsm2.env');
  writeFileSync(envFile, `SOFTHSM2_CONF=${conf}\n`);
  process.loadEnvFile(envFile);
  process.env.SOFTHSM2_CONF = conf;
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  const slots = execFileSync(SOFTHSM2_UTIL, ['--show-slots'], { env, encoding: 'utf8' });
  if (!new RegExp(`Label:\\s+${tokenLabel}\\s*$`, 'm').test(slots)) {
    execFileSync(
      SOFTHSM2_UTIL,
      ['--init-token', '--free', '--label', tokenLabel, '--pin', pin, '--so-pin', `${pin}-so`],
      { env, stdio: 'ignore' },
    );
  }
  return { modulePath: SOFTHSM2_MODULE, tokenLabel, pin, conf };
}
