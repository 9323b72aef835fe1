/**
 * The project's fixes to dependencies (patches/, applied by patch-package; ADR 0017) are in force
 * wherever Strata runs: in this checkout's node_modules (root `postinstall`) and in the
 * production image, whose install skips install scripts and so applies them itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const read = (...path: string[]) => readFileSync(join(root, ...path), 'utf8');

/** The lines each patch adds, by the file it changes (`+++ b/node_modules/...`). */
function addedLines(patch: string): Map<string, string[]> {
  const files = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of patch.split('\n')) {
    if (line.startsWith('+++ b/')) {
      current = [];
      files.set(line.slice('+++ b/'.length), current);
    } else if (current && line.startsWith('+') && line.trim().length > 1) {
      current.push(line.slice(1));
    }
  }
  return files;
}

describe('dependency patches', () => {
  const patches = readdirSync(join(root, 'patches')).filter((name) => name.endsWith('.patch'));

  it('exist (kafkajs, ADR 0017)', () => {
    expect(patches).toContain('kafkajs+2.2.4.patch');
  });

  it.each(patches)('%s is applied in node_modules', (name) => {
    for (const [file, lines] of addedLines(read('patches', name))) {
      const installed = read(file);
      for (const line of lines) expect(installed).toContain(line);
    }
  });

  it('are applied by the install and by the production image', () => {
    const manifest = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(manifest.scripts.postinstall).toContain('patch-package --error-on-fail');
    const dockerfile = read('infra', 'docker', 'Dockerfile');
    expect(dockerfile).toContain('npm ci --ignore-scripts');
    expect(dockerfile).toMatch(/RUN npx patch-package --error-on-fail/);
    expect(dockerfile.indexOf('npx patch-package')).toBeGreaterThan(dockerfile.indexOf('COPY . .'));
  });
});
