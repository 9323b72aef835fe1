#!/usr/bin/env node
/**
 * Rebuilds the project's native addons (pkcs11js) against the Node that runs the project (the
 * `node` devDependency, Node 24), after every install (root `postinstall`).
 *
 * npm builds a dependency's addon with the machine's node-gyp settings, which point at the
 * machine's own Node headers (Node 20 here). This script points node-gyp at the headers that ship
 * inside the `node` package (node_modules/node/node_modules/node-<platform>-<arch>/include), and
 * reinstalls that package's platform binary first when a later `npm install` pruned it. It does
 * nothing when the addon is already built for this Node (a stamp file beside the addon), and it
 * never fails the install: without the addon only the PKCS#11 key vault is unavailable.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = process.cwd();
const ADDONS = [{ name: 'pkcs11js', built: 'build/Release/pkcs11.node' }];

const warn = (message) => process.stderr.write(`native-addons: ${message}\n`);

function projectNode() {
  const pkg = join(ROOT, 'node_modules/node/package.json');
  if (!existsSync(pkg)) return undefined;
  const version = JSON.parse(readFileSync(pkg, 'utf8')).version;
  const platform = `node-${process.platform}-${process.arch}`;
  const home = join(ROOT, 'node_modules/node/node_modules', platform);
  return { version, platform, home };
}

/** The folder holding include/node for the project's Node, reinstalling it when pruned. */
function headersOf(node) {
  const ready = () => existsSync(join(node.home, 'include/node/common.gypi'));
  if (ready()) return node.home;
  const install = spawnSync(
    'npm',
    ['install', '--no-save', '--ignore-scripts', `${node.platform}@${node.version}`],
    { cwd: join(ROOT, 'node_modules/node'), stdio: 'inherit' },
  );
  if (install.status !== 0 || !ready()) return undefined;
  return node.home;
}

function rebuild(addon, node, nodedir) {
  const folder = join(ROOT, 'node_modules', addon.name);
  if (!existsSync(folder)) return;
  const stamp = join(folder, 'build/.strata-node-version');
  const wanted = `${node.version} ${process.platform}-${process.arch}`;
  const built = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
  if (built === wanted && existsSync(join(folder, addon.built))) return;
  const result = spawnSync('npm', ['rebuild', addon.name], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, npm_config_nodedir: nodedir },
  });
  if (result.status !== 0) return warn(`rebuilding ${addon.name} failed (status ${result.status})`);
  writeFileSync(stamp, `${wanted}\n`);
  process.stdout.write(`native-addons: ${addon.name} built for Node ${node.version}\n`);
}

const node = projectNode();
if (!node) {
  warn('no node devDependency installed; native addons keep the machine build');
} else {
  const nodedir = headersOf(node);
  if (!nodedir) warn(`headers of Node ${node.version} unavailable; native addons not rebuilt`);
  else for (const addon of ADDONS) rebuild(addon, node, nodedir);
}
