import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { SfError } from '@salesforce/core';
import { defaultOrg } from '@sfdatakit/org-emulator';
import type { SeedFile } from '@sfdatakit/org-emulator';
import { useEmulator } from '@sfdatakit/org-emulator/testing';
import DatakitDeploy from '../../../src/commands/datakit/deploy.js';
import DatakitDeployReport from '../../../src/commands/datakit/deploy/report.js';
import DatakitDeployResume from '../../../src/commands/datakit/deploy/resume.js';
import DatakitStatus from '../../../src/commands/datakit/status.js';
import DatakitUndeploy from '../../../src/commands/datakit/undeploy.js';
import { pretendTerminal, printed, useEmulatorOrg } from '../../support/org.js';

/** The default org plus Big_Kit: a data stream bundle and 49 DLOs that need it. */
const bigOrg: SeedFile = {
  ...defaultOrg,
  catalog: [
    ...(defaultOrg.catalog ?? []),
    ...Array.from({ length: 49 }, (_, i) => ({
      type: 'DataLakeObject',
      name: `Big_${i + 1}__dll`,
      label: `Big ${i + 1}`,
    })),
  ],
  dependencies: {
    ...defaultOrg.dependencies,
    ...Object.fromEntries(
      Array.from({ length: 49 }, (_, i) => [
        `DataLakeObject:Big_${i + 1}__dll`,
        [{ type: 'DataStreamBundle', name: 'Mobile_App_Bundle' }],
      ])
    ),
  },
  kits: [
    ...(defaultOrg.kits ?? []),
    {
      devName: 'Big_Kit',
      label: 'Big Kit',
      dataKitType: 'None',
      dataSpaceName: 'default',
      components: [
        {
          type: 'DataStreamBundle',
          info: {
            name: 'Mobile_App_Bundle',
            label: 'Mobile',
            connectorType: 'STREAMINGAPP',
            streams: [{ devName: 'Mobile_Engagement', label: 'Mobile Engagement' }],
          },
        },
        ...Array.from({ length: 49 }, (_, i) => ({
          type: 'DataLakeObject',
          info: { name: `Big_${i + 1}__dll`, label: `Big ${i + 1}` },
        })),
      ],
    },
  ],
};

