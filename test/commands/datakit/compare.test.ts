import { expect } from 'chai';
import { emptyOrg, useEmulator } from '@sfdatakit/org-emulator/testing';
import DatakitCompare from '../../../src/commands/datakit/compare.js';
import { printed, useEmulatorOrgs } from '../../support/org.js';

const FIXTURE = 'test/fixtures/kit-project/force-app';

describe('datakit compare (two emulator orgs)', () => {
  const dev = useEmulator();
  const uat = useEmulator(undefined, {}, { orgId: '00DUAT000000001AAA', username: 'admin@uat.emulator' });
  const prod = useEmulator(emptyOrg, {}, { orgId: '00DPRD000000001AAA', username: 'admin@prod.emulator' });
  const [devOrg, uatOrg, prodOrg] = useEmulatorOrgs(dev, uat, prod);

  it('exits 0 when both orgs have the same kit, and says so', async () => {
    const result = await DatakitCompare.run([
      '-n',
      'Retail_Core',
      '--source-org',
      devOrg.username(),
      '-o',
      uatOrg.username(),
      '--json',
    ]);
    expect(result.equal).to.equal(true);
    expect(result.rows.every((r) => r.difference === 'same')).to.equal(true);
    expect(result.rows).to.have.length(10);
    expect(process.exitCode ?? 0).to.equal(0);
  });

  it('lists added, removed and changed components and exits 1', async () => {
    const kit = uat.current.state.kits.get('Retail_Core')!;
    const dropped = kit.components.pop()!; // CalculatedInsight missing in uat
    kit.components.push({ type: 'DataLakeObject', info: { name: 'Uat_Only__dll', label: 'Only in uat' } });
    kit.components[0].info.label = 'CRM (renamed in uat)';
    const result = await DatakitCompare.run([
      '-n',
      'Retail_Core',
      '--source-org',
      devOrg.username(),
      '-o',
      uatOrg.username(),
    ]);
    expect(process.exitCode).to.equal(1);
    expect(result.added).to.deep.equal([`${dropped.type}:${dropped.info.name}`]);
    expect(result.removed).to.deep.equal(['DataLakeObject:Uat_Only__dll']);
    expect(result.changed).to.deep.equal(['DataStreamBundle:Salesforce_CRM_Bundle']);
    expect(result.rows.find((r) => r.difference === 'changed')?.changes).to.deep.equal([
      { field: 'label', source: 'Salesforce CRM', target: 'CRM (renamed in uat)' },
    ]);
    expect(printed(uatOrg.ux())).to.include('1 added, 1 removed, 1 changed');
  });

  it('treats a kit missing in the target as different, every component added', async () => {
    const result = await DatakitCompare.run([
      '-n',
      'Retail_Core',
      '--source-org',
      devOrg.username(),
      '-o',
      prodOrg.username(),
      '--json',
    ]);
    expect(result.equal).to.equal(false);
    expect(result.target.found).to.equal(false);
    expect(result.added).to.have.length(10);
    expect(process.exitCode).to.equal(1);
  });

  it("shows each org's deployment status, and counts it only with --include-status", async () => {
    uat.current.state.deployed.set('Retail_Core|Salesforce_CRM_Bundle', {
      kit: 'Retail_Core',
      type: 'DataStreamBundle',
      name: 'Salesforce_CRM_Bundle',
      componentId: '0gO000000000001',
      status: 'Active',
    });
    const plain = await DatakitCompare.run([
      '-n',
      'Retail_Core',
      '--source-org',
      devOrg.username(),
      '-o',
      uatOrg.username(),
      '--json',
    ]);
    expect(plain.equal).to.equal(true);
    const row = plain.rows.find((r) => r.component === 'DataStreamBundle:Salesforce_CRM_Bundle');
    expect([row?.sourceStatus, row?.targetStatus]).to.deep.equal(['NOT_DEPLOYED', 'ACTIVE']);
    process.exitCode = undefined;
    const strict = await DatakitCompare.run([
      '-n',
      'Retail_Core',
      '--source-org',
      devOrg.username(),
      '-o',
      uatOrg.username(),
      '--include-status',
      '--json',
    ]);
    expect(strict.equal).to.equal(false);
    expect(strict.statusDiffers).to.deep.equal(['DataStreamBundle:Salesforce_CRM_Bundle']);
    expect(process.exitCode).to.equal(1);
  });

  it('compares a source folder with an org, and only reads it (GET requests and Metadata API retrieves)', async () => {
    uat.current.state.kits.set('Orders_Kit', {
      devName: 'Orders_Kit',
      label: 'Orders Kit',
      dataKitType: 'None',
      dataSpaceName: 'default',
      authoredHere: false,
      source: 'metadata',
      createdAt: 0,
      manifestStamp: 1,
      components: [
        {
          type: 'DataStreamBundle',
          info: { name: 'S3_Orders_Bundle', label: 'Orders from Amazon S3', connectorType: 'MORECONNECTORS' },
        },
      ],
    });
    const result = await DatakitCompare.run([
      '-n',
      'Orders_Kit',
      '--source-dir',
      FIXTURE,
      '-o',
      uatOrg.username(),
      '--json',
    ]);
    expect(result.source.components.map((c) => `${c.type}:${c.name}`)).to.deep.equal([
      'DataStreamBundle:S3_Orders_Bundle',
      'DataLakeObject:Orders_S3__dll',
    ]);
    expect(result.added).to.deep.equal(['DataLakeObject:Orders_S3__dll']);
    expect(result.equal).to.equal(false);
    const writes = uat.current.state.requests.filter(
      (r) => r.method !== 'GET' && !['retrieve', 'checkRetrieveStatus'].includes(r.operation ?? '')
    );
    expect(writes).to.deep.equal([]);
  });

  it('an unknown kit is a clear error, in an org or in a folder', async () => {
    try {
      await DatakitCompare.run(['-n', 'Retail_Cor', '--source-org', devOrg.username(), '-o', uatOrg.username()]);
      expect.fail('should have thrown');
    } catch (error) {
      expect((error as Error).message).to.include('Did you mean: Retail_Core');
    }
    try {
      await DatakitCompare.run(['-n', 'Order_Kit', '--source-dir', FIXTURE, '-o', uatOrg.username()]);
      expect.fail('should have thrown');
    } catch (error) {
      expect((error as Error).message)
        .to.include('Kit Order_Kit is not in')
        .and.include('Did you mean: Orders_Kit');
    }
  });
});
