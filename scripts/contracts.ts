/**
 * The Solidity contracts (solidity/) compiled into libs/chain/src/contracts/generated with
 * solc-js, in-process, deterministic output (formatted like the rest of the repository).
 *   npm run contracts:build   regenerate the ABI + bytecode JSON files and their typed index
 *   npm run contracts:check   compile into memory; exit 1 when the checked-in files differ
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { compileSolidity, GENERATED_DIR, generatedFiles } from './lib/solidity-build';

const root = join(__dirname, '..');
const outDir = join(root, GENERATED_DIR);

async function expectedFiles(): Promise<Map<string, string>> {
  const formatted = new Map<string, string>();
  for (const [name, text] of generatedFiles(compileSolidity(root))) {
    const path = join(outDir, name);
    const options = (await resolveConfig(path)) ?? {};
    formatted.set(name, await format(text, { ...options, filepath: path }));
  }
  return formatted;
}

function existingFiles(): string[] {
  try {
    return readdirSync(outDir).sort();
  } catch {
    return [];
  }
}

async function build(): Promise<number> {
  const started = Date.now();
  const files = await expectedFiles();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of files) writeFileSync(join(outDir, name), text);
  console.log(`generated ${GENERATED_DIR} (${files.size} files) in ${Date.now() - started} ms`);
  return 0;
}

async function check(): Promise<number> {
  const files = await expectedFiles();
  const names = [...new Set([...files.keys(), ...existingFiles()])].sort();
  const stale = names.filter((name) => {
    const expected = files.get(name);
    if (expected === undefined) return true;
    try {
      return readFileSync(join(outDir, name), 'utf8') !== expected;
    } catch {
      return true;
    }
  });
  if (stale.length === 0) {
    console.log(`generated contracts are up to date (${GENERATED_DIR})`);
    return 0;
  }
  console.error(
    `generated contracts are stale; run \`npm run contracts:build\` and commit:\n  ${stale
      .map((name) => join(GENERATED_DIR, name))
      .join('\n  ')}`,
  );
  return 1;
}

if (require.main === module) {
  (process.argv[2] === 'check' ? check() : build())
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
