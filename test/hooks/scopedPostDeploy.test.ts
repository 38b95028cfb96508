import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { Lifecycle } from '@salesforce/core';
import type { ScopedPostDeploy } from '@salesforce/source-deploy-retrieve';
import { useEmulator } from '@sfdatakit/org-emulator/testing';
import hook, { deployedKits } from '../../src/hooks/scopedPostDeploy.js';
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
    org.$$.SANDBOX.stub(Lifecycle.prototype, 'emitWarning').callsFake((w: string) => {
      warnings.push(w);
      return Promise.resolve();
    });
    org.$$.SANDBOX.stub(process.stderr, 'write').callsFake((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
    delete process.env.SF_DATAKIT_AUTO_UNWRAP;
    delete process.env.SF_DATAKIT_VERIFY;
  });

  it('finds only created or changed DataPackageKitDefinitions', () => {
    const p = payload('00D', {}, ['A', 'A', 'B']);
    (p.deployResult.response.details.componentSuccesses as unknown as Array<Record<string, string>>).push({
      componentType: 'DataPackageKitDefinition',
      fullName: 'Gone',
      deleted: 'true',
    });
    expect(deployedKits(p)).to.deep.equal(['A', 'B']);
  });

  it('unwraps each deployed kit and reports on stderr only', async () => {
    await run(payload(state().identity.orgId));
    expect(
      [...state().deployed.values()].filter((d) => d.kit === 'Retail_Core' && d.status === 'Active')
    ).to.have.length(8);
    expect(stderr.join('')).to.include('datakit: Unwrapped data kit Retail_Core: 8 component(s) active');
    expect(warnings).to.deep.equal([]);
  });

  for (const [what, over, kits] of [
    ['a check-only deploy', { checkOnly: true }, ['Retail_Core']],
    ['a failed deploy', { status: 'Failed' }, ['Retail_Core']],
    ['a deploy without kits', {}, []],
  ] as Array<[string, Record<string, unknown>, string[]]>) {
    it(`skips ${what}: it does not even look at the org`, async () => {
      await run(payload(state().identity.orgId, over, kits));
      expect(state().requests).to.deep.equal([]);
      expect(stderr.join('')).to.equal('');
      expect(warnings).to.deep.equal([]);
    });
  }

  describe('several kits, and the key-qualifier restore file', () => {
    let cwd: string;
    let project: string;
    const kqField =
      '<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n    <fullName>KQ_Id__c</fullName>\n    <label>Key Qualifier</label>\n    <length>255</length>\n    <type>Text</type>\n</CustomField>\n';
    beforeEach(() => {
      cwd = process.cwd();
      project = mkdtempSync(join(tmpdir(), 'hook-project-'));
      mkdirSync(join(project, '.sfdatakit'));
      writeFileSync(
        join(project, '.sfdatakit', 'kq-restore.json'),
        JSON.stringify({
          createdAt: '',
          sourceDir: '',
          fields: [
            {
              path: 'main/default/objects/Customer__dlm/fields/KQ_Id__c.field-meta.xml',
              member: 'Customer__dlm.KQ_Id__c',
              content: kqField,
            },
          ],
        })
      );
      process.chdir(project);
    });
    afterEach(() => {
      process.chdir(cwd);
      rmSync(project, { recursive: true, force: true });
    });

    it('unwraps kits that others need first, whatever their order in the deploy, then sets the key qualifiers again', async () => {
      await run(payload(state().identity.orgId, {}, ['Marketing_Activation', 'Retail_Core']));
      expect(warnings).to.deep.equal([]);
      const kitsInJobOrder = [...state().jobs.values()]
        .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
        .map((j) => j.kit);
      expect(kitsInJobOrder).to.deep.equal(['Retail_Core', 'Marketing_Activation']);
      for (const kit of ['Retail_Core', 'Marketing_Activation']) {
        expect(
          [...state().deployed.values()].filter((d) => d.kit === kit).every((d) => d.status === 'Active'),
          kit
        ).to.equal(true);
      }
      expect(state().metadata.has('CustomField:Customer__dlm.KQ_Id__c')).to.equal(true);
      expect(existsSync(join(project, '.sfdatakit', 'kq-restore.json'))).to.equal(false);
    });

    it('says why it does not set the key qualifiers when a kit is not live, and keeps the file', async () => {
      state().failures.push({
        dataKitName: 'Retail_Core',
        componentName: 'Orders_S3__dll',
        message: 'Bad mapping',
        phase: 'deploy',
      });
      await run(payload(state().identity.orgId, {}, ['Retail_Core']));
      expect(warnings.find((w) => w.includes('were not set again because a data kit is not live yet'))).to.include(
        'sf datakit clean --restore --target-org'
      );
      expect(state().metadata.has('CustomField:Customer__dlm.KQ_Id__c')).to.equal(false);
      expect(existsSync(join(project, '.sfdatakit', 'kq-restore.json'))).to.equal(true);
    });

    it('refuses a restore file that names other metadata, with a warning, and deploys nothing from it', async () => {
      writeFileSync(
        join(project, '.sfdatakit', 'kq-restore.json'),
        JSON.stringify({ fields: [{ path: 'main/default/classes/Evil.cls', member: 'Evil', content: 'x' }] })
      );
      await run(payload(state().identity.orgId, {}, ['Web_Engagement']));
      expect(warnings.find((w) => w.includes('kq-restore.json was refused'))).to.include('not a KQ_ field');
      expect([...state().metadata]).to.deep.equal([]);
    });
  });

  it('runs once per deploy id, however often it is called', async () => {
    const p = payload(state().identity.orgId);
    await run(p);
    await run(p);
    expect(state().jobs.size).to.equal(1);
  });

  it('turns an unwrap failure into a warning with the command to run, and never throws', async () => {
    state().failures.push({
      dataKitName: 'Retail_Core',
      componentName: 'Orders_S3__dll',
      message: 'Bad mapping',
      phase: 'deploy',
    });
    await run(payload(state().identity.orgId));
    expect(warnings).to.have.length(1);
    expect(warnings[0])
      .to.include('unwrapping data kit Retail_Core failed')
      .and.include('Bad mapping')
      .and.include(`sf datakit unwrap --name Retail_Core --target-org ${org.username()}`);
  });

  it('warns instead of failing when it cannot find the org', async () => {
    await run(payload('00DXX0000000999AAA'), []);
    expect(warnings[0]).to.include('no sf login found for org 00DXX0000000999AAA');
  });

  for (const off of ['0', 'no', 'OFF']) {
    it(`SF_DATAKIT_AUTO_UNWRAP=${off} turns it off too`, async () => {
      process.env.SF_DATAKIT_AUTO_UNWRAP = off;
      try {
        await run(payload(state().identity.orgId));
      } finally {
        delete process.env.SF_DATAKIT_AUTO_UNWRAP;
      }
      expect(state().requests).to.deep.equal([]);
      expect(stderr.join('')).to.include('automatic unwrap is off');
    });
  }

  it('an SF_DATAKIT_AUTO_UNWRAP it cannot read unwraps nothing and says so in a warning', async () => {
    process.env.SF_DATAKIT_AUTO_UNWRAP = 'maybe';
    try {
      await run(payload(state().identity.orgId));
    } finally {
      delete process.env.SF_DATAKIT_AUTO_UNWRAP;
    }
    expect(state().requests).to.deep.equal([]);
    expect(warnings[0]).to.include('SF_DATAKIT_AUTO_UNWRAP is "maybe"').and.include('was not unwrapped');
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

  describe('SF_DATAKIT_VERIFY: verify each kit once it is live', () => {
    afterEach(() => delete process.env.SF_DATAKIT_VERIFY);
    const verifyRequests = () => state().requests.filter((r) => r.path.includes('/ssot/data-streams/'));

    it('off by default: nothing is verified', async () => {
      await run(payload(state().identity.orgId));
      expect(verifyRequests()).to.deep.equal([]);
    });

    it('on: the table on stderr, and a warning naming what is open (the deploy still succeeds)', async () => {
      // the S3 bundle came with the deploy: its connection arrives without credentials, its stream never ran
      state().catalog.find((c) => c.name === 'S3_Orders_Bundle')!.arrived = true;
      process.env.SF_DATAKIT_VERIFY = 'true';
      await run(payload(state().identity.orgId));
      const out = stderr.join('');
      expect(out).to.include('What kit Retail_Core does in').and.include('S3_Orders_Bundle');
      expect(warnings, warnings.join('\n')).to.have.length(1);
      expect(warnings[0], out)
        .to.match(/Data kit Retail_Core is live but does not work yet: [1-9] item\(s\) open/)
        .and.include(`sf datakit verify --name Retail_Core --target-org ${org.username()}`);
    });

    it('a value it cannot read leaves it off, with a warning; the unwrap still runs', async () => {
      process.env.SF_DATAKIT_VERIFY = 'perhaps';
      await run(payload(state().identity.orgId));
      expect(warnings[0]).to.include('SF_DATAKIT_VERIFY=perhaps is not true or false');
      expect(verifyRequests()).to.deep.equal([]);
      expect(stderr.join('')).to.include('Unwrapped data kit Retail_Core');
    });
  });
});
