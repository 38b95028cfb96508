/*
 * End to end, the Git workflow through the real sf: retrieve a kit from dev into a project, validate (it finds
 * the KQ_ fields), clean, validate against uat, `sf project deploy start` to uat, and the hook unwraps the kit
 * and sets the KQ_ fields again from the restore file.
 */
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import { emptyOrg, useEmulator } from '@sfdatakit/org-emulator/testing';
import { json, SfHome } from '../../scripts/lib/sf.js';

describe('e2e: retrieve, clean, validate, deploy: a kit through Git', function () {
  this.timeout(300_000);
  const dev = useEmulator(undefined, { msPerStep: 10 });
  const uat = useEmulator(emptyOrg, { msPerStep: 10 }, { orgId: '00DUAT000000001AAA', username: 'admin@uat.emulator' });
  let home: SfHome;
  let project: string;

  before(() => {
    home = new SfHome();
  });
  after(() => home.remove());
  beforeEach(async () => {
    project = await mkdtemp(join(tmpdir(), 'kit-git-'));
    await cp(resolve('test/fixtures/retail-kit-project/sfdx-project.json'), join(project, 'sfdx-project.json'));
  });
  afterEach(async () => rm(project, { recursive: true, force: true }));

  it('round trip from dev to uat through source', async () => {
    const cwd = project;
    expect((await home.login(dev.current.url, dev.current.state.identity.orgId, 'dev')).code).to.equal(0);
    expect((await home.login(uat.current.url, uat.current.state.identity.orgId, 'uat')).code).to.equal(0);

    const retrieved = await home.run(['datakit', 'retrieve', '-n', 'Retail_Core', '-o', 'dev', '--json'], { cwd });
    expect(retrieved.code, retrieved.stderr).to.equal(0);
    expect(json<{ outputDir: string }>(retrieved).result.outputDir).to.equal('force-app');
    expect(existsSync(join(project, 'manifest', 'Retail_Core-package.xml'))).to.equal(true);

    const dirty = await home.run(['datakit', 'validate', '--json'], { cwd });
    expect(dirty.code).to.equal(1);
    expect(
      json<{ problems: Array<{ check: string }> }>(dirty).result.problems.filter((p) => p.check === 'deployBreaker')
    ).to.have.length(2);

    const cleaned = await home.run(['datakit', 'clean', '--json'], { cwd });
    expect(cleaned.code, cleaned.stderr).to.equal(0);
    expect(existsSync(join(project, '.sfdatakit', 'kq-restore.json'))).to.equal(true);

    const valid = await home.run(['datakit', 'validate', '-o', 'uat'], { cwd });
    expect(valid.code, valid.stdout + valid.stderr).to.equal(0);

    const deployed = await home.run(['project', 'deploy', 'start', '-o', 'uat', '--json'], { cwd, timeoutMs: 240_000 });
    expect(deployed.code, deployed.stderr).to.equal(0);
    expect(deployed.stderr).to.include('set 2 key-qualifier field(s) again');
    const active = [...uat.current.state.deployed.values()].filter(
      (d) => d.kit === 'Retail_Core' && d.status === 'Active'
    );
    expect(active).to.have.length(8);
    expect(uat.current.state.metadata.has('CustomField:Customer__dlm.KQ_Id__c')).to.equal(true);
    expect(existsSync(join(project, '.sfdatakit', 'kq-restore.json'))).to.equal(false);
    expect(
      await readdir(join(project, 'force-app', 'main', 'default', 'objects', 'Customer__dlm', 'fields'))
    ).to.deep.equal(['Email__c.field-meta.xml', 'Id__c.field-meta.xml', 'Name__c.field-meta.xml']); // KQ_Id__c cleaned
  });
});
