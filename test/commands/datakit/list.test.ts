import { expect } from 'chai';
import { SfError } from '@salesforce/core';
import { useEmulator } from '@sfdatakit/org-emulator/testing';
import DatakitList from '../../../src/commands/datakit/list.js';
import { printed, useEmulatorOrg } from '../../support/org.js';

describe('datakit list', () => {
  const emulator = useEmulator();
  const org = useEmulatorOrg(emulator);

  it('returns the seeded kits with type, component count and data space', async () => {
    const result = await DatakitList.run(['--target-org', org.username()]);
    expect(result.kits.map((k) => k.name)).to.deep.equal(['Marketing_Activation', 'Retail_Core', 'Web_Engagement']);
    expect(result.kits.find((k) => k.name === 'Retail_Core')).to.deep.equal({
      name: 'Retail_Core',
      label: 'Retail Core',
      type: 'None',
      componentCount: 10,
      dataSpace: 'default',
    });
    expect(printed(org.ux())).to.include('DevOps').and.include('Retail Core');
  });

  it('calls exactly one endpoint, the documented list path', async () => {
    await DatakitList.run(['--target-org', org.username()]);
    const paths = emulator.current.state.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths).to.deep.equal(['GET /services/data/v66.0/ssot/data-kits']);
  });

  it('says so when the org has no kits', async () => {
    emulator.current.state.kits.clear();
    const result = await DatakitList.run(['--target-org', org.username()]);
    expect(result.kits).to.deep.equal([]);
    expect(printed(org.ux())).to.include('sf datakit create');
  });

  it('refuses an API version below the list endpoint minimum, before calling the org', async () => {
    try {
      await DatakitList.run(['--target-org', org.username(), '--api-version', '62.0']);
      expect.fail('should have thrown');
    } catch (e) {
      expect((e as SfError).name).to.equal('ApiVersionTooLow');
      expect((e as SfError).actions?.join(' ')).to.include('--api-version 63.0');
    }
    expect(emulator.current.state.requests).to.have.length(0);
  });

  it('turns a 404 from an org without Data Cloud into an error with a next step', async () => {
    emulator.current.state.faults.noDataCloud = true;
    try {
      await DatakitList.run(['--target-org', org.username()]);
      expect.fail('should have thrown');
    } catch (e) {
      expect((e as SfError).name).to.equal('DataCloudNotAvailable');
      expect((e as SfError).exitCode).to.equal(1);
      expect((e as SfError).message).to.include('Data Cloud is not enabled');
    }
  });
});
