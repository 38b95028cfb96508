/*
 * End to end: a dev -> uat release through the real sf commands, two emulator orgs logged in side by side.
 */
import { expect } from 'chai';
import { emptyOrg, useEmulator } from '@sfdatakit/org-emulator/testing';
import { json, SfHome } from '../../scripts/lib/sf.js';

describe('e2e: sf datakit compare + promote between two orgs', function () {
  this.timeout(240_000);
  const dev = useEmulator(undefined, { msPerStep: 10 });
  const uat = useEmulator(emptyOrg, { msPerStep: 10 }, { orgId: '00DUAT000000001AAA', username: 'admin@uat.emulator' });
  let home: SfHome;

  before(() => {
    home = new SfHome();
  });
  after(() => home.remove());

  it('compare exits 1, promote --dry-run changes nothing, promote makes uat match, compare exits 0', async () => {
    expect((await home.login(dev.current.url, dev.current.state.identity.orgId, 'dev')).code).to.equal(0);
    expect((await home.login(uat.current.url, uat.current.state.identity.orgId, 'uat')).code).to.equal(0);

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
});
