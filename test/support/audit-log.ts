/**
 * The audit log as its readers see it in e2e tests: the SDK client, the export document as
 * `GET /api/v1/audit-log/export` answers it, and the offline verifier (`npm run audit:verify`)
 * run on a file against the run's anvil, as an auditor would.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLogApi, Configuration } from '@strata/sdk';
import type { AuditExport } from '@strata/contracts';
import { readE2eRun } from '@strata/testing';
import { type Api, raw } from './api';

export function auditLogApi(api: Api): AuditLogApi {
  return new AuditLogApi(
    new Configuration({ basePath: api.baseUrl, accessToken: async () => api.token }),
  );
}

const workDir = mkdtempSync(join(tmpdir(), 'strata-audit-e2e-'));

/** Runs the offline verifier on the document; exit code and everything it printed. */
export function verifyAuditExport(document: unknown): Promise<{ code: number; output: string }> {
  const file = join(workDir, `${randomUUID()}.json`);
  writeFileSync(file, JSON.stringify(document, null, 2));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        'apps/platform-mgmt/src/audit-log/cli/verify-export.ts',
        file,
        '--rpc',
        readE2eRun().anvilRpcUrl,
      ],
      { cwd: join(__dirname, '..', '..'), timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 99) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

/** The export document (raw: the SDK would drop what it does not model). */
export async function exportedAuditLog(api: Api, query = ''): Promise<AuditExport> {
  const response = await raw(api, 'GET', `/api/v1/audit-log/export${query}`);
  if (response.status !== 200) {
    throw new Error(`export answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body as unknown as AuditExport;
}
