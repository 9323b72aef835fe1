/** Restarting one of the run's apps with other settings (e.g. a PKCS#11 KeyVault), and back. */
import {
  type AppName,
  readE2eRun,
  startApp,
  stackPaths,
  stopProcess,
  waitForAppHealth,
  writeE2eRun,
} from '@strata/testing';

/** Restarts the run's `app` on its port with `env` (the e2e run's own settings plus these). */
export async function restartAppWith(app: AppName, env: Record<string, string>): Promise<void> {
  const previous = readE2eRun().apps[app];
  if (!previous) throw new Error(`${app} is not part of this e2e run`);
  await stopProcess(previous.pid, 10_000);
  const started = await startApp(app, {
    repoRoot: stackPaths().repoRoot,
    port: previous.port,
    env,
    logFile: previous.logFile,
  });
  await waitForAppHealth(started);
  writeE2eRun({ ...readE2eRun(), apps: { ...readE2eRun().apps, [app]: started } });
}
