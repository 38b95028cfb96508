/*
 * End to end through the real sf: a kit promoted to uat is live but does nothing yet. verify says what is open
 * (exit 1); an admin enters the S3 credentials (the emulator's control stands for Setup); --activate runs the
 * rest in dependency order, a failed transform ends 68 naming it; once that is fixed, verify exits 0.
 */
import { expect } from 'chai';
import { call, emptyOrg, useEmulator } from '@sfdatakit/org-emulator/testing';
import { json, SfHome } from '../../scripts/lib/sf.js';

type Verified = {
  open: number;
  items: Array<{ kind: string; name: string; state: string; next?: string }>;
  activation?: { outcome: string; runs: Array<{ kind: string; name: string; outcome: string; detail: string }> };
};

describe('e2e: sf datakit verify and --activate', function () {
  this.timeout(240_000);
  const dev = useEmulator(undefined, { msPerStep: 10 });
  const uat = useEmulator(emptyOrg, { msPerStep: 10 }, { orgId: '00DUAT000000001AAA', username: 'admin@uat.emulator' });
  let home: SfHome;

  before(() => {
    home = new SfHome();
  });
  after(() => home.remove());

  it('open items exit 1; credentials, then --activate in order, a failed transform exits 68; fixed, exit 0', async () => {
    expect((await home.login(dev.current.url, dev.current.state.identity.orgId, 'dev')).code).to.equal(0);
    expect((await home.login(uat.current.url, uat.current.state.identity.orgId, 'uat')).code).to.equal(0);
    const promoted = await home.run(['datakit', 'promote', '-n', 'Retail_Core', '--source-org', 'dev', '-o', 'uat']);
    expect(promoted.code, promoted.stderr).to.equal(0);

    const open = await home.run(['datakit', 'verify', '-n', 'Retail_Core', '-o', 'uat']);
    expect(open.code, open.stderr).to.equal(1);
    expect(open.stdout)
      .to.include('S3_Orders_Bundle')
      .and.include('enter the credentials of connection S3_Orders_Bundle');
    expect(open.stderr).to.include('Kit Retail_Core is not working in');

    await call(uat.current, 'POST', '/__emulator/credentials', { name: 'S3_Orders_Bundle' });
    await call(uat.current, 'POST', '/__emulator/fail', {
      componentName: 'Orders_Cleanup',
      phase: 'run',
      message: 'Source Orders_S3__dll has no field Order_Total__c',
    });
    const partial = await home.run([
      'datakit',
      'verify',
      '-n',
      'Retail_Core',
      '-o',
      'uat',
      '--activate',
      '--no-prompt',
    ]);
    expect(partial.code, partial.stderr).to.equal(68);
    expect(partial.stdout)
      .to.include('Orders_Cleanup')
      .and.include('Source Orders_S3__dll has no field Order_Total__c');

    // the transform's source is fixed: --activate again runs only what is not done
    uat.current.state.requests = [];
    const fixed = await home.run([
      'datakit',
      'verify',
      '-n',
      'Retail_Core',
      '-o',
      'uat',
      '--activate',
      '--no-prompt',
      '--json',
    ]);
    const result = json<Verified>(fixed).result;
    // the UPSERT CRM stream is a person's step in Setup: open, so 1 and never 68
    expect(result.activation?.runs.map((r) => `${r.kind}:${r.name}=${r.outcome}`)).to.deep.equal([
      'stream:Account_Home=Open',
      'transform:Orders_Cleanup=Succeeded',
    ]);
    expect(result.open).to.equal(1);
    expect(fixed.code, fixed.stdout).to.equal(1);

    // an admin refreshes it in Setup (the emulator's control stands for the button)
    await call(uat.current, 'POST', '/__emulator/refresh', { stream: 'Account_Home' });
    await new Promise((resolve) => setTimeout(resolve, 100));

    const works = await home.run(['datakit', 'verify', '-n', 'Retail_Core', '-o', 'uat']);
    expect(works.code, works.stdout).to.equal(0);
    expect(works.stdout).to.include('Kit Retail_Core works in');
  });
});
