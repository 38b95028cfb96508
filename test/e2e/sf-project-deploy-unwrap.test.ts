/*
 * End to end: the real `sf project deploy start` (plugin-deploy-retrieve, loaded by bin/dev.js as a dev
 * plugin) deploys a source-format project holding a data kit to the emulator over SOAP; this plugin's
 * scopedPostDeploy hook then unwraps the kit.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { useEmulator } from '@sfdatakit/org-emulator/testing';
import { json, ROOT, SfHome } from '../../scripts/lib/sf.js';

const ENV = { SF_DATAKIT_POLL_MS: '50' };

describe('e2e: sf project deploy start unwraps deployed data kits', function () {
  this.timeout(240_000);
  const emulator = useEmulator(undefined, { msPerStep: 30 });
  let home: SfHome;
  let project: string;
  const state = () => emulator.current.state;
  const ordersKit = () => [...state().deployed.values()].filter((d) => d.kit === 'Orders_Kit');
  const deploy = (extra: string[] = [], env: NodeJS.ProcessEnv = {}) =>
    home.run(['project', 'deploy', 'start', '--source-dir', 'force-app', '-o', 'emu', '--json', ...extra], {
      cwd: project,
      env: { ...ENV, ...env },
    });

  beforeEach(async () => {
    home = new SfHome();
    project = mkdtempSync(join(tmpdir(), 'kit-project-'));
    cpSync(join(ROOT, 'test', 'fixtures', 'kit-project'), project, { recursive: true });
    expect((await home.login(emulator.current.url, state().identity.orgId, 'emu')).code).to.equal(0);
  });
  afterEach(() => {
    home.remove();
    rmSync(project, { recursive: true, force: true });
  });

  it('unwraps the kit after a real deploy: components ACTIVE, stdout still valid JSON, checklist on stderr', async () => {
    const r = await deploy();
    expect(r.code, r.stderr).to.equal(0);
    const out = json<{ status: string; success: boolean }>(r);
    expect(out.result).to.include({ status: 'Succeeded', success: true });
    expect(state().kits.get('Orders_Kit')).to.include({ source: 'metadata' });
    expect(ordersKit().map((d) => `${d.name}=${d.status}`)).to.deep.equal([
      'S3_Orders_Bundle=Active',
      'Orders_S3__dll=Active',
    ]);
    expect(r.stderr).to.include('datakit: Unwrapped data kit Orders_Kit: 2 component(s) active');
    expect(r.stderr)
      .to.include('Re-activation checklist for Orders_Kit')
      .and.include('DataStreamBundle:S3_Orders_Bundle');
    expect(state().jobs.size).to.equal(1);
  });

  it('a hostile key-qualifier restore file in the project is refused: nothing written outside, nothing deployed, a warning', async () => {
    // the old restore wrote join(mkdtemp(tmpdir()), path): "../x" landed in tmpdir() itself
    const outside = join(tmpdir(), `evil-${Date.now()}.sh`);
    const restore = {
      createdAt: '2026-11-25T00:00:00Z',
      sourceDir: join(project, 'force-app'),
      fields: [
        { path: `../${outside.split('/').pop()}`, member: 'Customer__dlm.KQ_Id__c', content: '#!/bin/sh\necho owned' },
        { path: 'main/default/classes/Evil.cls', member: 'Evil', content: 'public class Evil {}' },
      ],
    };
    mkdirSync(join(project, '.sfdatakit'), { recursive: true });
    writeFileSync(join(project, '.sfdatakit', 'kq-restore.json'), JSON.stringify(restore));
    const r = await deploy();
    expect(r.code, r.stderr).to.equal(0);
    const warning = (json(r).warnings ?? []).find((w) => w.includes('kq-restore.json was refused'));
    expect(warning, JSON.stringify(json(r).warnings))
      .to.include('leaves the package folder')
      .and.include('not a KQ_ field');
    expect(existsSync(outside)).to.equal(false);
    expect([...state().metadata].filter((m) => m === 'ApexClass:Evil' || m.startsWith('CustomField'))).to.deep.equal(
      []
    );
    expect(existsSync(join(project, '.sfdatakit', 'kq-restore.json')), 'kept for review').to.equal(true);
    expect(ordersKit().every((d) => d.status === 'Active')).to.equal(true);
  });

  it('a --dry-run deploy does not unwrap', async () => {
    const r = await deploy(['--dry-run']);
    expect(r.code).to.equal(0);
    expect(json<{ checkOnly: boolean }>(r).result.checkOnly).to.equal(true);
    expect(state().jobs.size).to.equal(0);
    expect(r.stderr).not.to.include('datakit:');
  });

  it('an unwrap failure leaves the deploy exit code 0, with a warning naming the kit and the command to run', async () => {
    state().failures.push({
      dataKitName: 'Orders_Kit',
      componentName: 'Orders_S3__dll',
      message: 'Expected source (Orders_S3) to have field (Order_Id__c)',
      phase: 'deploy',
    });
    const r = await deploy();
    expect(r.code).to.equal(0);
    const out = json(r);
    expect(out.result).to.include({ status: 'Succeeded' });
    const warning = (out.warnings ?? []).find((w) => w.includes('unwrapping data kit Orders_Kit failed'));
    expect(warning, JSON.stringify(out.warnings))
      .to.include('Order_Id__c')
      .and.include('sf datakit unwrap --name Orders_Kit --target-org');
  });

  it('runs once per deploy, and a second deploy finds the kit already unwrapped', async () => {
    await deploy();
    const again = await deploy();
    expect(again.code).to.equal(0);
    expect(again.stderr).to.include('datakit: Data kit Orders_Kit is already unwrapped');
    expect(state().jobs.size).to.equal(1);
  });

  it('SF_DATAKIT_AUTO_UNWRAP=false turns it off', async () => {
    const r = await deploy([], { SF_DATAKIT_AUTO_UNWRAP: 'false' });
    expect(r.code).to.equal(0);
    expect(state().jobs.size).to.equal(0);
    expect(r.stderr).to.include('automatic unwrap is off');
  });

  it('the datakit-auto-unwrap config variable turns it off', async () => {
    const set = await home.run(['config', 'set', 'datakit-auto-unwrap=false', '--global', '--json'], { cwd: project });
    expect(set.code, set.stdout + set.stderr).to.equal(0);
    const r = await deploy();
    expect(r.code).to.equal(0);
    expect(state().jobs.size).to.equal(0);
  });

  it('sf datakit unwrap by hand afterwards is safe to repeat', async () => {
    await deploy([], { SF_DATAKIT_AUTO_UNWRAP: 'false' });
    const first = await home.run(['datakit', 'unwrap', '--name', 'Orders_Kit', '-o', 'emu', '--json'], { env: ENV });
    expect(first.code).to.equal(0);
    expect(json<{ job: { outcome: string } }>(first).result.job.outcome).to.equal('Succeeded');
    const second = await home.run(['datakit', 'unwrap', '--name', 'Orders_Kit', '-o', 'emu', '--json'], { env: ENV });
    expect(second.code).to.equal(0);
    expect(json<{ alreadyActive: unknown[]; jobId?: string }>(second).result.alreadyActive).to.have.length(2);
    expect(state().jobs.size).to.equal(1);
  });
});
