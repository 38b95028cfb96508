/*
 * deploy report / resume find the job in the org it ran in (issue 13): the cache's org unless --target-org is
 * typed, the most recently started job for --use-most-recent, and "not found" for an id no org knows.
 */
import { expect } from 'chai';
import type { SfError } from '@salesforce/core';
import { defaultOrg } from '@sfdatakit/org-emulator';
import { useEmulator } from '@sfdatakit/org-emulator/testing';
import DatakitDeploy from '../../../src/commands/datakit/deploy.js';
import DatakitDeployReport from '../../../src/commands/datakit/deploy/report.js';
import DatakitDeployResume from '../../../src/commands/datakit/deploy/resume.js';
import { printed, useEmulatorOrgs } from '../../support/org.js';

describe('deploy report / resume: the right org, the right job', () => {
  // two orgs whose job ids collide: the same key prefix and the same id counter
  const main = useEmulator(defaultOrg, { msPerStep: 5 });
  const other = useEmulator(
    defaultOrg,
    { msPerStep: 5 },
    { orgId: '00DEMB00000002AAA', username: 'admin@other.emulator' }
  );
  const [mainOrg, otherOrg] = useEmulatorOrgs(main, other);
  const $$ = () => mainOrg.$$;
  beforeEach(async () => $$().stubConfig({ 'target-org': mainOrg.username() }));

  it('resume --use-most-recent watches the job in the org it was started in, not the default org', async () => {
    other.current.state.options.msPerStep = 60_000;
    const started = await DatakitDeploy.run(['-o', otherOrg.username(), '-n', 'Retail_Core', '--async', '--json']);
    other.current.state.options.msPerStep = 5;
    const resumed = await DatakitDeployResume.run(['--use-most-recent', '--json']);
    expect(resumed.jobId).to.equal(started.jobId);
    expect(resumed.targetOrg).to.equal(otherOrg.username());
    expect(resumed.outcome).to.equal('Succeeded');
    expect(main.current.state.requests).to.deep.equal([]);
  });

  it('report --job-id of a cached job reads it in its own org even when the default org has a job with the same id', async () => {
    const inMain = await DatakitDeploy.run(['-o', mainOrg.username(), '-n', 'Web_Engagement', '--json']);
    const inOther = await DatakitDeploy.run(['-o', otherOrg.username(), '-n', 'Retail_Core', '--json']);
    expect(inMain.jobId, 'the two orgs gave the same id').to.equal(inOther.jobId);
    process.exitCode = undefined;
    // the cache now knows the id as the other org's job (the most recent write)
    const report = await DatakitDeployReport.run(['--job-id', inOther.jobId!, '--json']);
    expect(report.targetOrg).to.equal(otherOrg.username());
    expect(report.kit).to.equal('Retail_Core');
  });

  it('--target-org typed wins over the cache, with a warning that the cache knew the job elsewhere', async () => {
    await DatakitDeploy.run(['-o', mainOrg.username(), '-n', 'Web_Engagement', '--json']);
    const inOther = await DatakitDeploy.run(['-o', otherOrg.username(), '-n', 'Retail_Core', '--json']);
    process.exitCode = undefined;
    const report = await DatakitDeployReport.run(['--job-id', inOther.jobId!, '-o', mainOrg.username()]);
    expect(report.targetOrg).to.equal(mainOrg.username());
    expect(report.kit).to.equal('Web_Engagement');
    expect(printed(mainOrg.ux())).to.include(`Job ${inOther.jobId} was started in org ${otherOrg.username()}`);
  });

  it("a job whose log rows name another kit than the cache says is refused, not reported as this kit's", async () => {
    const started = await DatakitDeploy.run(['-o', mainOrg.username(), '-n', 'Web_Engagement', '--json']);
    process.exitCode = undefined;
    mainOrg.$$.setConfigStubContents('JobCache', {
      contents: {
        [started.jobId!]: {
          kind: 'deploy',
          kit: 'Retail_Core',
          username: mainOrg.username(),
          components: [{ type: 'DataLakeObject', name: 'Orders_S3__dll' }],
          timestamp: new Date().toISOString(),
        },
      },
    });
    const err = (await DatakitDeployReport.run(['--job-id', started.jobId!, '--json']).catch(
      (e: SfError) => e
    )) as SfError;
    expect(err.name).to.equal('JobOfAnotherKitError');
    expect(err.message).to.include('belongs to data kit Web_Engagement, not to Retail_Core');
    expect(err.exitCode).to.equal(1);
  });

  it('--use-most-recent is the most recently started job, not the most recently read one', async () => {
    main.current.state.options.msPerStep = 60_000;
    const first = await DatakitDeploy.run(['-o', mainOrg.username(), '-n', 'Web_Engagement', '--async', '--json']);
    const second = await DatakitDeploy.run(['-o', otherOrg.username(), '-n', 'Retail_Core', '--async', '--json']);
    // reading the first job writes its outcome into the cache
    await DatakitDeployReport.run(['--job-id', first.jobId!, '-o', mainOrg.username(), '--json']);
    const latest = await DatakitDeployReport.run(['--use-most-recent', '--json']);
    expect(latest.targetOrg).to.equal(otherOrg.username());
    expect(latest.jobId).to.equal(second.jobId);
  });

  it('an interview id no org knows is "not found" at once (exit 1), not "still running" until --wait runs out', async () => {
    const started = Date.now();
    const err = (await DatakitDeployResume.run([
      '--job-id',
      '43c0ccb801784ff02fa0c8a1919b1877f5-605b',
      '--wait',
      '5',
      '--json',
    ]).catch((e: SfError) => e)) as SfError;
    expect(err.name).to.equal('JobNotFoundError');
    expect(err.exitCode).to.equal(1);
    expect(Date.now() - started).to.be.below(5000);
  });

  it('a job id no org knows is "not found" too', async () => {
    const err = (await DatakitDeployReport.run(['--job-id', '08PEM0000009999', '--json']).catch(
      (e: SfError) => e
    )) as SfError;
    expect(err.name).to.equal('JobNotFoundError');
    expect(err.message).to.include('the org has no record of it');
  });
});
