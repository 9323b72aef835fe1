/**
 * The ledger deployed with STRATA_KEYVAULT=pkcs11 on a SoftHSM2 token, end to end through the
 * API: a signing account's key is generated on the token (non-extractable), a transfer from it
 * is signed there and confirmed on anvil, and the signature is audited in the ledger's schema.
 * The ledger is restarted with the software keystore afterwards for the test files that follow.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  readE2eRun,
  startApp,
  stackPaths,
  stopProcess,
  waitForAppHealth,
  writeE2eRun,
  ensureSoftHsmTestToken,
} from '@strata/testing';
import { Pkcs11Token } from '@strata/key-custody';
import { apiAs } from './support/api';
import { anvilNetwork, memberWithRole, signingAccount, waitForStatus } from './support/ledger';

/** Restarts the run's ledger with `env` (the e2e run's own settings plus these). */
async function restartLedgerWith(env: Record<string, string>): Promise<void> {
  const run = readE2eRun();
  const previous = run.apps.ledger;
  if (!previous) throw new Error('the ledger is not part of this e2e run');
  await stopProcess(previous.pid, 10_000);
  const started = await startApp('ledger', {
    repoRoot: stackPaths().repoRoot,
    port: previous.port,
    env,
    logFile: previous.logFile,
  });
  await waitForAppHealth(started);
  writeE2eRun({ ...readE2eRun(), apps: { ...readE2eRun().apps, ledger: started } });
}

describe('ledger signing with a PKCS#11 token (SoftHSM2), end to end', () => {
  const token = ensureSoftHsmTestToken();
  const originalEnv = readE2eRun().apps.ledger?.env ?? {};
  const db = new pg.Client({ connectionString: readE2eRun().databaseUrl });

  beforeAll(async () => {
    await db.connect();
    await restartLedgerWith({
      ...originalEnv,
      STRATA_KEYVAULT: 'pkcs11',
      STRATA_PKCS11_MODULE: token.modulePath,
      STRATA_PKCS11_TOKEN_LABEL: token.tokenLabel,
      STRATA_PKCS11_PIN: token.pin,
      SOFTHSM2_CONF: token.conf,
    });
  });

  afterAll(async () => {
    await restartLedgerWith(originalEnv);
    await db.end();
  });

  it('creates the account key on the token and confirms a transfer it signed, audited with who and what', async () => {
    const admin = await apiAs('admin');
    const member = await memberWithRole(admin);
    const networkId = await anvilNetwork(admin, [member.organisationId]);
    const address = await signingAccount(member, networkId);

    const key = await db.query<{ id: string; custody: string; material: string }>(
      'select id, custody, material from ledger.custody_key where lower(address) = lower($1)',
      [address],
    );
    expect(key.rows).toHaveLength(1);
    expect(key.rows[0].custody).toBe('pkcs11');
    const onToken = await Pkcs11Token.open(token);
    try {
      expect(onToken.privateKeyFlags(Buffer.from(key.rows[0].material, 'hex'))).toEqual({
        sensitive: true,
        extractable: false,
      });
    } finally {
      onToken.close();
    }

    const submitted = await member.tx.submitTransaction({
      id: networkId,
      idempotencyKey: randomUUID(),
      submitTransaction: { kind: 'transfer', from: address, to: address, value: '1' },
    });
    const confirmed = await waitForStatus(member, networkId, submitted.id, ['confirmed']);
    expect(confirmed.from.toLowerCase()).toBe(address.toLowerCase());

    const usage = await db.query<{ actor_organisation_id: string; purpose: string }>(
      'select actor_organisation_id, purpose from ledger.key_usage where key_id = $1 and tx_hash = $2',
      [key.rows[0].id, confirmed.hash],
    );
    expect(usage.rows).toEqual([
      { actor_organisation_id: member.organisationId, purpose: 'transaction' },
    ]);
  });
});
