/*
 * End to end, the way users get the plugin: `npm pack`, then `sf plugins install file:<tgz>` into the real,
 * pinned Salesforce CLI (not bin/dev.js), in a clean HOME. The installed package holds only what users run, its
 * commands work against the emulator, its hook runs after the CLI's own `project deploy start`, and on a Node
 * older than it needs, other sf commands keep working.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { expect } from 'chai';
import { useEmulator } from '@sfdatakit/org-emulator/testing';
import { ensureSfCli, installPlugin, packPlugin } from '../../scripts/lib/realCli.js';
import { json, ROOT, SfHome } from '../../scripts/lib/sf.js';

/** Every file under a folder, relative to it. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? e.name === 'node_modules'
        ? []
        : filesUnder(join(dir, e.name), `${prefix}${e.name}/`)
      : [`${prefix}${e.name}`]
  );
}

/** A Node older than 22 on the PATH (the machine's own), to run the CLI the way an outdated install would. */
function olderNode(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter((d) => !d.includes('node_modules'))) {
    const candidate = join(dir, 'node');
    if (!existsSync(candidate)) continue;
    const version = spawnSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
    if (Number(version.split('.')[0]) < 22) return candidate;
  }
  return undefined;
}

describe('e2e: the packed plugin installed into the real sf CLI', function () {
  this.timeout(600_000);
  const emulator = useEmulator(undefined, { msPerStep: 20 });
  let home: SfHome;
  let bin: string;
  let installed: string;

  before(async () => {
    bin = ensureSfCli();
    const tgz = packPlugin();
    home = new SfHome();
    const install = await installPlugin(home, bin, tgz);
    expect(install.code, install.stdout + install.stderr).to.equal(0);
    installed = join(home.dir, '.local', 'share', 'sf', 'node_modules', '@sfdatakit', 'plugin-datakit');
  });
  after(() => home?.remove());
  beforeEach(async () => {
    const login = await home.run(
      ['org', 'login', 'access-token', '--instance-url', emulator.current.url, '--no-prompt', '--alias', 'emu'],
      {
        bin,
        env: { SF_ACCESS_TOKEN: `${emulator.current.state.identity.orgId.slice(0, 15)}!installed` },
      }
    );
    expect(login.code, login.stderr).to.equal(0);
  });

  it('is listed by sf plugins, and its package holds only what users run', async () => {
    const plugins = await home.run(['plugins', '--json'], { bin });
    expect((JSON.parse(plugins.stdout) as Array<{ name: string }>).map((p) => p.name)).to.include(
      '@sfdatakit/plugin-datakit'
    );
    const files = filesUnder(installed);
    expect(files).to.include.members([
      'package.json',
      'oclif.manifest.json',
      'lib/configMeta.js',
      'lib/hooks/scopedPostDeploy.js',
      'messages/jobs.md',
    ]);
    expect(files.filter((f) => /emulator|\.map$|tsbuildinfo|^src\/|^test\/|^scripts\//.test(f))).to.deep.equal([]);
  });

  it('runs its commands against an org: sf datakit list', async () => {
    const r = await home.run(['datakit', 'list', '-o', 'emu', '--json'], { bin });
    expect(r.code, r.stderr).to.equal(0);
    expect(json<{ kits: Array<{ name: string }> }>(r).result.kits.map((k) => k.name)).to.deep.equal([
      'Marketing_Activation',
      'Retail_Core',
      'Web_Engagement',
    ]);
  });

  it('registers its config variable without loading anything heavy at start-up', async () => {
    const set = await home.run(['config', 'set', 'datakit-auto-unwrap=false', '--global', '--json'], { bin });
    expect(set.code, set.stderr).to.equal(0);
    const get = await home.run(['config', 'get', 'datakit-auto-unwrap', '--json'], { bin });
    expect(json<Array<{ value: string }>>(get).result[0].value).to.equal('false');
    await home.run(['config', 'unset', 'datakit-auto-unwrap', '--global'], { bin });
  });

  it("unwraps the kits the CLI's own project deploy start deploys", async () => {
    const project = mkdtempSync(join(tmpdir(), 'installed-project-'));
    try {
      cpSync(join(ROOT, 'test', 'fixtures', 'kit-project'), project, { recursive: true });
      const r = await home.run(['project', 'deploy', 'start', '--source-dir', 'force-app', '-o', 'emu', '--json'], {
        bin,
        cwd: project,
        env: { SF_DATAKIT_POLL_MS: '50' },
        timeoutMs: 240_000,
      });
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stderr).to.include('datakit: Unwrapped data kit Orders_Kit');
      expect(
        [...emulator.current.state.deployed.values()]
          .filter((d) => d.kit === 'Orders_Kit')
          .every((d) => d.status === 'Active')
      ).to.equal(true);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it('on a Node older than it needs, other sf commands work as they do without it, and its own say which Node they need', async function () {
    const node = olderNode();
    if (!node) this.skip(); // every node on this PATH is 22 or later: nothing older to run on
    // the CLI itself needs Node 22 for some commands: compare with a home without the plugin, command by command
    const bare = new SfHome();
    try {
      for (const args of [['--version'], ['plugins'], ['help'], ['org', 'display', '-o', 'emu']]) {
        const [without, withPlugin] = await Promise.all([bare.run(args, { bin, node }), home.run(args, { bin, node })]);
        expect(withPlugin.code, `sf ${args.join(' ')} with the plugin: ${withPlugin.stderr}`).to.equal(
          without.code === 0 ? 0 : withPlugin.code
        );
        if (without.code === 0) expect(withPlugin.stderr).not.to.include('datakit');
      }
      const version = await home.run(['--version'], { bin, node });
      expect(version.code).to.equal(0);
      const list = await home.run(['datakit', 'list', '-o', 'emu'], { bin, node });
      expect(list.code).to.equal(1);
      expect(list.stderr).to.include('sf datakit needs Node.js 22 or later');
    } finally {
      bare.remove();
    }
  });
});
