import { expect } from 'chai';
import { useEmulator } from '@sfdatakit/org-emulator/testing';
import DatakitUnwrap from '../../../src/commands/datakit/unwrap.js';
import { printed, useEmulatorOrg } from '../../support/org.js';

describe('datakit unwrap', () => {
  const emulator = useEmulator(undefined, { msPerStep: 5 });
  const org = useEmulatorOrg(emulator);
  const state = () => emulator.current.state;
  const active = (kit: string) =>
    [...state().deployed.values()].filter((d) => d.kit === kit && d.status === 'Active').map((d) => d.name);

  it('unwraps with the Connect deploy at API 64.0+ and prints the credential checklist', async () => {
    const result = await DatakitUnwrap.run(['-o', org.username(), '-n', 'Retail_Core', '--json']);
    expect(result.method).to.equal('connect');
    expect(result.job?.outcome).to.equal('Succeeded');
    expect(active('Retail_Core')).to.have.length(8);
    expect(
      state().requests.some((r) => r.path.endsWith('/ssot/data-kits/Retail_Core') && r.method === 'POST')
    ).to.equal(true);
    expect(result.checklist.map((c) => c.component)).to.deep.equal([
      'DataStreamBundle:Salesforce_CRM_Bundle',
      'DataStreamBundle:S3_Orders_Bundle',
      'DataTransform:Orders_Cleanup',
      'DataModelObject:Customer__dlm',
      'DataModelObject:Sales_Order__dlm',
    ]);
    expect(result.checklist[0].action)
      .to.include('re-authenticate the CRM connection')
      .and.include('Account_Home, Contact_Home');
  });

  it('falls back to the flow action below API 64.0, and tracks it by interview id', async () => {
    const result = await DatakitUnwrap.run(['-o', org.username(), '-n', 'Retail_Core', '--api-version', '63.0']);
    expect(result.method).to.equal('flow');
    expect(result.jobId).to.match(/^[0-9a-f]+-[0-9a-f]+$/);
    expect(result.job?.outcome).to.equal('Succeeded');
    const flow = state().requests.find((r) => r.path.endsWith('sfdatakit__DeployDataKitComponents'));
    const input = (
      flow?.body as {
        inputs: Array<{ dataKitNameInput: string; dataKitComponentsInput: Array<Record<string, unknown>> }>;
      }
    ).inputs[0];
    expect(input.dataKitNameInput).to.equal('Retail_Core');
    const crm = input.dataKitComponentsInput.find(
      (c) => (c.bundleConfig as { bundleName?: string })?.bundleName === 'Salesforce_CRM_Bundle'
    );
    expect(crm?.bundleConfig).to.deep.include({
      connectorType: 'CRM',
      bundleCRMConfig: { orgId: state().identity.orgId.slice(0, 15) },
    });
    expect(input.dataKitComponentsInput.some((c) => 'dloConfig' in c)).to.equal(true);
    expect(active('Retail_Core')).to.have.length(8);
    expect(printed(org.ux())).to.include('Re-activation checklist for Retail_Core');
  });

  it('is safe to run twice: the second run deploys nothing', async () => {
    await DatakitUnwrap.run(['-o', org.username(), '-n', 'Retail_Core', '--json']);
    const jobs = state().jobs.size;
    const again = await DatakitUnwrap.run(['-o', org.username(), '-n', 'Retail_Core', '--json']);
    expect(again.jobId).to.equal(undefined);
    expect(again.alreadyActive).to.have.length(8);
    expect(state().jobs.size).to.equal(jobs);
    expect(process.exitCode ?? 0).to.equal(0);
  });

  it('only deploys what is not active yet', async () => {
    const result = await DatakitUnwrap.run(['-o', org.username(), '-n', 'Web_Engagement', '--json']);
    expect(result.alreadyActive.map((r) => r.name)).to.deep.equal(['Web_Events_Bundle', 'Web_Events__dll']);
    expect(result.jobId).to.equal(undefined);
  });

  it('a failed unwrap exits 1 with the component and error', async () => {
    state().failures.push({
      dataKitName: 'Retail_Core',
      componentName: 'Salesforce_CRM_Bundle',
      message: 'No CRM Connection exists for externalRecordId',
      phase: 'deploy',
    });
    const result = await DatakitUnwrap.run(['-o', org.username(), '-n', 'Retail_Core']);
    expect(process.exitCode).to.equal(1);
    expect(result.job?.components.find((c) => c.state === 'Failed')?.error, JSON.stringify(result.job)).to.include(
      'No CRM Connection'
    );
    expect(printed(org.ux())).to.include('sf datakit unwrap --name Retail_Core');
  });
});
