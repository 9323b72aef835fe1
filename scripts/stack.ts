/**
 * `npm run stack:up|stack:status|stack:down`: the local stack (PostgreSQL, Kafka, Keycloak,
 * anvil) on its fixed ports. `up` reuses whatever already runs; `down` stops only what it started.
 */
import {
  createProgress,
  KEYCLOAK_BOOTSTRAP_ADMIN,
  stackDown,
  stackPaths,
  stackStatus,
  stackUp,
} from '@strata/testing';

const HELP = `usage: npm run stack:up | stack:status | stack:down
       node -r @swc-node/register scripts/stack.ts <up|status|down> [--help]

  up      start what is missing (Kafka 127.0.0.1:19092, Keycloak http://localhost:18080,
          anvil http://127.0.0.1:18545, embedded Postgres on 15432 only if 5432 is not there);
          services that already listen are reused and left alone
  status  show each service, its endpoint and whether the stack started it
  down    stop the services the stack started (never reused ones)

Files (downloads, data, logs, state) live under .stack/ ; delete .stack/data to reset.`;

async function main(command: string | undefined): Promise<number> {
  const progress = createProgress();
  switch (command) {
    case 'up': {
      const result = await stackUp({ progress });
      progress.ok(
        `stack up: started [${result.started.join(', ')}], reused [${result.reused.join(', ')}]`,
      );
      process.stdout.write(
        `  postgres  ${result.postgresUrl}\n  kafka     ${result.kafkaBrokers}\n` +
          `  keycloak  ${result.keycloakUrl}/admin (${KEYCLOAK_BOOTSTRAP_ADMIN.username} / ${KEYCLOAK_BOOTSTRAP_ADMIN.password}, local only)\n` +
          `  anvil     ${result.anvilRpcUrl}\n`,
      );
      return 0;
    }
    case 'status': {
      const services = await stackStatus();
      for (const s of services) {
        const owner = s.pid
          ? `started by stack, pid ${s.pid}, log ${s.logFile}`
          : 'not started by stack';
        process.stdout.write(
          `${s.name.padEnd(9)} ${(s.up ? 'UP' : 'DOWN').padEnd(5)} ${s.endpoint.padEnd(40)} ${owner}\n`,
        );
      }
      process.stdout.write(`state: ${stackPaths().stateFile}\n`);
      return services.every((s) => s.up) ? 0 : 3;
    }
    case 'down': {
      const stopped = await stackDown({ progress });
      progress.ok(`stack down: stopped [${stopped.join(', ')}]`);
      return 0;
    }
    default:
      process.stdout.write(HELP + '\n');
      return command === undefined || command === '--help' || command === 'help' ? 0 : 2;
  }
}

const command = process.argv.includes('--help') ? '--help' : process.argv[2];
main(command).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `stack ${command ?? ''} failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
