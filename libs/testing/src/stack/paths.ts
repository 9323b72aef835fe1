/**
 * Where the local stack keeps its files: everything lives under `<repo>/.stack/` (git-ignored),
 * so deleting that folder resets downloads, service data, logs and remembered state.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface StackPaths {
  repoRoot: string;
  root: string;
  downloads: string;
  data: string;
  logs: string;
  stateFile: string;
  e2e: string;
  e2eLogs: string;
  e2eRunFile: string;
}

/** The repository root: the nearest folder above `from` holding nx.json. */
export function findRepoRoot(from: string = __dirname): string {
  let dir = resolve(from);
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`no nx.json above ${from}: not inside the Strata repository`);
    dir = parent;
  }
  return dir;
}

export function stackPaths(repoRoot: string = findRepoRoot()): StackPaths {
  const root = process.env.STRATA_STACK_DIR ?? join(repoRoot, '.stack');
  return {
    repoRoot,
    root,
    downloads: join(root, 'downloads'),
    data: join(root, 'data'),
    logs: join(root, 'logs'),
    stateFile: join(root, 'state', 'stack.json'),
    e2e: join(root, 'e2e'),
    e2eLogs: join(root, 'e2e', 'logs'),
    e2eRunFile: join(root, 'e2e', 'run.json'),
  };
}
