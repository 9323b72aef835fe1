/**
 * Jest e2e global teardown: stops the apps of this run, drops its database and deletes its topics,
 * and stops the stack services the setup started (services that were already running are left
 * running).
 */
import {
  createProgress,
  deleteTopicsWithPrefix,
  dropDatabase,
  readE2eRun,
  stackDown,
  stopApp,
} from '@strata/testing';

export default async function globalTeardown(): Promise<void> {
  const progress = createProgress((line) => process.stdout.write(`[e2e teardown] ${line}\n`));
  const run = readE2eRun();
  await Promise.all(Object.values(run.apps).map((app) => stopApp(app)));
  await dropDatabase(run.databaseUrl).catch((error: unknown) =>
    progress.warn(`could not drop ${run.databaseUrl}: ${String(error)}`),
  );
  await deleteTopicsWithPrefix(run.topicPrefix, run.kafkaBrokers).catch((error: unknown) =>
    progress.warn(`could not delete the topics ${run.topicPrefix}*: ${String(error)}`),
  );
  if (run.startedServices.length > 0) {
    await stackDown({ services: run.startedServices, progress });
  }
  progress.ok(`e2e run ${run.runId} torn down`);
}
