/*
 * Fault injection: each emulator fault switch against the real commands. Nothing hangs (mocha's timeout),
 * every command ends with its documented exit code and a clear message, and a started job can be resumed.
 */
import { expect } from 'chai';
import type { SfError } from '@salesforce/core';
import { useEmulator } from '@sfdatakit/org-emulator/testing';
import DatakitDeploy from '../../src/commands/datakit/deploy.js';
import DatakitDeployResume from '../../src/commands/datakit/deploy/resume.js';
import DatakitList from '../../src/commands/datakit/list.js';
import DatakitStatus from '../../src/commands/datakit/status.js';
import DatakitComponentAdd from '../../src/commands/datakit/component/add.js';
import { printed, useEmulatorOrg } from '../support/org.js';

/** Resolves once the emulator has started a job: acting on a fixed delay would race the command. */
async function jobStarted(jobs: Map<string, unknown>): Promise<void> {
  for (let i = 0; i < 500 && jobs.size === 0; i++) await new Promise((r) => setTimeout(r, 5));
  expect(jobs.size, 'a job was started').to.be.above(0);
}

describe('fault injection', function () {
  this.timeout(30_000);
  const emulator = useEmulator(undefined, { msPerStep: 10 });
  const org = useEmulatorOrg(emulator);
  const state = () => emulator.current.state;
  const faults = () => state().faults;

  it('429 with Retry-After, then success', async () => {
    faults().transient.push({ status: 429, count: 2, retryAfterSeconds: 0 });
    const result = await DatakitList.run(['-o', org.username(), '--json']);
    expect(result.kits).to.have.length(3);
    expect(state().requests.filter((r) => r.status === 429)).to.have.length(2);
  });

  for (const status of [500, 502, 503]) {
    it(`${status} on every try: exit 1, the status and a next step`, async () => {
      faults().transient.push({ status, count: 50 });
      const err = (await DatakitList.run(['-o', org.username(), '--json']).catch((e: SfError) => e)) as SfError;
      expect(err.exitCode).to.equal(1);
      expect(err.data).to.include({ status, attempts: 5 });
      expect(err.actions?.join(' ')).to.match(/Rerun/);
    });
  }

  it('a 4xx is not retried', async () => {
    // an org that answers 404 for a component that is not deployed: a 4xx that will not change
    state().options.notDeployed = '404';
    await DatakitStatus.run(['-o', org.username(), '-n', 'Retail_Core']);
    const statusReads = state().requests.filter((r) => r.path.endsWith('/deployment-status'));
    expect(statusReads.filter((r) => r.status === 404)).to.have.length(10);
    expect(statusReads).to.have.length(10);
  });

  it('an expired session: one refresh attempt, then a login hint', async () => {
    faults().sessionExpired = true;
    const err = (await DatakitList.run(['-o', org.username()]).catch((e: SfError) => e)) as SfError;
    expect(err.name).to.equal('INVALID_SESSION_ID');
    expect(err.actions?.join(' ')).to.include('sf org login');
  });

  it('truncated JSON and dropped connections on reads are retried', async () => {
    faults().malformed.push({ count: 1, pathIncludes: '/ssot/data-kits' });
    faults().reset.push({ count: 1, pathIncludes: '/ssot/data-kits' });
    expect((await DatakitList.run(['-o', org.username(), '--json'])).kits).to.have.length(3);
  });

  it('slow answers still complete', async () => {
    faults().latencyMs = 30;
    const result = await DatakitDeploy.run(['-o', org.username(), '-n', 'Web_Engagement', '--json']);
    expect(result.job?.outcome).to.equal('Succeeded');
  });

  it('transient errors while watching are absorbed; the deploy still finishes', async () => {
    faults().transient.push({ status: 503, count: 3, pathIncludes: '/query' });
    faults().reset.push({ count: 2, pathIncludes: '/query' });
    faults().malformed.push({ count: 2, pathIncludes: '/query' });
    const result = await DatakitDeploy.run(['-o', org.username(), '-n', 'Retail_Core', '--json']);
    expect(result.job?.outcome).to.equal('Succeeded');
    expect(process.exitCode).to.equal(0);
  });

  it('losing the org mid-watch ends 1 with the resume command, and resume finishes the job', async () => {
    state().options.msPerStep = 200;
    const watching = DatakitDeploy.run(['-o', org.username(), '-n', 'Retail_Core', '--json']);
    await jobStarted(state().jobs);
    faults().transient.push({ status: 503, count: 100, pathIncludes: '/query' });
    const err = (await watching.catch((e: SfError) => e)) as SfError;
    expect(err.actions?.join(' ')).to.match(
      /Job 08P\w+ keeps running in the org; nothing was lost\. .*sf datakit deploy resume --job-id 08P\w+/
    );
    const jobId = /--job-id (08P\w+)/.exec(err.actions!.join(' '))![1];
    faults().transient = [];
    state().options.msPerStep = 5;
    const resumed = await DatakitDeployResume.run(['-o', org.username(), '--job-id', jobId, '--json']);
    expect(resumed.outcome).to.equal('Succeeded');
  });

  it('a kit deleted under a running watch: the deploy fails (exit 1) and says the kit is gone', async () => {
    state().options.msPerStep = 50;
    const watching = DatakitDeploy.run(['-o', org.username(), '-n', 'Web_Engagement', '--json']);
    await jobStarted(state().jobs);
    state().kits.delete('Web_Engagement');
    const result = await watching;
    expect(result.job?.jobStatus).to.equal('Complete');
    expect(result.job?.outcome).to.equal('Failed');
    expect(process.exitCode).to.equal(1);
    expect(result.job?.jobError).to.include('data kit Web_Engagement no longer exists in the org');
    expect(result.job?.components.every((c) => c.state === 'Failed' && c.componentStatus === 'KIT_NOT_FOUND')).to.equal(
      true
    );
    expect(printed(org.ux())).not.to.match(/Deployed data kit Web_Engagement/);
  });

  it('a kit deleted between read and write: the org says which kit, nothing else changes', async () => {
    const original = state().kits.get('Retail_Core')!;
    // delete it when the add command reads what is available (after it read the kit)
    const realPush = state().requests.push.bind(state().requests);
    state().requests.push = (...items) => {
      if (items.some((i) => i.path.endsWith('available-components'))) state().kits.delete('Retail_Core');
      return realPush(...items);
    };
    const err = (await DatakitComponentAdd.run([
      '-o',
      org.username(),
      '-n',
      'Retail_Core',
      '-c',
      'DLO:Web_Events__dll',
    ]).catch((e: SfError) => e)) as SfError;
    // the set is read again right before it is written: the kit is gone by then
    expect(err.message).to.include('Data kit "Retail_Core" was not found');
    expect(state().requests.filter((r) => r.method === 'PATCH')).to.deep.equal([]);
    expect(err.exitCode).to.equal(1);
    expect(original.components).to.have.length(10);
  });

  it('an org without Data Cloud', async () => {
    faults().noDataCloud = true;
    for (const run of [
      () => DatakitList.run(['-o', org.username()]),
      () => DatakitStatus.run(['-o', org.username(), '-n', 'Retail_Core']),
    ]) {
      const err = (await run().catch((e: SfError) => e)) as SfError;
      expect(err.name).to.equal('DataCloudNotAvailable');
    }
    expect(printed(org.ux())).not.to.include('undefined');
  });

  it('an ambiguous deploy start (500) says the job may have started and how to check', async () => {
    faults().transient.push({ status: 500, count: 1, pathIncludes: '/ssot/data-kits/Retail_Core', method: 'POST' });
    const err = (await DatakitDeploy.run(['-o', org.username(), '-n', 'Retail_Core', '--json']).catch(
      (e: SfError) => e
    )) as SfError;
    expect(err.actions?.join(' '))
      .to.include('may have started the deploy anyway')
      .and.include('sf datakit status --name Retail_Core');
  });
});
