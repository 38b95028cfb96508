import { expect } from 'chai';
import type { SfError } from '@salesforce/core';
import { SfCommand } from '@salesforce/sf-plugins-core';
import { useEmulator } from '@sfdatakit/org-emulator/testing';
import DatakitDelete from '../../../src/commands/datakit/delete.js';
import { pretendTerminal, useEmulatorOrg } from '../../support/org.js';

describe('datakit delete', () => {
  const emulator = useEmulator();
  const org = useEmulatorOrg(emulator);
  const kits = () => emulator.current.state.kits;

  it('deletes without asking under --no-prompt', async () => {
    const result = await DatakitDelete.run(['-o', org.username(), '--name', 'Retail_Core', '--no-prompt']);
    expect(result).to.deep.equal({ name: 'Retail_Core', deleted: true });
    expect(kits().has('Retail_Core')).to.equal(false);
  });

  it('asks first, and keeps the kit when the answer is no', async () => {
    pretendTerminal();
    const confirm = org.$$.SANDBOX.stub(SfCommand.prototype, 'confirm').resolves(false);
    const result = await DatakitDelete.run(['-o', org.username(), '--name', 'Retail_Core']);
    expect(confirm.calledOnce).to.equal(true);
    expect(String(confirm.firstCall.args[0].message)).to.include('Retail_Core').and.include('10 components');
    expect(result.deleted).to.equal(false);
    expect(kits().has('Retail_Core')).to.equal(true);
  });

  it('deletes after a yes at the prompt', async () => {
    pretendTerminal();
    org.$$.SANDBOX.stub(SfCommand.prototype, 'confirm').resolves(true);
    await DatakitDelete.run(['-o', org.username(), '--name', 'Retail_Core']);
    expect(kits().has('Retail_Core')).to.equal(false);
  });

  it('names an unknown kit and suggests the closest, without deleting anything', async () => {
    try {
      await DatakitDelete.run(['-o', org.username(), '--name', 'retail_core', '--no-prompt']);
      expect.fail('should have thrown');
    } catch (e) {
      expect((e as SfError).name).to.equal('KitNotFoundError');
      expect((e as SfError).message)
        .to.include('"retail_core"')
        .and.include('Did you mean: Retail_Core');
    }
    expect(kits().size).to.equal(3);
    expect(emulator.current.state.requests.some((r) => r.method === 'DELETE')).to.equal(false);
  });

  it('passes on the org refusing to delete a kit with deployed components', async () => {
    try {
      await DatakitDelete.run(['-o', org.username(), '--name', 'Web_Engagement', '--no-prompt']);
      expect.fail('should have thrown');
    } catch (e) {
      expect((e as SfError).message).to.include('Undeploy them first');
      expect((e as SfError).data).to.include({ status: 400 });
    }
    expect(kits().has('Web_Engagement')).to.equal(true);
  });
});