describe('datakit deploy / report / resume / status / undeploy', () => {
  const emulator = useEmulator(bigOrg, { msPerStep: 5 });
  const org = useEmulatorOrg(emulator);
  const state = () => emulator.current.state;
  /** the Connect deploy or undeploy request (the snapshot's Metadata API calls are POSTs too) */
  const connectCall = () => state().requests.find((r) => r.method === 'POST' && r.path.includes('/ssot/'));
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'deploy-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('deploys a 50-component kit to the end: exit 0, every component ACTIVE, requests linear in components', async () => {
    const result = await DatakitDeploy.run(['-o', org.username(), '-n', 'Big_Kit', '--json']);
    expect(process.exitCode).to.equal(0);
    expect(result.job?.outcome).to.equal('Succeeded');
    expect(result.job?.components).to.have.length(50);
    expect(result.job?.components.every((c) => c.state === 'Succeeded')).to.equal(true);
    const deploy = connectCall();
    expect(deploy?.query).to.include('asyncMode=true');
    expect((deploy?.body as { components: unknown[] }).components).to.have.length(50);
    // the snapshot for a rollback: the manifest and one Metadata API retrieve (start and status)
    const snapshot = state().requests.filter((r) => r.path.endsWith('/manifest') || r.path.includes('/Soap/'));
    expect(snapshot.map((r) => r.operation ?? 'manifest')).to.deep.equal([
      'manifest',
      'retrieve',
      'checkRetrieveStatus',
    ]);
    // then 1 kit read by name (no resource in this profile: 404) + 1 list + 1 deploy + 2 probes of the job resource
    // (none here) + 2 per poll + 1 status read proving the kit is still there: the log settled every component
    const polls = state().requests.filter((r) => r.path.endsWith('/query')).length / 2;
    expect(state().requests).to.have.length(snapshot.length + 3 + 2 + 2 * polls + 1);
  });

  it('sends each type its deploy config: the CRM bundle gets the 15-character org id', async () => {
    await DatakitDeploy.run(['-o', org.username(), '-n', 'Retail_Core', '--json']);
    const body = connectCall()?.body as {
      components: Array<{ type: string; config: Record<string, unknown> }>;
    };
    const crm = body.components.find((c) => c.config.bundleName === 'Salesforce_CRM_Bundle');
    expect(crm?.config).to.deep.include({
      connectorType: 'CRM',
      bundleConfig: { orgId: state().identity.orgId.slice(0, 15) },
    });
    expect(body.components.map((c) => c.type)).not.to.include('DataModelObject');
  });

  it('applies --config-file overrides', async () => {
    const file = join(dir, 'config.json');
    (await import('node:fs')).writeFileSync(
      file,
      JSON.stringify({ S3_Orders_Bundle: { bundleConfig: { connectionName: 'Prod_S3' } } })
    );
    await DatakitDeploy.run(['-o', org.username(), '-n', 'Retail_Core', '--config-file', file, '--async', '--json']);
    const body = connectCall()?.body as {
      components: Array<{ config: Record<string, unknown> }>;
    };
    expect(body.components.find((c) => c.config.bundleName === 'S3_Orders_Bundle')?.config.bundleConfig).to.deep.equal({
      connectionName: 'Prod_S3',
    });
  });

  it('a failure after some successes ends 68 and names the failed component with the log error', async () => {
    state().failures.push({
      dataKitName: 'Retail_Core',
      componentName: 'Orders_Cleanup',
      message: 'Transform source Orders_S3__dll has no rows',
      phase: 'deploy',
    });
    const result = await DatakitDeploy.run(['-o', org.username(), '-n', 'Retail_Core']);
    expect(process.exitCode).to.equal(68);
    expect(result.job?.outcome).to.equal('SucceededPartial');
    const failed = result.job?.components.filter((c) => c.state === 'Failed');
    expect(failed).to.deep.equal([
      {
        type: 'DataTransform',
        name: 'Orders_Cleanup',
        state: 'Failed',
        error: 'Transform source Orders_S3__dll has no rows',
      },
    ]);
    expect(result.job?.components.at(-1)?.state).to.equal('NotStarted');
    const out = printed(org.ux());
    expect(out).to.include('DataTransform:Orders_Cleanup failed: Transform source Orders_S3__dll has no rows');
    expect(out).to.include('sf datakit undeploy --name Retail_Core');
  });

  it('a failure of the first component ends 1', async () => {
    state().failures.push({
      dataKitName: 'Retail_Core',
      componentName: 'Salesforce_CRM_Bundle',
      message: 'No CRM Connection exists',
      phase: 'deploy',
    });
    const result = await DatakitDeploy.run(['-o', org.username(), '-n', 'Retail_Core', '--json']);
    expect(process.exitCode).to.equal(1);
    expect(result.job?.outcome).to.equal('Failed');
  });

  it('a user without Metadata API permission still deploys; the record says no snapshot was taken, and why', async () => {
    state().faults.noMetadataApi = true;
    const result = await DatakitDeploy.run(['-o', org.username(), '-n', 'Retail_Core', '--json']);
    expect(process.exitCode ?? 0).to.equal(0);
    expect(result.job?.outcome).to.equal('Succeeded');
    expect(printed(org.ux())).to.match(/No snapshot of the kit was taken \(.*ModifyMetadata permissions/);
    const record = JSON.parse(readFileSync(result.releaseFile!, 'utf8')) as { snapshot?: string; outcome: string };
    expect(record).to.include({ outcome: 'Succeeded' });
    expect(record.snapshot).to.equal(undefined);
  });

  it('--wait 0 ends 69 with the resume command; resume by job id alone, without the cache, finishes it', async () => {
    state().options.msPerStep = 60_000; // the job cannot finish while the command reads it once
    const started = await DatakitDeploy.run(['-o', org.username(), '-n', 'Retail_Core', '--wait', '0']);
    expect(process.exitCode).to.equal(69);
    expect(started.job?.outcome).to.equal('InProgress');
    expect(started.job?.stoppedWatching).to.equal('timeout');
    expect(printed(org.ux())).to.include(`sf datakit deploy resume --job-id ${started.jobId}`);
    process.exitCode = undefined;
    state().options.msPerStep = 5;
    // no cache: a fresh CI job only has the id
    org.$$.setConfigStubContents('JobCache', { contents: {} });
    const resumed = await DatakitDeployResume.run(['-o', org.username(), '--job-id', started.jobId!, '--json']);
    expect(process.exitCode).to.equal(0);
    expect(resumed.outcome).to.equal('Succeeded');
    expect(resumed.kit).to.equal('Retail_Core');
    expect(resumed.components.map((c) => c.name)).to.include('Customer_Lifetime_Value__cio');
  });

  it('report describes a running job and exits 0; --use-most-recent finds it in the cache', async () => {
    state().options.msPerStep = 60_000;
    const started = await DatakitDeploy.run(['-o', org.username(), '-n', 'Big_Kit', '--async', '--json']);
    expect(process.exitCode ?? 0).to.equal(0);
    const report = await DatakitDeployReport.run(['--use-most-recent', '--json']);
    expect(report.jobId).to.equal(started.jobId);
    expect(report.outcome).to.equal('InProgress');
    expect(process.exitCode).to.equal(undefined);
  });

  it('writes JUnit with one test case per component and the failure text', async () => {
    state().failures.push({
      dataKitName: 'Retail_Core',
      componentName: 'Orders_S3__dll',
      message: 'Expected source to have field <Id>',
      phase: 'deploy',
    });
    const result = await DatakitDeploy.run([
      '-o',
      org.username(),
      '-n',
      'Retail_Core',
      '--junit',
      '--results-dir',
      dir,
      '--json',
    ]);
    const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
    expect(result.job?.junitFile).to.equal(join(dir, 'junit.xml'));
    expect(xml.match(/<testcase /g)).to.have.length(8);
    expect(xml, xml).to.include(
      'name="DataLakeObject:Orders_S3__dll">\n      <failure message="Expected source to have field &lt;Id&gt;"'
    );
    expect(xml).to.include('tests="8" failures="1" skipped="3"');
  });

  it('--dry-run changes nothing and exits 1 when a dependency is missing', async () => {
    const result = await DatakitDeploy.run(['-o', org.username(), '-n', 'Marketing_Activation', '--dry-run', '--json']);
    expect(process.exitCode).to.equal(1);
    expect(result.validation?.valid).to.equal(false);
    expect(result.validation?.problems.find((p) => p.severity === 'error')?.message)
      .to.include('Customer_Lifetime_Value__cio')
      .and.include('Deploy kit Retail_Core first');
    expect(state().jobs.size).to.equal(0);
    expect(state().requests.some((r) => r.method !== 'GET')).to.equal(false);
  });

  it('--dry-run passes once the dependency is deployed by another kit', async () => {
    await DatakitDeploy.run(['-o', org.username(), '-n', 'Retail_Core', '--json']);
    process.exitCode = undefined;
    const result = await DatakitDeploy.run(['-o', org.username(), '-n', 'Marketing_Activation', '--dry-run', '--json']);
    expect(result.validation?.valid).to.equal(true);
    expect(process.exitCode).to.equal(0);
  });

  it('--dry-run flags an order that deploys a component before what it needs', async () => {
    const kit = state().kits.get('Retail_Core')!;
    kit.components = [...kit.components.slice(2), ...kit.components.slice(0, 2)]; // bundles last
    const result = await DatakitDeploy.run(['-o', org.username(), '-n', 'Retail_Core', '--dry-run', '--json']);
    expect(
      result.validation?.problems.some((p) =>
        p.message.includes('is deployed before DataStreamBundle:Salesforce_CRM_Bundle')
      )
    ).to.equal(true);
  });

  it('an unknown kit fails before deploying anything', async () => {
    const err = await DatakitDeploy.run(['-o', org.username(), '-n', 'Retail_Kore', '--json']).catch((e: SfError) => e);
    expect((err as SfError).message).to.include('Did you mean: Retail_Core');
    expect(state().jobs.size).to.equal(0);
  });

  it('a second deploy while one runs gets a clear conflict error', async () => {
    state().options.msPerStep = 200; // the first job still runs while the second takes its snapshot
    await DatakitDeploy.run(['-o', org.username(), '-n', 'Big_Kit', '--async', '--json']);
    const err = await DatakitDeploy.run(['-o', org.username(), '-n', 'Big_Kit', '--json']).catch((e: SfError) => e);
    expect((err as SfError).data).to.include({ status: 409 });
    expect((err as SfError).actions?.join(' ')).to.include('sf datakit deploy report');
  });

  it('status shows every component at a glance', async () => {
    const result = await DatakitStatus.run(['-o', org.username(), '-n', 'Web_Engagement']);
    expect(result.components.map((c) => `${c.name}=${c.status}`)).to.deep.equal([
      'Web_Events_Bundle=ACTIVE',
      'Web_Events__dll=ACTIVE',
      'Web_Engagement__dlm=NOT_DEPLOYED',
    ]);
    expect(result.counts).to.deep.equal({ ACTIVE: 2, NOT_DEPLOYED: 1 });
  });

  it('undeploy removes deployed components in reverse dependency order and skips the rest', async () => {
    await DatakitDeploy.run(['-o', org.username(), '-n', 'Retail_Core', '--json']);
    const result = await DatakitUndeploy.run(['-o', org.username(), '-n', 'Retail_Core', '--no-prompt', '--json']);
    expect(process.exitCode).to.equal(0);
    const order = result.plan.order.map((c) => c.name);
    const before = (a: string, b: string) => expect(order.indexOf(a), `${a} before ${b}`).to.be.below(order.indexOf(b));
    before('Customer_Lifetime_Value__cio', 'Orders_Clean__dll');
    before('Orders_Clean__dll', 'Orders_Cleanup');
    before('Orders_Cleanup', 'Orders_S3__dll');
    before('Orders_S3__dll', 'S3_Orders_Bundle');
    before('Account_Home__dll', 'Salesforce_CRM_Bundle');
    const sent = state().requests.find((r) => r.path.endsWith('/undeploy'))?.body as {
      components: Array<{ name: string }>;
    };
    expect(sent.components.map((c) => c.name)).to.deep.equal(order);
    expect([...state().deployed.values()].filter((d) => d.kit === 'Retail_Core')).to.deep.equal([]);
    expect(result.plan.skipped.map((s) => s.name)).to.deep.equal(['Customer__dlm', 'Sales_Order__dlm']);
  });

  it('undeploy of chosen components orders them too, and says when nothing is deployed', async () => {
    const nothing = await DatakitUndeploy.run(['-o', org.username(), '-n', 'Retail_Core', '--no-prompt', '--json']);
    expect(nothing.plan.order).to.deep.equal([]);
    expect(nothing.jobId).to.equal(undefined);
    const some = await DatakitUndeploy.run([
      '-o',
      org.username(),
      '-n',
      'Web_Engagement',
      '-c',
      'DataStreamBundle:Web_Events_Bundle',
      '-c',
      'DLO:Web_Events__dll',
      '--no-prompt',
      '--json',
    ]);
    expect(some.plan.order.map((c) => c.name)).to.deep.equal(['Web_Events__dll', 'Web_Events_Bundle']);
    expect(some.job?.outcome).to.equal('Succeeded');
  });

  it('undeploy asks first, and does nothing on no', async () => {
    pretendTerminal();
    const { SfCommand } = await import('@salesforce/sf-plugins-core');
    org.$$.SANDBOX.stub(SfCommand.prototype, 'confirm').resolves(false);
    const result = await DatakitUndeploy.run(['-o', org.username(), '-n', 'Web_Engagement']);
    expect(result.cancelled).to.equal(true);
    expect(state().requests.some((r) => r.path.endsWith('/undeploy'))).to.equal(false);
  });
});
