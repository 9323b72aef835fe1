/**
 * Java tooling for the Maven-fetched servers: which JDK runs them and how Maven fetches their
 * artifacts into .stack/downloads (only when missing; ~/.m2 caches across checkouts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** JAVA_HOME if set, else a Temurin JDK under /usr/lib/jvm, else whatever `java` is on PATH. */
export function javaHome(): string | undefined {
  if (process.env.JAVA_HOME) return process.env.JAVA_HOME;
  const jvm = '/usr/lib/jvm';
  if (!existsSync(jvm)) return undefined;
  const candidates = readdirSync(jvm)
    .filter((d) => /^(java-17|java-21|temurin-(17|21|25))/.test(d))
    .filter((d) => existsSync(join(jvm, d, 'bin', 'java')))
    .sort();
  return candidates.length > 0 ? join(jvm, candidates[0]) : undefined;
}

export function javaBinary(): string {
  const home = javaHome();
  return home ? join(home, 'bin', 'java') : 'java';
}

/** Runs Maven in batch mode; throws with its output when it fails. */
export function runMaven(args: string[], cwd: string): void {
  const result = spawnSync('mvn', ['-q', '-B', ...args], { cwd, encoding: 'utf8' });
  if (result.error)
    throw new Error(`could not run mvn (is Maven installed?): ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`mvn ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  }
}
