/*
 * Reliability items of the review (issue 13): output paths checked before any request, prompts never printed
 * into --json, a corrupt job cache, unused --config-file entries, environment variables, two-org commands on one
 * org, and an interrupt during a slow request.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import type { SfError } from '@salesforce/core';
import { useEmulator } from '@sfdatakit/org-emulator/testing';
import DatakitCompare from '../../src/commands/datakit/compare.js';
import DatakitDelete from '../../src/commands/datakit/delete.js';
import DatakitDeploy from '../../src/commands/datakit/deploy.js';
import DatakitDeployReport from '../../src/commands/datakit/deploy/report.js';
import DatakitManifest from '../../src/commands/datakit/manifest.js';
import DatakitUndeploy from '../../src/commands/datakit/undeploy.js';
import DatakitUnwrap from '../../src/commands/datakit/unwrap.js';
import { printed, useEmulatorOrg } from '../support/org.js';

const failure = async (run: Promise<unknown>): Promise<SfError> => {
  const outcome = await run.then(
    () => undefined,
    (e: unknown) => e
  );
  expect(outcome, 'the command should have failed').to.be.instanceOf(Error);
  return outcome as SfError;
};

describe('reliability', () => {
  const emulator = useEmulator(undefined, { msPerStep: 5 });
  const org = useEmulatorOrg(emulator);
  const state = () => emulator.current.state;
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'rel-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('output paths', () => {
    it('a --results-dir that is a file stops deploy before any request (exit 2)', async () => {
      writeFileSync(join(dir, 'taken'), 'x');
      const err = await failure(
        DatakitDeploy.run(['-o', org.username(), '-n', 'Retail_Core', '--junit', '--results-dir', join(dir, 'taken')])
      );
      expect(err.exitCode).to.equal(2);
      expect(err.message).to.include('--results-dir cannot be used').and.include('is a file, not a folder');
      expect(state().requests).to.deep.equal([]);
    });

    it('a JUnit file that cannot be written after the job still prints the result and the job id; exit 1', async () => {
      const results = join(dir, 'results');
      // writable when checked; a file takes the folder's place while the job runs
      state().options.msPerStep = 30;
      const running = DatakitDeploy.run([
        '-o',
        org.username(),
        '-n',
        'Web_Engagement',
        '--junit',
        '--results-dir',
        results,
        '--json',
      ]);
      for (let i = 0; i < 200 && state().jobs.size === 0; i++) await new Promise((r) => setTimeout(r, 5));
      writeFileSync(results, 'not a folder');
      const result = await running;
      expect(result.jobId).to.match(/^08P/);
      expect(result.job?.outcome).to.equal('Succeeded');
      expect(result.job?.junitError).to.include('could not be written');
      expect(process.exitCode).to.equal(1);
      expect(printed(org.ux())).to.include(`sf datakit deploy report --job-id ${result.jobId}`);
    });

    it('manifest --output-file that is a folder is refused before any request, not a raw EISDIR', async () => {
      const err = await failure(DatakitManifest.run(['-o', org.username(), '-n', 'Retail_Core', '--output-file', dir]));
      expect(err.exitCode).to.equal(2);
      expect(err.message).to.include('--output-file cannot be used').and.include('is a folder, not a file');
      expect(err.message).not.to.include('EISDIR');
      expect(state().requests).to.deep.equal([]);
    });

    it('a --results-dir below a file is refused: the folder could never be created', async () => {
      writeFileSync(join(dir, 'taken'), 'x');
      const err = await failure(
        DatakitUndeploy.run([
          '-o',
          org.username(),
          '-n',
          'Web_Engagement',
          '--no-prompt',
          '--junit',
          '--results-dir',
          join(dir, 'taken', 'x'),
        ])
      );
      expect(err.exitCode).to.equal(2);
      expect(err.message).to.include(`${join(dir, 'taken')} is a file, not a folder`);
      expect(state().requests).to.deep.equal([]);
    });
  });

  describe('prompts', () => {
    const runs: Array<[string, (argv: string[]) => Promise<unknown>]> = [
      ['delete', (argv) => DatakitDelete.run(argv)],
      ['undeploy', (argv) => DatakitUndeploy.run(argv)],
    ];
    for (const [name, run] of runs) {
      it(`${name} --json without --no-prompt refuses (exit 2) before any request, and prints no prompt`, async () => {
        const err = await failure(run(['-o', org.username(), '-n', 'Web_Engagement', '--json']));
        expect(err.exitCode).to.equal(2);
        expect(err.message).to.include('no terminal to ask in');
        expect(err.actions?.join(' ')).to.include('--no-prompt');
        expect(state().requests).to.deep.equal([]);
      });
    }
  });

  describe('the job cache', () => {
    it('an entry of the wrong shape is ignored with a warning, not a TypeError', async () => {
      org.$$.setConfigStubContents('JobCache', {
        contents: {
          '08PEM0000000999': {
            kind: 'deploy',
            kit: 42,
            username: null,
            components: 'all',
            timestamp: new Date().toISOString(),
          },
        },
      });
      const err = await failure(DatakitDeployReport.run(['--use-most-recent', '--json']));
      expect(err.name).to.equal('NoRecentJobError');
      expect(printed(org.ux())).to.include('Ignored the cached entry for job 08PEM0000000999');
    });

    it('a cached job id with a bad entry is still read from the org by id', async () => {
      const started = await DatakitDeploy.run(['-o', org.username(), '-n', 'Web_Engagement', '--json']);
      org.$$.setConfigStubContents('JobCache', {
        contents: { [started.jobId!]: { kind: 'nonsense', timestamp: new Date().toISOString() } },
      });
      const report = await DatakitDeployReport.run(['--job-id', started.jobId!, '-o', org.username(), '--json']);
      expect(report.outcome).to.equal('Succeeded');
      expect(printed(org.ux())).to.include(`Ignored the cached entry for job ${started.jobId}`);
    });
  });

  describe('--config-file entries that name no component of the kit', () => {
    const config = (): string => {
      const file = join(dir, 'config.json');
      writeFileSync(
        file,
        JSON.stringify({
          S3_Orders_Bundle: { bundleConfig: { connectionName: 'Prod_S3' } },
          S3_Order_Bundle: { bundleConfig: { connectionName: 'typo' } },
        })
      );
      return file;
    };

    it('are named in a warning by deploy and unwrap', async () => {
      await DatakitUnwrap.run(['-o', org.username(), '-n', 'Retail_Core', '--config-file', config(), '--json']);
      expect(printed(org.ux())).to.include(
        '--config-file names S3_Order_Bundle, which data kit Retail_Core does not have'
      );
    });

    it('fail deploy --dry-run (exit 1), before anything is sent', async () => {
      const result = await DatakitDeploy.run([
        '-o',
        org.username(),
        '-n',
        'Retail_Core',
        '--config-file',
        config(),
        '--dry-run',
        '--json',
      ]);
      expect(result.validation?.valid).to.equal(false);
      expect(result.validation?.problems.some((p) => p.message.includes('S3_Order_Bundle'))).to.equal(true);
      expect(process.exitCode).to.equal(1);
      expect(state().jobs.size).to.equal(0);
    });
  });

  describe('environment variables', () => {
    afterEach(() => (process.env.SF_DATAKIT_POLL_MS = '10'));

    it('SF_DATAKIT_POLL_MS that is not a number stops the command before a storm of requests (exit 2)', async () => {
      process.env.SF_DATAKIT_POLL_MS = 'abc';
      const err = await failure(DatakitDeploy.run(['-o', org.username(), '-n', 'Web_Engagement', '--json']));
      expect(err.exitCode).to.equal(2);
      expect(err.message).to.include('SF_DATAKIT_POLL_MS is "abc"');
      expect(state().requests.filter((r) => r.path.endsWith('/query')).length).to.be.below(3);
    });
  });

  it('the hint after an unknown kit names the org to list, not a placeholder', async () => {
    const err = await failure(DatakitDeploy.run(['-o', org.username(), '-n', 'Retail_Kore']));
    expect(err.actions?.join(' '))
      .to.include(`sf datakit list --target-org ${org.username()}`)
      .and.not.include('<org>');
  });

  describe('two-org commands', () => {
    it('compare refuses one org on both sides (exit 2), as promote does', async () => {
      const err = await failure(
        DatakitCompare.run(['-o', org.username(), '--source-org', org.username(), '-n', 'Retail_Core'])
      );
      expect(err.name).to.equal('SameOrgError');
      expect(err.exitCode).to.equal(2);
      expect(state().requests).to.deep.equal([]);
    });
  });

  describe('interrupts', () => {
    it('Ctrl-C during a slow request stops the watch at once, without waiting for the snapshot: exit 69 with the resume command', async () => {
      state().options.msPerStep = 60_000;
      // every answer is slow: when the job has started, a status request and the snapshot's retrieve are in flight
      state().faults.latencyMs = 300;
      const running = DatakitDeploy.run(['-o', org.username(), '-n', 'Web_Engagement', '--json']);
      for (let i = 0; i < 400 && state().jobs.size === 0; i++) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 50));
      const interrupted = Date.now();
      process.emit('SIGINT', 'SIGINT');
      const result = await running;
      expect(Date.now() - interrupted).to.be.below(250);
      expect(result.job?.stoppedWatching).to.equal('interrupted');
      expect(process.exitCode).to.equal(69);
      expect(printed(org.ux())).to.include(`sf datakit deploy resume --job-id ${result.jobId}`);
      // the release is recorded without a snapshot, and says so; no half-written snapshot folder is left
      expect(printed(org.ux())).to.include('No snapshot of the kit was taken (the watch was stopped');
      const record = JSON.parse(readFileSync(result.releaseFile!, 'utf8')) as { snapshot?: string };
      expect(record.snapshot).to.equal(undefined);
      expect(readdirSync(dirname(result.releaseFile!)).filter((f) => f.endsWith('.snapshot'))).to.deep.equal([]);
    });
  });
});
