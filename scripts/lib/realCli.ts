/*
 * The real Salesforce CLI, as users have it: a pinned @salesforce/cli installed into a cache folder of this
 * repository (.cache/, never a dependency of the plugin), and the plugin packed with `npm pack` and installed
 * with `sf plugins install`, the path users take. Used by the benchmark and the installed-plugin e2e test.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, type SfHome, type SfResult } from './sf.js';

export const SF_CLI_VERSION = '2.150.6';
export const CACHE = join(ROOT, '.cache');
/** npm's own download cache, also for the throw-away HOMEs: packages `npm ci` fetched are not fetched again */
export const NPM_CACHE = spawnSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).stdout.trim() || join(CACHE, 'npm');

const npm = (args: string[], cwd = ROOT): void => {
  const r = spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_cache: NPM_CACHE, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' } });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
};

/** bin/run.js of the pinned CLI, installed on first use. */
export function ensureSfCli(version = SF_CLI_VERSION): string {
  const dir = join(CACHE, 'sf-cli', version);
  const bin = join(dir, 'node_modules', '@salesforce', 'cli', 'bin', 'run.js');
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    process.stderr.write(`installing @salesforce/cli@${version} into ${dir} (once)...\n`);
    npm(['install', '--prefix', dir, `@salesforce/cli@${version}`, '--omit=dev', '--no-save', '--loglevel=error']);
  }
  return bin;
}

/** The plugin's own tarball: `npm pack` (prepack builds lib/ and the oclif manifest). */
export function packPlugin(): string {
  const out = join(CACHE, 'pack');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  npm(['pack', '--pack-destination', out, '--loglevel=error']);
  const tgz = readdirSync(out).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new Error('npm pack wrote no tarball');
  return join(out, tgz);
}

/** `sf plugins install file:<tgz>` into the home, trusting the unsigned plugin the way a team would. */
export async function installPlugin(home: SfHome, bin: string, tgz: string): Promise<SfResult> {
  const spec = `file:${tgz}`;
  const configDir = join(home.dir, '.config', 'sf');
  mkdirSync(configDir, { recursive: true });
  writeFileSync(join(configDir, 'unsignedPluginAllowList.json'), JSON.stringify(['@sfdatakit/plugin-datakit', spec]));
  return home.run(['plugins', 'install', spec], { bin, timeoutMs: 600_000, env: { npm_config_cache: NPM_CACHE } });
}
