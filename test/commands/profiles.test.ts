/*
 * The watching commands (deploy, deploy report and resume, undeploy, unwrap, the post-deploy hook) against every
 * org profile the emulator has: each shape a real org may answer in. In every profile the summary line, the table,
 * the exit code, the JUnit file and --json must tell the same story.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { Lifecycle } from '@salesforce/core';
import type { ScopedPostDeploy } from '@salesforce/source-deploy-retrieve';
import { PROFILE_NAMES } from '@sfdatakit/org-emulator';
import { useEmulator } from '@sfdatakit/org-emulator/testing';
import DatakitDeploy from '../../src/commands/datakit/deploy.js';
import DatakitDeployReport from '../../src/commands/datakit/deploy/report.js';
import DatakitDeployResume from '../../src/commands/datakit/deploy/resume.js';
import DatakitUndeploy from '../../src/commands/datakit/undeploy.js';
import DatakitUnwrap from '../../src/commands/datakit/unwrap.js';
import { EXIT_BY_OUTCOME } from '../../src/deploy/outcome.js';
import type { JobResult } from '../../src/deploy/types.js';
import hook from '../../src/hooks/scopedPostDeploy.js';
import { forgetPrinted, printed, useEmulatorOrg, type OrgFixture } from '../support/org.js';

/** Every way the result is told agrees: exit code, summary counts, table rows, JUnit counts. */
function expectConsistent(job: JobResult | undefined, org: OrgFixture, junitFile?: string): void {
  expect(job, 'a job result').not.to.equal(undefined);
  const result = job!;
  expect(process.exitCode ?? 0, 'exit code follows the outcome').to.equal(EXIT_BY_OUTCOME[result.outcome]);
  const succeeded = result.components.filter((c) => c.state === 'Succeeded').length;
  const failed = result.components.filter((c) => c.state === 'Failed').length;
  const out = printed(org.ux());
  if (result.outcome === 'Succeeded' && result.kit) {
    expect(out).to.match(new RegExp(`: ${succeeded} component\\(s\\) (active|removed)`));
    expect(succeeded).to.equal(result.components.length);
  } else if (result.outcome !== 'InProgress') {
    expect(out).to.include(`${succeeded} of ${result.components.length} component(s) succeeded, ${failed} failed`);
  }
  // the job's table is the last one printed
  const jobTable = org
    .ux()
    .table.getCalls()
    .map((c) => (c.args[0] as { data: Array<{ result?: string }> }).data)
    .filter((rows) => rows.some((r) => r.result !== undefined))
    .at(-1);
  expect((jobTable ?? []).map((r) => r.result)).to.deep.equal(result.components.map((c) => c.state));
  if (junitFile) {
    const xml = readFileSync(junitFile, 'utf8');
    const jobFailedAlone = result.outcome !== 'Succeeded' && result.outcome !== 'InProgress' && failed === 0;
    expect(xml).to.include(`failures="${failed + (jobFailedAlone ? 1 : 0)}"`);
  }
}

