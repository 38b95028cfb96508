import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { useEmulator } from '@sfdatakit/org-emulator/testing';
import DatakitChecklist from '../../../src/commands/datakit/checklist.js';
import { printed, useEmulatorOrg } from '../../support/org.js';

describe('datakit checklist', () => {
  const emulator = useEmulator();
  const org = useEmulatorOrg(emulator);

  it('lists every connection to re-authenticate and what else does not travel, without changing the org', async () => {
    const result = await DatakitChecklist.run(['-o', org.username(), '-n', 'Retail_Core', '--json']);
    const byComponent = new Map(result.items.map((i) => [i.component, i]));
    expect(byComponent.get('DataStreamBundle:Salesforce_CRM_Bundle')?.connectorType).to.equal('CRM');
    expect(byComponent.get('DataStreamBundle:Salesforce_CRM_Bundle')?.action).to.include('Account_Home, Contact_Home');
    expect(byComponent.get('DataStreamBundle:S3_Orders_Bundle')?.action).to.include('Other Connectors');
    expect(byComponent.get('DataTransform:Orders_Cleanup')?.action).to.include('Run Now');
    expect(byComponent.get('DataModelObject:Customer__dlm')?.action).to.include('FieldSrcTrgtRelationship');
    expect(result.dataSpace).to.equal('default');
    expect(emulator.current.state.requests.every((r) => r.method === 'GET')).to.equal(true);
  });

  it('names activation targets, segments and a non-default data space', async () => {
    const result = await DatakitChecklist.run([
      '-o',
      org.username(),
      '-n',
      'Marketing_Activation',
      '--data-space',
      'EMEA',
    ]);
    const components = result.items.map((i) => i.component);
    expect(components).to.include.members([
      'ActivationTarget:Marketing_Cloud_Target',
      'MarketSegment:High_Value_Segment',
      'DataSpace:EMEA',
    ]);
    expect(printed(org.ux()))
      .to.include('Re-activation checklist for Marketing_Activation')
      .and.include('[ ] DataSpace:EMEA');
  });

  it('shows the connection names from a deploy config file', async () => {
    const file = join(tmpdir(), `checklist-config-${process.pid}.json`);
    await writeFile(file, JSON.stringify({ Salesforce_CRM_Bundle: { bundleConfig: { connectionName: 'Prod_CRM' } } }));
    const result = await DatakitChecklist.run([
      '-o',
      org.username(),
      '-n',
      'Retail_Core',
      '--config-file',
      file,
      '--json',
    ]);
    expect(result.items.find((i) => i.component === 'DataStreamBundle:Salesforce_CRM_Bundle')?.connection).to.equal(
      'Prod_CRM'
    );
  });

  it('an unknown kit is a clear error naming the closest kits', async () => {
    try {
      await DatakitChecklist.run(['-o', org.username(), '-n', 'Retail_Cor']);
      expect.fail('should have thrown');
    } catch (error) {
      expect((error as Error).name).to.equal('KitNotFoundError');
      expect((error as Error).message).to.include('Retail_Core');
    }
  });
});
