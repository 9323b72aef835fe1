/**
 * `npm run audit:verify -- <export.json> --rpc <url>`: checks an exported audit log against the
 * chain without trusting the platform (see docs/audit-log.md). Exit code 0 when everything
 * checks out, 1 when the log or an anchor is wrong, 2 on bad usage or an unreadable file.
 */
import { readFileSync } from 'node:fs';
import { EthersAnchorContractReader } from './anchor-contract-reader';
import { verifyExport } from './export-verifier';

const USAGE = `usage: npm run audit:verify -- <export.json> --rpc <url>

Verifies a Strata audit log export (GET /api/v1/audit-log/export) independently:
  1. every entry's SHA-256 hash over its RFC 8785 canonical JSON, chained to the entry before;
  2. every anchor's RFC 6962 Merkle root recomputed from the exported entries;
  3. each root recorded for its range in the AuditAnchors contract, read from --rpc.

options:
  --rpc <url>   JSON-RPC endpoint of the network the anchors are on (any node you trust)
  --help        show this help

exit codes: 0 verified, 1 verification failed, 2 usage or input error`;

interface Arguments {
  file: string;
  rpc: string;
}

function parseArguments(argv: string[]): Arguments | string {
  const positional: string[] = [];
  let rpc: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--rpc') rpc = argv[++i];
    else if (arg.startsWith('--rpc=')) rpc = arg.slice('--rpc='.length);
    else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else positional.push(arg);
  }
  if (positional.length !== 1) return 'give exactly one export file';
  if (!rpc || !/^https?:\/\//.test(rpc)) return '--rpc <http(s) url> is required';
  return { file: positional[0], rpc };
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArguments(argv);
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (typeof args === 'string') {
    console.error(`${args}\n\n${USAGE}`);
    return 2;
  }
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(args.file, 'utf8'));
  } catch (error) {
    console.error(
      `cannot read ${args.file}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 2;
  }
  const chain = new EthersAnchorContractReader(args.rpc);
  try {
    const report = await verifyExport(document, chain, (line) => console.log(line));
    for (const warning of report.warnings) console.log(`warning: ${warning}`);
    for (const failure of report.failures) console.error(`FAILED: ${failure}`);
    console.log(
      report.ok
        ? `VERIFIED: ${report.entries} entries, ${report.anchorsVerified} anchors on chain`
        : `NOT VERIFIED: ${report.failures.length} problem(s)`,
    );
    return report.ok ? 0 : 1;
  } finally {
    chain.destroy();
  }
}

if (require.main === module) {
  main(process.argv.slice(2))
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      console.error(
        `verification could not run: ${error instanceof Error ? error.message : String(error)}`,
      );
      process.exit(2);
    });
}