for (const profile of PROFILE_NAMES) {
  describe(`watching commands against the "${profile}" org profile`, () => {
    const emulator = useEmulator(undefined, { msPerStep: 5, profile });
    const org = useEmulatorOrg(emulator);
    const state = () => emulator.current.state;
    const active = (kit: string) =>
      [...state().deployed.values()].filter((d) => d.kit === kit && d.status === 'Active').map((d) => d.name);
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'profile-'));
      // the rollback snapshot is the Metadata API's, the same in every profile: refused at once (its own tests
      // are in governance.test.ts), a deploy here costs a fifth of a deploy with a retrieve
      state().faults.noMetadataApi = true;
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('deploy: every component active, exit 0', async () => {
      const result = await DatakitDeploy.run([
        '-o',
        org.username(),
        '-n',
        'Retail_Core',
        '--junit',
        '--results-dir',
        dir,
      ]);
      expect(result.job?.outcome).to.equal('Succeeded');
      expect(active('Retail_Core')).to.have.length(8);
      expectConsistent(result.job, org, join(dir, 'junit.xml'));
    });

    it('deploy: a failure after some successes ends 68, names the component, and shows the error text once', async () => {
      state().failures.push({
        dataKitName: 'Retail_Core',
        componentName: 'Orders_Cleanup',
        message: 'Transform source Orders_S3__dll has no rows',
        phase: 'deploy',
      });
      const result = await DatakitDeploy.run([
        '-o',
        org.username(),
        '-n',
        'Retail_Core',
        '--junit',
        '--results-dir',
        dir,
      ]);
      expect(result.job?.outcome).to.equal('SucceededPartial');
      expect(result.job?.components.filter((c) => c.state === 'Failed').map((c) => c.name)).to.deep.equal([
        'Orders_Cleanup',
      ]);
      const said = [org.ux().warn, org.ux().log, org.ux().logSuccess]
        .flatMap((s) => s.getCalls().map((c) => String(c.args[0])))
        .join('\n');
      expect(said.split('Transform source Orders_S3__dll has no rows').length - 1, 'the error text, once').to.equal(1);
      expectConsistent(result.job, org, join(dir, 'junit.xml'));
    });

    it('deploy: a failure of the first component ends 1', async () => {
      state().failures.push({
        dataKitName: 'Retail_Core',
        componentName: 'Salesforce_CRM_Bundle',
        message: 'No CRM Connection exists',
        phase: 'deploy',
      });
      const result = await DatakitDeploy.run(['-o', org.username(), '-n', 'Retail_Core', '--json']);
      expect(result.job?.outcome).to.equal('Failed');
      expectConsistent(result.job, org);
    });

    it('deploy --wait 0 ends 69; resume by job id alone, without the cache, finishes it with exit 0', async () => {
      state().options.msPerStep = 60_000;
      const started = await DatakitDeploy.run(['-o', org.username(), '-n', 'Retail_Core', '--wait', '0', '--json']);
      expect(process.exitCode).to.equal(69);
      process.exitCode = undefined;
      state().options.msPerStep = 5;
      org.$$.setConfigStubContents('JobCache', { contents: {} });
      forgetPrinted(org.ux());
      const resumed = await DatakitDeployResume.run(['-o', org.username(), '--job-id', started.jobId!]);
      expect(resumed.outcome).to.equal('Succeeded');
      if (state().options.deploymentLog === 'none') {
        // nothing in the org ties the job to its kit: the job's status is all there is, and the user is told
        expect(resumed.kit).to.equal(undefined);
        expect(printed(org.ux())).to.include('keeps no deployment log for job');
      } else {
        expect(resumed.kit).to.equal('Retail_Core');
      }
      expect(active('Retail_Core')).to.have.length(8);
      expectConsistent(resumed, org);
    });

    it('deploy report of a finished job exits 0 and tells its outcome', async () => {
      state().failures.push({
        dataKitName: 'Retail_Core',
        componentName: 'Orders_Cleanup',
        message: 'no rows',
        phase: 'deploy',
      });
      const started = await DatakitDeploy.run(['-o', org.username(), '-n', 'Retail_Core', '--json']);
      process.exitCode = undefined;
      const report = await DatakitDeployReport.run(['-o', org.username(), '--job-id', started.jobId!]);
      expect(report.outcome).to.equal('SucceededPartial');
      expect(process.exitCode ?? 0).to.equal(0);
      expect(printed(org.ux())).not.to.include('Waiting for the org to start the job');
    });

    it('undeploy removes what the kit deployed, exit 0', async () => {
      const result = await DatakitUndeploy.run(['-o', org.username(), '-n', 'Web_Engagement', '--no-prompt']);
      expect(result.job?.outcome).to.equal('Succeeded');
      expect(active('Web_Engagement')).to.deep.equal([]);
      expectConsistent(result.job, org);
    });

    for (const method of ['connect', 'flow']) {
      it(`unwrap (${method}) makes the kit live, exit 0`, async () => {
        const result = await DatakitUnwrap.run(['-o', org.username(), '-n', 'Retail_Core', '--method', method]);
        expect(result.job?.outcome).to.equal('Succeeded');
        expect(active('Retail_Core')).to.have.length(8);
        expectConsistent(result.job, org);
      });
    }

    it('the post-deploy hook unwraps a deployed kit and only warns on failure', async () => {
      const warnings: string[] = [];
      org.$$.SANDBOX.stub(Lifecycle.prototype, 'emitWarning').callsFake((w: string) => {
        warnings.push(w);
        return Promise.resolve();
      });
      org.$$.SANDBOX.stub(process.stderr, 'write').returns(true);
      const payload = {
        orgId: state().identity.orgId,
        deployResult: {
          response: {
            id: `0AfPR0000000${PROFILE_NAMES.indexOf(profile).toString().padStart(3, '0')}AAA`,
            status: 'Succeeded',
            checkOnly: false,
            details: {
              componentSuccesses: [
                { componentType: 'DataPackageKitDefinition', fullName: 'Retail_Core', deleted: 'false' },
              ],
            },
          },
        },
      } as unknown as ScopedPostDeploy;
      await (hook as unknown as (o: unknown) => Promise<void>).call(
        {},
        { argv: ['--target-org', org.username()], result: payload, commandId: 'project:deploy:start' }
      );
      expect(warnings).to.deep.equal([]);
      expect(active('Retail_Core')).to.have.length(8);
      expect(process.exitCode ?? 0).to.equal(0);
    });
  });
}
