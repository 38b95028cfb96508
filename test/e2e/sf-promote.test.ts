/*
 * End to end: a dev -> uat release through the real sf commands, two emulator orgs logged in side by side.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { emptyOrg, useEmulator } from '@sfdatakit/org-emulator/testing';
import { json, SfHome } from '../../scripts/lib/sf.js';

describe('e2e: sf datakit compare + promote between two orgs', function () {
  this.timeout(240_000);
  const dev = useEmulator(undefined, { msPerStep: 10 });
  const uat = useEmulator(emptyOrg, { msPerStep: 10 }, { orgId: '00DUAT000000001AAA', username: 'admin@uat.emulator' });
  let home: SfHome;

  before(async () => {
    home = new SfHome();
    expect((await home.login(dev.current.url, dev.current.state.identity.orgId, 'dev')).code).to.equal(0);
    expect((await home.login(uat.current.url, uat.current.state.identity.orgId, 'uat')).code).to.equal(0);
  });
  after(() => home.remove());

  it('compare exits 1, promote --dry-run changes nothing, promote makes uat match, compare exits 0', async () => {
    const before = await home.run([
      'datakit',
      'compare',
      '-n',
      'Retail_Core',
      '--source-org',
      'dev',
      '-o',
      'uat',
      '--json',
    ]);
    expect(before.code).to.equal(1);
    expect(json<{ added: string[] }>(before).result.added).to.have.length(10);

    const dry = await home.run([
      'datakit',
      'promote',
      '-n',
      'Retail_Core',
      '--source-org',
      'dev',
      '-o',
      'uat',
      '--dry-run',
      '--json',
    ]);
    expect(dry.code, dry.stderr).to.equal(0);
    expect(uat.current.state.kits.size).to.equal(0);

    const promoted = await home.run([
      'datakit',
      'promote',
      '-n',
      'Retail_Core',
      '--source-org',
      'dev',
      '-o',
      'uat',
      '--json',
    ]);
    expect(promoted.code, promoted.stderr).to.equal(0);
    const result = json<{ unwrap: { job: { outcome: string } }; keyQualifiersRestored: string[] }>(promoted).result;
    expect(result.unwrap.job.outcome).to.equal('Succeeded');
    expect(result.keyQualifiersRestored).to.have.length(2);

    const after = await home.run(['datakit', 'compare', '-n', 'Retail_Core', '--source-org', 'dev', '-o', 'uat']);
    expect(after.code, after.stdout).to.equal(0);
    expect(after.stdout).to.include('is the same');
  });

  it('a protected uat: --no-prompt alone exits 2 and sends nothing; with --reason the change is recorded and in history', async () => {
    mkdirSync(join(home.dir, '.sfdatakit'), { recursive: true });
    writeFileSync(
      join(home.dir, '.sfdatakit', 'environments.json'),
      JSON.stringify({ environments: [{ alias: 'uat', role: 'uat', protected: true }] })
    );
    await home.run([
      'datakit',
      'promote',
      '-n',
      'Retail_Core',
      '--source-org',
      'dev',
      '-o',
      'uat',
      '--no-prompt',
      '--reason',
      'first',
    ]);
    uat.current.state.requests = [];

    const refused = await home.run(['datakit', 'undeploy', '-n', 'Retail_Core', '-o', 'uat', '--no-prompt', '--json']);
    expect(refused.code, refused.stdout).to.equal(2);
    expect(json<unknown>(refused).name).to.equal('ProtectedNeedsReason');
    expect(uat.current.state.requests.filter((r) => r.method !== 'GET')).to.deep.equal([]);

    const deployed = await home.run([
      'datakit',
      'deploy',
      '-n',
      'Retail_Core',
      '-o',
      'uat',
      '--no-prompt',
      '--reason',
      'CHG-42',
      '--json',
    ]);
    expect(deployed.code, deployed.stderr).to.equal(0);
    const jobId = json<{ jobId: string }>(deployed).result.jobId;

    const history = await home.run(['datakit', 'history', '-n', 'Retail_Core', '-o', 'uat', '--json']);
    expect(history.code, history.stderr).to.equal(0);
    const entries = json<{ entries: Array<Record<string, unknown>> }>(history).result.entries;
    expect(entries[0]).to.include({
      jobId,
      what: 'deploy',
      reason: 'CHG-42',
      source: 'both',
      who: 'admin@uat.emulator',
    });
    expect(entries.map((e) => e.what)).to.include('promote');
  });
});
