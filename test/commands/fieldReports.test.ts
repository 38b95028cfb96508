/*
 * Real orgs as their operators report them (issue 23, F1-F9): each "done means" item against the emulator
 * profile that models the report (emulator/README.md, docs/api-notes.md §11).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { emptyOrg, useEmulator } from '@sfdatakit/org-emulator/testing';
import DatakitCompare from '../../src/commands/datakit/compare.js';
import DatakitComponentAdd from '../../src/commands/datakit/component/add.js';
import DatakitComponentList from '../../src/commands/datakit/component/list.js';
import DatakitComponentRemove from '../../src/commands/datakit/component/remove.js';
import DatakitDeploy from '../../src/commands/datakit/deploy.js';
import DatakitList from '../../src/commands/datakit/list.js';
import DatakitPromote from '../../src/commands/datakit/promote.js';
import DatakitRetrieve from '../../src/commands/datakit/retrieve.js';
import DatakitStatus from '../../src/commands/datakit/status.js';
import { planDeploy } from '../../src/deploy/plan.js';
import { watchJob } from '../../src/deploy/watcher.js';
import { walkFiles } from '../../src/source/kitSource.js';
import { kitByName } from '../../src/kits/kits.js';
import { startUnwrap } from '../../src/unwrap/unwrap.js';
import { gatedWriter, printed, useEmulatorOrg, useEmulatorOrgs } from '../support/org.js';

describe('field reports: real orgs as their operators report them', function () {
  this.timeout(60_000);
  const emulator = useEmulator(undefined, { msPerStep: 5 });
  const org = useEmulatorOrg(emulator);
  const state = () => emulator.current.state;
  const requests = (part: string) => state().requests.filter((r) => r.path.includes(part));
  beforeEach(() => {
    // the rollback snapshot is not the subject here (governance.test.ts): refused at once
    state().faults.noMetadataApi = true;
    process.env.SF_DATAKIT_SETTLE_RETRY_MS = '20';
  });
  afterEach(() => delete process.env.SF_DATAKIT_SETTLE_RETRY_MS);

  it('F1: list survives the 500 and says so; a kit is read on its own by name', async () => {
    state().applyProfile('list-needs-namespace');
    const listed = await DatakitList.run(['-o', org.username(), '--json']);
    expect(listed.kits.map((k) => k.name)).to.deep.equal(['Marketing_Activation', 'Retail_Core', 'Web_Engagement']);
    expect(requests('/ssot/data-kits').map((r) => `${r.status}${r.query}`)).to.deep.equal(['500', '200?namespace=']);
    expect(printed(org.ux())).to.include('INTERNAL_SERVER_ERROR').and.include('empty namespace');
    state().requests = [];
    await DatakitStatus.run(['-o', org.username(), '-n', 'Retail_Core', '--json']);
    expect(requests('/ssot/data-kits').filter((r) => !r.path.includes('/components/'))).to.have.length(1);
    const missing = await DatakitStatus.run(['-o', org.username(), '-n', 'Retail_Cor']).catch((e: Error) => e);
    expect((missing as Error).message)
      .to.include('Retail_Cor')
      .and.include('Retail_Core');
  });

  it('F2: a kit with DLO shells deploys with the working body, round-trips add/remove, reports each DLO by its kit name', async () => {
    state().applyProfile('dlo-shells');
    const listed = await DatakitComponentList.run(['-o', org.username(), '-n', 'Retail_Core', '--json']);
    expect(
      listed.components.filter((c) => c.type === 'DataLakeObject').map((c) => `${c.name}|${c.apiName}`)
    ).to.include('Orders_S31|Orders_S3__dll');
    expect(listed.components.map((c) => c.type)).not.to.include('Unknown');
    expect(printed(org.ux())).to.include('Orders_S31 (Orders_S3__dll)');

    const result = await DatakitDeploy.run(['-o', org.username(), '-n', 'Retail_Core', '--json']);
    expect(result.job?.outcome).to.equal('Succeeded');
    const body = requests('/ssot/data-kits/Retail_Core').find((r) => r.method === 'POST')?.body as {
      components: Array<{ type: string; config: Record<string, string> }>;
    };
    const dlo = body.components.find((c) => c.config.dataSourceObjectDevName === 'Orders_S3__dll');
    expect(dlo?.config.apiName).to.equal('Orders_S3__dll');
    expect(body.components.map((c) => c.type)).not.to.include('Unknown');
    // each DLO's status asked by its kit component name, log rows matched through their suffixes
    expect(requests('/components/Orders_S3__dll/deployment-status')).to.have.length(0);
    expect(result.job?.components.filter((c) => c.type === 'DataLakeObject').map((c) => c.name)).to.include(
      'Orders_S31'
    );
    expect(result.job?.components).to.have.length(8);
    expect(printed(org.ux()), 'the job table names a DLO both ways').to.include('Orders_S31 (Orders_S3__dll)');
    await DatakitComponentRemove.run(['-o', org.username(), '-n', 'Retail_Core', '-c', 'DLO:Orders_S3__dll']);
    const kit = () =>
      state()
        .kits.get('Retail_Core')!
        .components.map((c) => c.info.name);
    expect(kit()).not.to.include('Orders_S3__dll');
    expect(kit()).to.include('Account_Home__dll');
    await DatakitComponentAdd.run(['-o', org.username(), '-n', 'Retail_Core', '-c', 'DLO:Orders_S3__dll']);
    expect(kit()).to.include('Orders_S3__dll');
  });

  it('F2: an unwrap redeploys a changed DLO named by its API name (content and compare name it so)', async () => {
    state().applyProfile('dlo-shells');
    await DatakitDeploy.run(['-o', org.username(), '-n', 'Web_Engagement', '--json']);
    const client = await gatedWriter(org.username());
    const kit = (await kitByName(client, 'Web_Engagement'))!;
    const start = await startUnwrap(client, kit, {
      orgId: state().identity.orgId,
      redeploy: new Set(['DataLakeObject:Web_Events__dll']),
    });
    expect(start.started).to.equal(true);
    expect(start.started && start.expected).to.deep.equal([
      { type: 'DataLakeObject', name: 'Web_Events1', apiName: 'Web_Events__dll' },
    ]);
  });

  it('F3: a DevOps kit deploys with the documented body, or with {} where the org refuses it', async () => {
    await DatakitDeploy.run(['-o', org.username(), '-n', 'Marketing_Activation', '--json']);
    const posts = () => requests('/ssot/data-kits/Marketing_Activation').filter((r) => r.method === 'POST');
    expect(posts().map((r) => r.body)).to.deep.equal([{ developerName: 'Marketing_Activation' }]);
    expect(printed(org.ux())).to.include("developer guide's body");
    state().applyProfile('devops-empty-body');
    state().requests = [];
    const result = await DatakitDeploy.run(['-o', org.username(), '-n', 'Marketing_Activation', '--json']);
    expect(posts().map((r) => `${r.status}:${JSON.stringify(r.body)}`)).to.deep.equal([
      '400:{"developerName":"Marketing_Activation"}',
      '202:{}',
    ]);
    expect(result.job?.jobId).to.match(/^08P/);
    expect(printed(org.ux())).to.include('took the empty body');
  });

  it('F5: a job followed through the job resource, at either path', async () => {
    for (const profile of ['job-resource', 'job-resource-plural']) {
      state().applyProfile(profile);
      state().requests = [];
      const result = await DatakitDeploy.run(['-o', org.username(), '-n', 'Retail_Core', '--json']);
      expect(result.job?.outcome, profile).to.equal('Succeeded');
      const path = profile === 'job-resource' ? '/ssot/datakit-deployment-job/' : '/ssot/data-kits/deployment-jobs/';
      expect(requests(path).filter((r) => r.status === 200).length, profile).to.be.above(0);
      expect(
        state().requests.filter((r) => r.query.includes('BackgroundOperation')),
        profile
      ).to.have.length(0);
    }
  });

  it('F4: a redeploy is not reported done before the org shows the job did something', async () => {
    // no job record at all: deployment-status is the only evidence, and it says ACTIVE from the start
    state().applyProfile('no-deployment-log,no-background-operation,status-active-at-once');
    state().options.msPerStep = 60_000;
    const client = await gatedWriter(org.username());
    const kit = (await client.listKits()).find((k) => k.developerName === 'Web_Engagement')!;
    const plan = planDeploy(kit, { kit: 'Web_Engagement', dataSpace: 'default', orgId: state().identity.orgId });
    const jobId = await client.deploy('Web_Engagement', plan.body!);
    const watched = await watchJob({
      client,
      source: { jobId },
      kind: 'deploy',
      kit: 'Web_Engagement',
      expected: plan.steps.map(({ type, name }) => ({ type, name })),
      known: true,
      timeoutMs: 400,
      pollMs: { initial: 20, max: 20 },
    });
    expect(watched.outcome).to.equal('InProgress');
    expect(watched.stoppedWatching).to.equal('timeout');
  });

  it('F6: a settling lock at the start is retried (said, bounded); a permission error is not', async () => {
    state().applyProfile('settling-after-metadata,job-resource');
    state().kitArrivedAt.set('Retail_Core', state().now());
    const retried = await DatakitDeploy.run(['-o', org.username(), '-n', 'Retail_Core', '--json']);
    expect(retried.job?.outcome).to.equal('Succeeded');
    expect(requests('/ssot/data-kits/Retail_Core').filter((r) => r.method === 'POST')).to.have.length(2);
    expect(printed(org.ux())).to.match(/still settling.*attempt 2 of 3/);

    // a redeploy: the components already active read ACTIVE after the failed job too (F4), the lock still retries
    state().applyProfile('settling-after-metadata,job-resource,status-active-at-once');
    state().kitArrivedAt.set('Retail_Core', state().now());
    state().requests = [];
    const again = await DatakitDeploy.run(['-o', org.username(), '-n', 'Retail_Core', '--json']);
    expect(again.job?.outcome).to.equal('Succeeded');
    expect(requests('/ssot/data-kits/Retail_Core').filter((r) => r.method === 'POST')).to.have.length(2);

    state().requests = [];
    state().deployed.clear();
    state().failures.push({
      dataKitName: 'Retail_Core',
      componentName: 'Salesforce_CRM_Bundle',
      message: 'SFDC_PERMISSION_ERR: no access to field Account.Region__c; objects locked',
      phase: 'deploy',
    });
    const refused = await DatakitDeploy.run(['-o', org.username(), '-n', 'Retail_Core', '--json']);
    expect(refused.job?.outcome).to.equal('Failed');
    expect(requests('/ssot/data-kits/Retail_Core').filter((r) => r.method === 'POST')).to.have.length(1);
  });

  it('F7: the preflight names a DLO that exists linked to a stream, with what to do', async () => {
    state().applyProfile('existing-dlo');
    state().linkedDlos.set('Orders_S3__dll', 'Orders_Legacy_Stream');
    const result = await DatakitDeploy.run(['-o', org.username(), '-n', 'Retail_Core', '--dry-run', '--json']);
    const found = result.validation?.problems.find((p) => p.check === 'existingLakeObject');
    expect(found?.component).to.equal('DataLakeObject:Orders_S3__dll');
    expect(found?.message).to.include('Orders_Legacy_Stream').and.include('Setup');
    expect(process.exitCode).to.equal(1);
  });

  it('F8, F9: compare --source-dir equals the org it came from whatever referenceObjectType and the kit type say', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'field-f9-'));
    const compareWith = (kit: string, sourceDir: string, ...more: string[]) =>
      DatakitCompare.run(['-n', kit, '--source-dir', sourceDir, '-o', org.username(), ...more, '--json']);
    try {
      state().applyProfile('reference-template-type,kit-type-upper');
      state().faults.noMetadataApi = false;
      await DatakitRetrieve.run(['-o', org.username(), '-n', 'Marketing_Activation', '--output-dir', dir]);
      const result = await compareWith('Marketing_Activation', dir);
      expect(result.added).to.deep.equal([]);
      expect(result.removed).to.deep.equal([]);
      expect(result.source.components.map((c) => c.type)).to.include.members(['MarketSegment', 'IdentityResolution']);
      expect(result.equal).to.equal(true);

      // a row whose template file is missing: its type is the org's for that name
      const template = (await walkFiles(dir)).find((f) =>
        f.endsWith('High_Value_Segment.dataKitObjectTemplate-meta.xml')
      );
      await rm(template!);
      const untold = await compareWith('Marketing_Activation', dir, '--no-content');
      expect([untold.added, untold.removed]).to.deep.equal([[], []]);
      expect(untold.source.components.find((c) => c.name === 'High_Value_Segment')?.type).to.equal('MarketSegment');

      // and a kit with DLO shells, on an org with every field report at once
      state().applyProfile('field-reports');
      const retail = join(dir, 'retail');
      await DatakitRetrieve.run(['-o', org.username(), '-n', 'Retail_Core', '--output-dir', retail]);
      const shelled = await compareWith('Retail_Core', retail);
      expect([shelled.added, shelled.removed, shelled.changed]).to.deep.equal([[], [], []]);
      expect(shelled.equal).to.equal(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('field reports: promoting a kit with DLO shells', function () {
  this.timeout(60_000);
  const dev = useEmulator(undefined, { msPerStep: 5, profile: 'dlo-shells' });
  const uat = useEmulator(
    emptyOrg,
    { msPerStep: 5, profile: 'dlo-shells' },
    { orgId: '00DUAT000000001AAA', username: 'admin@uat.emulator' }
  );
  const [devOrg, uatOrg] = useEmulatorOrgs(dev, uat);

  it('the preflight finds the dependencies the org names by API name inside the kit (exit 0)', async () => {
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
    expect(printed(uatOrg.ux())).not.to.include('neither in the kit nor in the target org');
    expect(result).to.have.property('dryRun', true);
    expect(process.exitCode ?? 0).to.equal(0);
  });
});
