/*
 * verify and --activate against two emulator orgs: the kit is promoted from dev to uat, where it arrives idle,
 * its connections without credentials (they never travel). Everything over HTTP, nothing stubbed.
 */
import { expect } from 'chai';
import type { SfError } from '@salesforce/core';
import { call, emptyOrg, useEmulator } from '@sfdatakit/org-emulator/testing';
import DatakitPromote from '../../../src/commands/datakit/promote.js';
import DatakitUnwrap from '../../../src/commands/datakit/unwrap.js';
import DatakitVerify from '../../../src/commands/datakit/verify.js';
import { pretendTerminal, useEmulatorOrgs } from '../../support/org.js';

const states = (items: Array<{ kind: string; name: string; state: string }>): string[] =>
  items.map((i) => `${i.kind}:${i.name}=${i.state}`);

describe('datakit verify', () => {
  const fast = { msPerStep: 5 };
  const dev = useEmulator(undefined, fast);
  const uat = useEmulator(emptyOrg, fast, { orgId: '00DUAT000000001AAA', username: 'admin@uat.emulator' });
  const [devOrg, uatOrg] = useEmulatorOrgs(dev, uat);
  /** verify --activate --no-prompt --json in uat, with any more flags */
  const activateIn = (kit: string, ...more: string[]) =>
    DatakitVerify.run(['-o', uatOrg.username(), '-n', kit, '--activate', '--no-prompt', ...more, '--json']);
  const runs = () =>
    uat.current.state.requests.filter((r) => r.method === 'POST' && /\/actions\/(run|run-now|publish)$/.test(r.path));
  /** a person refreshes a stream in Setup, and it has ended by the time anyone looks again */
  const refreshedInSetup = async (stream: string): Promise<void> => {
    await call(uat.current, 'POST', '/__emulator/refresh', { stream });
    uat.current.state.runs.get(`stream:${stream}`)!.endsAt = Date.now();
  };

  it('in the org the kit was authored in, every item is done: exit 0', async () => {
    const result = await DatakitVerify.run(['-o', devOrg.username(), '-n', 'Retail_Core', '--json']);
    expect(result.open, JSON.stringify(result.items)).to.equal(0);
    expect(states(result.items)).to.include.members([
      'connection:Salesforce_CRM=done',
      'connection:Orders_S3_Connection=done',
      'stream:Orders_S3=done',
      'transform:Orders_Cleanup=done',
      'insight:Customer_Lifetime_Value__cio=done',
    ]);
    expect(process.exitCode ?? 0).to.equal(0);
  });

  it('before the kit is deployed there, everything is open and says to deploy it', async () => {
    const result = await DatakitVerify.run(['-o', devOrg.username(), '-n', 'Web_Engagement', '--json']).catch(
      (e: SfError) => e
    );
    // Web_Engagement's components are seeded in dev: done. The same kit in uat does not exist at all.
    expect((result as { open: number }).open).to.equal(0);
    await DatakitPromote.run(['-n', 'Retail_Core', '--source-org', devOrg.username(), '-o', uatOrg.username()]);
    uat.current.state.deployed.clear();
    const none = await DatakitVerify.run(['-o', uatOrg.username(), '-n', 'Retail_Core', '--json']);
    expect(process.exitCode).to.equal(1);
    const stream = none.items.find((i) => i.name === 'Orders_S3')!;
    expect(stream).to.include({ state: 'open', absent: true });
    expect(stream.next).to.include('sf datakit deploy --name Retail_Core');
  });

  it('promote --verify and unwrap --verify: the kit is live but not working yet exits 1; once it works, 0', async () => {
    const promoted = await DatakitPromote.run([
      '-n',
      'Retail_Core',
      '--source-org',
      devOrg.username(),
      '-o',
      uatOrg.username(),
      '--verify',
      '--json',
    ]);
    expect(promoted.unwrap?.job?.outcome).to.equal('Succeeded');
    expect(promoted.verify?.open).to.equal(6);
    expect(process.exitCode).to.equal(1);

    await call(uat.current, 'POST', '/__emulator/credentials', { name: 'S3_Orders_Bundle' });
    await activateIn('Retail_Core');
    // the CRM stream the API cannot refresh (UPSERT): a person refreshes it in Setup
    await refreshedInSetup('Account_Home');
    process.exitCode = undefined; // each command is a process of its own
    const unwrapped = await DatakitUnwrap.run(['-o', uatOrg.username(), '-n', 'Retail_Core', '--verify', '--json']);
    expect(unwrapped.verify?.open).to.equal(0);
    expect(process.exitCode ?? 0).to.equal(0);
  });

  describe('after a promotion to uat', () => {
    beforeEach(async () => {
      await DatakitPromote.run(['-n', 'Retail_Core', '--source-org', devOrg.username(), '-o', uatOrg.username()]);
      uat.current.state.requests = [];
    });

    it('open items exit 1; credentials set through the org and --activate runs, then every item is done', async () => {
      const before = await DatakitVerify.run(['-o', uatOrg.username(), '-n', 'Retail_Core', '--json']);
      expect(process.exitCode).to.equal(1);
      expect(states(before.items)).to.deep.equal([
        'connection:Home_Org=done',
        'stream:Account_Home=open',
        'stream:Contact_Home=open',
        'connection:S3_Orders_Bundle=open',
        'stream:Orders_S3=open',
        'transform:Orders_Cleanup=open',
        'insight:Customer_Lifetime_Value__cio=open',
      ]);
      expect(before.items.find((i) => i.name === 'S3_Orders_Bundle')?.next).to.include('enter the credentials');
      expect(runs(), 'verify alone runs nothing').to.deep.equal([]);

      // an admin enters the S3 credentials in uat
      await call(uat.current, 'POST', '/__emulator/credentials', { name: 'S3_Orders_Bundle' });
      const activated = await activateIn('Retail_Core');
      expect(activated.activation?.outcome).to.equal('Succeeded');
      // dependency order: streams, then the transform on their data, then the insight; the UPSERT CRM stream is a
      // person's step in Setup (open, never a failure), the FULL_REFRESH one runs interactively
      expect(activated.activation?.runs.map((r) => `${r.kind}:${r.name}=${r.outcome}`)).to.deep.equal([
        'stream:Account_Home=Open',
        'stream:Contact_Home=Succeeded',
        'stream:Orders_S3=Succeeded',
        'transform:Orders_Cleanup=Succeeded',
        'insight:Customer_Lifetime_Value__cio=Succeeded',
      ]);
      expect(activated.activation?.runs[0].detail).to.include('Data Streams > Account_Home > Refresh Now');
      expect(runs().map((r) => `${r.path.split('/ssot/')[1]}${r.query}`)).to.include(
        'data-streams/Contact_Home/actions/run?interactive=true'
      );
      expect(activated.open).to.equal(1);
      expect(process.exitCode, 'a step left to a person: 1, not 68').to.equal(1);
      await refreshedInSetup('Account_Home');

      uat.current.state.requests = [];
      const again = await DatakitVerify.run(['-o', uatOrg.username(), '-n', 'Retail_Core', '--json']);
      expect(again.open).to.equal(0);
      expect(process.exitCode).to.equal(0);
      const rerun = await DatakitVerify.run(['-o', uatOrg.username(), '-n', 'Retail_Core', '--activate', '--json']);
      expect(rerun.activation, 'nothing left to run: no prompt, nothing run').to.equal(undefined);
      expect(runs()).to.deep.equal([]);
    });

    it('--activate: a failed transform ends 68 naming it; a stream without credentials is not started', async () => {
      await call(uat.current, 'POST', '/__emulator/fail', {
        componentName: 'Orders_Cleanup',
        phase: 'run',
        message: 'Source Orders_S3__dll has no rows',
      });
      const result = await activateIn('Retail_Core');
      expect(process.exitCode).to.equal(68);
      expect(result.activation?.outcome).to.equal('SucceededPartial');
      const failed = result.activation!.runs.filter((r) => r.outcome === 'Failed');
      expect(failed.map((r) => r.name)).to.deep.equal(['Orders_S3', 'Orders_Cleanup']);
      expect(failed[0].detail).to.include('connection S3_Orders_Bundle has no working credentials');
      expect(failed[1].detail).to.include('Source Orders_S3__dll has no rows');
      expect(runs().map((r) => r.path)).to.not.include.members([
        '/services/data/v66.0/ssot/data-streams/Orders_S3/actions/run',
      ]);
      expect(result.items.find((i) => i.name === 'Orders_Cleanup')).to.include({ state: 'failed' });
    });

    it('--activate asks first (credits): no answer under --json, and a no runs nothing', async () => {
      const refused = await DatakitVerify.run([
        '-o',
        uatOrg.username(),
        '-n',
        'Retail_Core',
        '--activate',
        '--json',
      ]).catch((e: SfError) => e);
      expect((refused as SfError).exitCode).to.equal(2);
      pretendTerminal();
      const prompt = devOrg.$$.SANDBOX.stub(DatakitVerify.prototype, 'confirm').resolves(false);
      const no = await DatakitVerify.run(['-o', uatOrg.username(), '-n', 'Retail_Core', '--activate']).catch(
        (e: SfError) => e
      );
      expect((no as SfError).name).to.equal('NotConfirmedError');
      expect(prompt.firstCall.args[0].message).to.include('credits');
      expect(runs()).to.deep.equal([]);
    });

    it('--activate --wait 0: a run still going exits 69; a run already going is watched, not started again', async () => {
      await call(uat.current, 'POST', '/__emulator/credentials', { name: 'S3_Orders_Bundle' });
      uat.current.state.options.msPerStep = 60_000;
      const waiting = await activateIn('Retail_Core', '--wait', '0');
      expect(process.exitCode).to.equal(69);
      expect(waiting.activation?.runs.map((r) => `${r.name}=${r.outcome}`)).to.deep.equal([
        'Account_Home=Open',
        'Contact_Home=InProgress',
      ]);
      expect(waiting.activation?.runs[1].detail).to.include('still running');

      uat.current.state.requests = [];
      uat.current.state.options.msPerStep = 5;
      // the refresh that was going ends soon: the next --activate watches it rather than starting another
      uat.current.state.runs.get('stream:Contact_Home')!.endsAt = Date.now() + 50;
      const again = await activateIn('Retail_Core');
      expect(again.activation?.outcome).to.equal('Succeeded');
      expect(runs().map((r) => r.path.split('/ssot/')[1])).to.not.include('data-streams/Contact_Home/actions/run');
    });

    it('a run the org never reports on ends as not readable, not as success', async () => {
      await call(uat.current, 'POST', '/__emulator/mutations', [
        { resource: 'transform', path: 'lastRunStatus', action: 'drop' },
      ]);
      const result = await activateIn('Retail_Core');
      const transform = result.activation?.runs.find((r) => r.name === 'Orders_Cleanup');
      expect(transform).to.include({ outcome: 'Failed' });
      expect(transform?.detail).to.include('does not say how the run goes');
      expect(process.exitCode).to.equal(68);
    });

    it('an org that reports no run time: a first run already ended at the first look is its end; after a failed run, a run that ends unseen is not readable', async () => {
      await call(uat.current, 'POST', '/__emulator/credentials', { name: 'S3_Orders_Bundle' });
      await call(uat.current, 'POST', '/__emulator/mutations', [
        { resource: 'stream', path: 'lastRefreshDate', action: 'null' },
      ]);
      // runs end as they start: the first look at each already sees it ended
      uat.current.state.options.msPerStep = 0;
      const first = await activateIn('Retail_Core', '--wait', '1');
      expect(first.activation?.outcome).to.equal('Succeeded');

      // a stream whose last run failed: the next one's end looks like the old one (same words, no time)
      uat.current.state.runs.set('stream:Contact_Home', { status: 'failure', error: 'bad file' });
      const started = Date.now();
      const rerun = await activateIn('Retail_Core', '--wait', '1');
      expect(Date.now() - started, 'not the whole --wait').to.be.below(10_000);
      const stream = rerun.activation?.runs.find((r) => r.name === 'Contact_Home');
      expect(stream).to.include({ outcome: 'Failed' });
      expect(stream?.detail).to.include('does not say how the run goes');
    });

    it('segments, activations and their target: an unauthenticated target is open; its activation fails to publish', async () => {
      await DatakitPromote.run([
        '-n',
        'Marketing_Activation',
        '--source-org',
        devOrg.username(),
        '-o',
        uatOrg.username(),
        '--force',
      ]);
      const before = await DatakitVerify.run(['-o', uatOrg.username(), '-n', 'Marketing_Activation', '--json']);
      expect(states(before.items)).to.include.members([
        'activationTarget:Marketing_Cloud_Target=open',
        'segment:High_Value_Segment=open',
        'activation:High_Value_Activation=open',
      ]);
      expect(before.items.find((i) => i.kind === 'activationTarget')?.next).to.include(
        'authenticate activation target'
      );
      const activated = await activateIn('Marketing_Activation');
      expect(activated.activation?.runs.map((r) => `${r.kind}:${r.name}=${r.outcome}`)).to.deep.equal([
        'identityResolution:Customer_Identity_Ruleset=Succeeded',
        'insight:High_Value_Customers__cio=Succeeded',
        'segment:High_Value_Segment=Succeeded',
        'activation:High_Value_Activation=Failed',
      ]);
      expect(activated.activation?.runs[3].detail).to.include('Marketing_Cloud_Target is not authenticated');
      expect(process.exitCode).to.equal(68);
      const segment = activated.items.find((i) => i.kind === 'segment');
      expect(segment?.detail).to.match(/members$/);
    });

    it('a connection the org does not have, and one whose status says little but whose test fails, are open', async () => {
      const state = uat.current.state;
      state.connections.find((c) => c.name === 'S3_Orders_Bundle')!.status = 'Syncing';
      const tested = await DatakitVerify.run(['-o', uatOrg.username(), '-n', 'Retail_Core', '--json']);
      const s3 = tested.items.find((i) => i.kind === 'connection' && i.name === 'S3_Orders_Bundle');
      expect(s3).to.include({ state: 'open' });
      expect(s3?.detail).to.include(
        'the credentials test failed: Connection S3_Orders_Bundle has no valid credentials'
      );

      state.connections = state.connections.filter((c) => c.name !== 'S3_Orders_Bundle');
      state.bundleConnections.clear();
      const missing = await DatakitVerify.run(['-o', uatOrg.username(), '-n', 'Retail_Core', '--json']);
      const none = missing.items.find((i) => i.kind === 'connection' && i.component.endsWith('S3_Orders_Bundle'));
      expect(none?.detail).to.include('connection named S3_Orders_Bundle');
      expect(none?.next).to.include('create connection S3_Orders_Bundle');
    });
  });
});
