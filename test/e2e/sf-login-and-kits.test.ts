/*
 * End to end: the real sf commands (plugin-auth's `org login access-token`, this plugin's datakit commands,
 * run through bin/dev.js) against the emulator over HTTP, in a throw-away HOME.
 */
import { expect } from 'chai';
import { useEmulator } from '@sfdatakit/org-emulator/testing';
import { json, SfHome } from '../../scripts/lib/sf.js';

describe('e2e: sf org login + datakit list/create/delete', function () {
  this.timeout(180_000);
  const emulator = useEmulator();
  let home: SfHome;

  before(() => {
    home = new SfHome();
  });
  after(() => home.remove());

  it('logs in with the real sf flow, then lists, creates and deletes kits', async () => {
    const login = await home.login(emulator.current.url, emulator.current.state.identity.orgId, 'emu');
    expect(login.code, login.stderr).to.equal(0);
    expect(login.stdout).to.include('Successfully authorized admin@datakit.emulator');

    const list = json<{ kits: Array<{ name: string }> }>(
      await home.run(['datakit', 'list', '--target-org', 'emu', '--json'])
    );
    expect(list.status).to.equal(0);
    expect(list.result.kits.map((k) => k.name)).to.deep.equal([
      'Marketing_Activation',
      'Retail_Core',
      'Web_Engagement',
    ]);

    const created = await home.run([
      'datakit',
      'create',
      '-o',
      'emu',
      '-n',
      'E2E_Kit',
      '-l',
      'E2E',
      '-c',
      'DataLakeObject:Orders_S3__dll',
      '--json',
    ]);
    expect(json(created).status).to.equal(0);
    expect(emulator.current.state.kits.get('E2E_Kit')?.components.map((c) => c.info.name)).to.deep.equal([
      'Orders_S3__dll',
    ]);

    const deleted = await home.run(['datakit', 'delete', '-o', 'emu', '-n', 'E2E_Kit', '--no-prompt', '--json']);
    expect(json(deleted).status).to.equal(0);
    expect(emulator.current.state.kits.has('E2E_Kit')).to.equal(false);
  });

  it('an unknown kit exits 1 with the closest names', async () => {
    await home.login(emulator.current.url, emulator.current.state.identity.orgId, 'emu');
    const r = await home.run(['datakit', 'delete', '-o', 'emu', '-n', 'Retail_Cor', '--no-prompt', '--json']);
    expect(r.code).to.equal(1);
    expect(json(r).message).to.include('Did you mean: Retail_Core');
  });

  it('a wrong --target-org exits non-zero and names the org', async () => {
    const r = await home.run(['datakit', 'list', '--target-org', 'not-an-alias', '--json']);
    expect(r.code).to.not.equal(0);
    expect(r.stdout + r.stderr).to.include('not-an-alias');
  });

  it('a missing --target-org (no default) exits non-zero and says how to set one', async () => {
    const fresh = new SfHome();
    try {
      const r = await fresh.run(['datakit', 'list', '--json']);
      expect(r.code).to.not.equal(0);
      expect(r.stdout + r.stderr).to.match(/target-org|default/i);
    } finally {
      fresh.remove();
    }
  });

  it('never prints the access token', async () => {
    const outputs = [
      await home.login(emulator.current.url, emulator.current.state.identity.orgId, 'emu'),
      await home.run(['datakit', 'list', '-o', 'emu']),
    ];
    for (const o of outputs) expect(o.stdout + o.stderr).not.to.match(/00DEM0000000001![0-9a-f]{10,}/);
  });
});
