/*
 * End to end: deploy, watch, time out, resume from a fresh HOME, Ctrl-C and undeploy through the real sf
 * commands (bin/dev.js) against the emulator.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { useEmulator } from '@sfdatakit/org-emulator/testing';
import { json, ROOT, SfHome } from '../../scripts/lib/sf.js';

const cpuFile = join(mkdtempSync(join(tmpdir(), 'cpu-')), 'cpu.txt');

const FAST = { SF_DATAKIT_POLL_MS: '50', CI: 'true' };

describe('e2e: sf datakit deploy / resume / undeploy', function () {
  this.timeout(180_000);
  const emulator = useEmulator(undefined, { msPerStep: 40 });
  let home: SfHome;
  beforeEach(async () => {
    home = new SfHome();
    expect((await home.login(emulator.current.url, emulator.current.state.identity.orgId, 'emu')).code).to.equal(0);
  });
  afterEach(() => home.remove());

  it('deploys with live progress and ends 0, then undeploys everything', async () => {
    const deploy = await home.run(['datakit', 'deploy', '-n', 'Retail_Core', '-o', 'emu'], { env: FAST });
    expect(deploy.code, deploy.stderr).to.equal(0);
    expect(deploy.stdout)
      .to.include('Deploying data kit Retail_Core')
      .and.include('Job ID: 08P')
      .and.match(/Job Running: \d\/8 component\(s\) done/);
    expect(deploy.stdout).to.include('Deployed data kit Retail_Core: 8 component(s) active');
    const undeploy = await home.run(
      ['datakit', 'undeploy', '-n', 'Retail_Core', '-o', 'emu', '--no-prompt', '--json'],
      { env: FAST }
    );
    expect(undeploy.code).to.equal(0);
    expect(json<{ job: { outcome: string } }>(undeploy).result.job.outcome).to.equal('Succeeded');
    expect([...emulator.current.state.deployed.values()].filter((d) => d.kit === 'Retail_Core')).to.have.length(0);
  });

  it('--wait 0 exits 69; deploy resume --job-id finishes it from a fresh HOME with no cache', async () => {
    emulator.current.state.options.msPerStep = 400;
    const started = await home.run(['datakit', 'deploy', '-n', 'Retail_Core', '-o', 'emu', '--wait', '0', '--json'], {
      env: FAST,
    });
    expect(started.code).to.equal(69);
    const jobId = json<{ jobId: string }>(started).result.jobId;
    expect(started.stdout).to.include(`sf datakit deploy resume --job-id ${jobId}`);

    const ci = new SfHome(); // another machine: its own HOME, no job cache
    try {
      await ci.login(emulator.current.url, emulator.current.state.identity.orgId, 'ci-org');
      emulator.current.state.options.msPerStep = 40;
      const resumed = await ci.run(['datakit', 'deploy', 'resume', '--job-id', jobId, '-o', 'ci-org', '--json'], {
        env: FAST,
      });
      expect(resumed.code, resumed.stdout).to.equal(0);
      const result = json<{ outcome: string; kit: string; components: unknown[] }>(resumed).result;
      expect(result).to.include({ outcome: 'Succeeded', kit: 'Retail_Core' });
      expect(result.components).to.have.length(8);
    } finally {
      ci.remove();
    }
  });

  it('Ctrl-C stops watching, leaves the job running, exits 69 and prints how to resume', async () => {
    emulator.current.state.options.msPerStep = 2000;
    const run = home.start(['datakit', 'deploy', '-n', 'Retail_Core', '-o', 'emu'], { env: FAST });
    for (let i = 0; i < 200 && !run.output().includes('Job ID: 08P'); i++) await new Promise((r) => setTimeout(r, 50));
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).to.equal(69);
    expect(r.stderr).to.match(
      /Stopped watching; job 08P\w+ is still running in the org\. Resume watching with: sf datakit deploy resume --job-id 08P\w+/
    );
    const job = [...emulator.current.state.jobs.values()][0];
    expect(['New', 'Running']).to.include(job.status);
  });

  it('SIGTERM (a CI cancel, timeout) is treated like Ctrl-C: valid JSON with the resume command, exit 69', async () => {
    emulator.current.state.options.msPerStep = 2000;
    const run = home.start(['datakit', 'deploy', '-n', 'Retail_Core', '-o', 'emu', '--json'], { env: FAST });
    for (let i = 0; i < 200 && emulator.current.state.jobs.size === 0; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    run.child.kill('SIGTERM');
    const r = await run.done;
    expect(r.code, r.stderr).to.equal(69);
    const out = json<{ jobId: string; job: { outcome: string; stoppedWatching: string } }>(r);
    expect(out.result.job).to.include({ outcome: 'InProgress', stoppedWatching: 'interrupted' });
    expect(out.warnings?.join(' ')).to.include(`sf datakit deploy resume --job-id ${out.result.jobId}`);
    expect(r.stderr).not.to.match(/\bat \S+ \(/);
  });

  it('watching without a terminal costs almost no CPU while nothing changes', async () => {
    emulator.current.state.options.msPerStep = 4000; // a slow org: a component every 4 s
    const started = await home.run(['datakit', 'deploy', '-n', 'Retail_Core', '-o', 'emu', '--async'], { env: FAST });
    expect(started.code).to.equal(0);
    const watch = home.start(['datakit', 'deploy', 'resume', '--use-most-recent'], {
      env: {
        ...FAST,
        SF_DATAKIT_POLL_MS: '1000',
        CI: '',
        NODE_OPTIONS: `--import=${join(ROOT, 'scripts', 'lib', 'cpu.mjs')}`,
        DATAKIT_CPU_FILE: cpuFile,
      },
    });
    await new Promise((r) => setTimeout(r, 10_000));
    watch.child.kill('SIGINT');
    expect((await watch.done).code).to.equal(69);
    const [cpuMs, wallMs] = readFileSync(cpuFile, 'utf8').trim().split(' ').map(Number);
    expect(wallMs).to.be.above(8000);
    // loading the CLI costs a few CPU seconds at most; the watch itself must stay well under 5% of a core
    expect(cpuMs, `${cpuMs} ms CPU in ${wallMs} ms`).to.be.below(4000 + wallMs * 0.05);
  });

  it('an injected failure ends 68 and names the component and the log error', async () => {
    emulator.current.state.failures.push({
      dataKitName: 'Retail_Core',
      componentName: 'Orders_S3__dll',
      message: 'Expected source (Orders_S3) to have field (Order_Id__c)',
      phase: 'deploy',
    });
    const r = await home.run(['datakit', 'deploy', '-n', 'Retail_Core', '-o', 'emu'], { env: FAST });
    expect(r.code).to.equal(68);
    expect(r.stderr).to.include(
      'DataLakeObject:Orders_S3__dll failed: Expected source (Orders_S3) to have field (Order_Id__c)'
    );
  });
});
