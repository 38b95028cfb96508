import { expect } from 'chai';
import { Lifecycle } from '@salesforce/core';
import type { ScopedPostDeploy } from '@salesforce/source-deploy-retrieve';
import hook, { deployedKits } from '../../src/hooks/scopedPostDeploy.js';
import { useEmulator } from '@sfdatakit/org-emulator/testing';
import { useEmulatorOrg } from '../support/org.js';

let deployIds = 0;
function payload(orgId: string, over: Partial<Record<string, unknown>> = {}, kits = ['Retail_Core']): ScopedPostDeploy {
  deployIds += 1;
  return {
    orgId,
    deployResult: {
      response: {
        id: `0AfEM00000000${String(deployIds).padStart(2, '0')}AAA`,
        status: 'Succeeded',
        checkOnly: false,
        details: {
          componentSuccesses: [
            { componentType: 'ApexClass', fullName: 'Hello', deleted: 'false' },
            ...kits.map((k) => ({ componentType: 'DataPackageKitDefinition', fullName: k, deleted: 'false' })),
          ],
        },
        ...over,
      },
    },
  } as unknown as ScopedPostDeploy;
}

describe('scopedPostDeploy hook', () => {
  const emulator = useEmulator(undefined, { msPerStep: 5 });
  const org = useEmulatorOrg(emulator);
  const state = () => emulator.current.state;
  let warnings: string[];
  let stderr: string[];
  const run = (p: ScopedPostDeploy, argv = ['--target-org', org.username()]) =>
    (hook as unknown as (o: unknown) => Promise<void>).call({}, { argv, result: p, commandId: 'project:deploy:start' });

  beforeEach(() => {
    warnings = [];
    stderr = [];
    org.$$.SANDBOX.stub(Lifecycle.prototype, 'emitWarning').callsFake(async (w: string) => {
      warnings.push(w);
    });
    org.$$.SANDBOX.stub(process.stderr, 'write').callsFake((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
    delete process.env.SF_DATAKIT_AUTO_UNWRAP;
  });

  it('finds only created or changed DataPackageKitDefinitions', () => {
    const p = payload('00D', {}, ['A', 'A', 'B']);
    (p.deployResult.response.details.componentSuccesses as unknown as Array<Record<string, string>>).push({ componentType: 'DataPackageKitDefinition', fullName: 'Gone', deleted: 'true' });
    expect(deployedKits(p)).to.deep.equal(['A', 'B']);
  });

  it('unwraps each deployed kit and reports on stderr only', async () => {
    await run(payload(state().identity.orgId));
    expect([...state().deployed.values()].filter((d) => d.kit === 'Retail_Core' && d.status === 'Active')).to.have.length(8);
    expect(stderr.join('')).to.include('datakit: Unwrapped data kit Retail_Core: 8 component(s) active');
    expect(warnings).to.deep.equal([]);
  });

  it('skips check-only deploys, failed deploys and deploys without kits', async () => {
    await run(payload(state().identity.orgId, { checkOnly: true }));
    await run(payload(state().identity.orgId, { status: 'Failed' }));
    await run(payload(state().identity.orgId, {}, []));
    expect(state().jobs.size).to.equal(0);
  });

  it('runs once per deploy id, however often it is called', async () => {
    const p = payload(state().identity.orgId);
    await run(p);
    await run(p);
    expect(state().jobs.size).to.equal(1);
  });

  it('turns an unwrap failure into a warning with the command to run, and never throws', async () => {
    state().failures.push({ dataKitName: 'Retail_Core', componentName: 'Orders_S3__dll', message: 'Bad mapping', phase: 'deploy' });
    await run(payload(state().identity.orgId));
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include('unwrapping data kit Retail_Core failed').and.include('Bad mapping').and.include(`sf datakit unwrap --name Retail_Core --target-org ${org.username()}`);
  });

  it('warns instead of failing when it cannot find the org', async () => {
    await run(payload('00DXX0000000999AAA'), []);
    expect(warnings[0]).to.include('no sf login found for org 00DXX0000000999AAA');
  });

  it('does nothing when SF_DATAKIT_AUTO_UNWRAP=false', async () => {
    process.env.SF_DATAKIT_AUTO_UNWRAP = 'false';
    try {
      await run(payload(state().identity.orgId));
    } finally {
      delete process.env.SF_DATAKIT_AUTO_UNWRAP;
    }
    expect(state().jobs.size).to.equal(0);
    expect(stderr.join('')).to.include('automatic unwrap is off');
  });
});
