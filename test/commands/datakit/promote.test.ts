import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { EmulatorHandle } from '@sfdatakit/org-emulator/testing';
import { emptyOrg, useEmulator } from '@sfdatakit/org-emulator/testing';
import DatakitPromote from '../../../src/commands/datakit/promote.js';
import { printed, useEmulatorOrgs } from '../../support/org.js';

const activeIn = (e: EmulatorHandle, kit: string): string[] =>
  [...e.current.state.deployed.values()]
    .filter((d) => d.kit === kit && d.status === 'Active')
    .map((d) => d.name)
    .sort();
/** Requests that could change the org: everything but reads and Metadata API retrieves. */
const writes = (e: EmulatorHandle): string[] =>
  e.current.state.requests
    .filter((r) => r.method !== 'GET' && !['retrieve', 'checkRetrieveStatus'].includes(r.operation ?? ''))
    .map((r) => `${r.method} ${r.path} ${r.operation ?? ''}`.trim());

describe('datakit promote (dev -> uat -> prod, and back)', () => {
  const fast = { msPerStep: 5 };
  const dev = useEmulator(undefined, fast);
  const uat = useEmulator(emptyOrg, fast, { orgId: '00DUAT000000001AAA', username: 'admin@uat.emulator' });
  const prod = useEmulator(emptyOrg, fast, { orgId: '00DPRD000000001AAA', username: 'admin@prod.emulator' });
  const [devOrg, uatOrg, prodOrg] = useEmulatorOrgs(dev, uat, prod);

  it('--dry-run checks, prints the plan and changes neither org', async () => {
    const result = await DatakitPromote.run([
      '-n',
      'Retail_Core',
      '--source-org',
      devOrg.username(),
      '-o',
      uatOrg.username(),
      '--dry-run',
      '--json',
    ]);
    expect(result.dryRun).to.equal(true);
    expect(result.conflicts).to.deep.equal([]);
    expect(result.rows.every((r) => r.difference === 'added')).to.equal(true);
    expect(result.plan).to.have.length(6);
    expect(result.preflight?.go).to.equal(true);
    // the check-only deploy is the only call to uat besides reads, and uat keeps nothing of it
    expect(writes(uat).filter((w) => !/Soap.* (deploy|checkDeployStatus)$/.test(w))).to.deep.equal([]);
    expect(writes(uat)).to.include('POST /services/Soap/m/66.0 deploy');
    expect(writes(dev)).to.deep.equal([]);
    expect(uat.current.state.kits.size).to.equal(0);
    expect(uat.current.state.templateFiles.size + uat.current.state.metadata.size).to.equal(0);
    expect(process.exitCode ?? 0).to.equal(0);
  });

  it('promotes a kit into an org that does not have it: metadata, unwrap, key qualifiers, checklist', async () => {
    const result = await DatakitPromote.run([
      '-n',
      'Retail_Core',
      '--source-org',
      devOrg.username(),
      '-o',
      uatOrg.username(),
    ]);
    expect(uat.current.state.kits.get('Retail_Core')?.source).to.equal('metadata');
    expect(activeIn(uat, 'Retail_Core')).to.have.length(8);
    expect(result.unwrap?.job?.outcome).to.equal('Succeeded');
    expect(result.metadata?.leftOut.map((l) => l.type)).to.deep.equal([
      'ExtDataTranFieldTemplate',
      'MktDataLakeAttributes',
    ]);
    expect(result.metadata?.removed.map((r) => r.member)).to.deep.equal([
      'Customer__dlm.KQ_Id__c',
      'Sales_Order__dlm.KQ_Id__c',
    ]);
    expect(result.keyQualifiersRestored).to.deep.equal(['Customer__dlm.KQ_Id__c', 'Sales_Order__dlm.KQ_Id__c']);
    expect(uat.current.state.metadata.has('CustomField:Customer__dlm.KQ_Id__c')).to.equal(true);
    expect(printed(uatOrg.ux()))
      .to.include('Re-activation checklist for Retail_Core')
      .and.include('Salesforce_CRM_Bundle');
    expect(process.exitCode ?? 0).to.equal(0);
  });

  it('a second promotion finds nothing to do', async () => {
    await DatakitPromote.run([
      '-n',
      'Retail_Core',
      '--source-org',
      devOrg.username(),
      '-o',
      uatOrg.username(),
      '--json',
    ]);
    const deploysBefore = uat.current.state.jobs.size;
    const again = await DatakitPromote.run([
      '-n',
      'Retail_Core',
      '--source-org',
      devOrg.username(),
      '-o',
      uatOrg.username(),
      '--json',
    ]);
    expect(again.metadata).to.equal(undefined);
    expect(uat.current.state.jobs.size).to.equal(deploysBefore);
    expect(printed(uatOrg.ux())).to.include('nothing to promote');
  });

  it('goes on from uat to prod, and back from prod to a refreshed sandbox that has an older kit', async () => {
    await DatakitPromote.run([
      '-n',
      'Retail_Core',
      '--source-org',
      devOrg.username(),
      '-o',
      uatOrg.username(),
      '--json',
    ]);
    await DatakitPromote.run([
      '-n',
      'Retail_Core',
      '--source-org',
      uatOrg.username(),
      '-o',
      prodOrg.username(),
      '--json',
    ]);
    expect(activeIn(prod, 'Retail_Core')).to.deep.equal(activeIn(uat, 'Retail_Core'));
    // back promotion: uat plays the refreshed sandbox, with a kit one component behind
    const kit = uat.current.state.kits.get('Retail_Core')!;
    kit.components = kit.components.filter((c) => c.type !== 'CalculatedInsight');
    for (const key of [...uat.current.state.deployed.keys()].filter((k) => k.endsWith('Customer_Lifetime_Value__cio')))
      uat.current.state.deployed.delete(key);
    const back = await DatakitPromote.run([
      '-n',
      'Retail_Core',
      '--source-org',
      prodOrg.username(),
      '-o',
      uatOrg.username(),
      '--json',
    ]);
    expect(back.rows.filter((r) => r.difference === 'added').map((r) => r.component)).to.deep.equal([
      'CalculatedInsight:Customer_Lifetime_Value__cio',
    ]);
    expect(back.conflicts).to.deep.equal([]);
    expect(activeIn(uat, 'Retail_Core')).to.include('Customer_Lifetime_Value__cio');
  });

  it('refuses to promote into the org it reads from', async () => {
    try {
      await DatakitPromote.run(['-n', 'Retail_Core', '--source-org', devOrg.username(), '-o', devOrg.username()]);
      expect.fail('should have thrown');
    } catch (error) {
      expect((error as Error).name).to.equal('SameOrgError');
    }
    expect(writes(dev)).to.deep.equal([]);
  });

  it('stops before changing anything on conflicts, and goes ahead with --force', async () => {
    uat.current.state.kits.set('Retail_Core', {
      devName: 'Retail_Core',
      label: 'Retail Core',
      dataKitType: 'None',
      dataSpaceName: 'default',
      authoredHere: false,
      source: 'metadata',
      createdAt: 0,
      manifestStamp: 7,
      components: [{ type: 'DataLakeObject', info: { name: 'Uat_Hotfix__dll', label: 'Hotfix made in uat' } }],
    });
    try {
      await DatakitPromote.run(['-n', 'Retail_Core', '--source-org', devOrg.username(), '-o', uatOrg.username()]);
      expect.fail('should have thrown');
    } catch (error) {
      expect((error as Error).name).to.equal('ConflictsError');
      expect((error as Error).message).to.include('DataLakeObject:Uat_Hotfix__dll');
    }
    expect(writes(uat)).to.deep.equal([]);
    const forced = await DatakitPromote.run([
      '-n',
      'Retail_Core',
      '--source-org',
      devOrg.username(),
      '-o',
      uatOrg.username(),
      '--force',
      '--json',
    ]);
    expect(forced.forced).to.equal(true);
    expect(forced.conflicts.map((c) => c.check)).to.deep.equal(['onlyInTarget']);
    expect(activeIn(uat, 'Retail_Core')).to.have.length(8);
  });

  it('names dependencies that are neither in the kit nor in the target org', async () => {
    const result = await DatakitPromote.run([
      '-n',
      'Marketing_Activation',
      '--source-org',
      devOrg.username(),
      '-o',
      uatOrg.username(),
      '--dry-run',
      '--json',
    ]);
    expect(result.conflicts.map((c) => c.check)).to.include('missingDependency');
    expect(result.conflicts.find((c) => c.check === 'missingDependency')?.message).to.include(
      'CalculatedInsight:Customer_Lifetime_Value__cio'
    );
    expect(process.exitCode).to.equal(1);
  });

  it('keeps the retrieved source with --output-dir, cleaned and ready to commit', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'promote-src-'));
    try {
      await DatakitPromote.run([
        '-n',
        'Retail_Core',
        '--source-org',
        devOrg.username(),
        '-o',
        uatOrg.username(),
        '--output-dir',
        dir,
        '--json',
      ]);
      const fields = await readdir(join(dir, 'main', 'default', 'objects', 'Customer__dlm', 'fields'));
      // the key-qualifier field KQ_Id__c was taken out before the deploy, the others stay
      expect(fields).to.deep.equal(['Email__c.field-meta.xml', 'Id__c.field-meta.xml', 'Name__c.field-meta.xml']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
