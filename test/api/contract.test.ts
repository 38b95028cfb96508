/*
 * The contract test: every field of every answer the client reads (src/api/wire.ts, enumerated here with the
 * TypeScript compiler, not listed by hand) is dropped in turn, and set to null in turn, in the emulator's answers;
 * each watching command that reads that answer must still end with a documented exit code and a message.
 */
import { expect } from 'chai';
import { Org } from '@salesforce/core';
import { emptyOrg, useEmulator, type EmulatorHandle } from '@sfdatakit/org-emulator/testing';
import DatakitDeploy from '../../src/commands/datakit/deploy.js';
import DatakitDeployResume from '../../src/commands/datakit/deploy/resume.js';
import DatakitPromote from '../../src/commands/datakit/promote.js';
import DatakitUndeploy from '../../src/commands/datakit/undeploy.js';
import DatakitUnwrap from '../../src/commands/datakit/unwrap.js';
import { planDeploy } from '../../src/deploy/plan.js';
import { contractTests, fieldPaths, type Reader, type Runner } from '../support/contract.js';
import { gatedWriter, useEmulatorOrgsOncePerFile, type OrgFixture } from '../support/org.js';

/**
 * deploy runs as a user without Metadata API permission: its rollback snapshot (a Metadata API retrieve, whose
 * answers are not the subject here) is refused at once and the deploy goes on; with it, four fifths of each case
 * would be the retrieve
 */
const deploy: Runner = (org, state) => {
  Object.assign(state.faults, { noMetadataApi: true });
  return DatakitDeploy.run(['-o', org, '-n', 'Retail_Core', '--wait', '1', '--json']);
};
const undeploy: Runner = (org) =>
  DatakitUndeploy.run(['-o', org, '-n', 'Web_Engagement', '--no-prompt', '--wait', '1', '--json']);
const unwrapFlow: Runner = (org) =>
  DatakitUnwrap.run(['-o', org, '-n', 'Retail_Core', '--method', 'flow', '--wait', '1', '--json']);
/** a resume from a machine without the cache: the kit comes from the answers only */
const resume: Runner = async (org, state) => {
  const jobId = [...state.jobs.keys()].at(-1) ?? (await startJob(org));
  return DatakitDeployResume.run(['-o', org, '--job-id', jobId, '--wait', '1', '--json']);
};
/** a job started by the client itself, with the body a deploy sends: a resume only needs the org to have one */
async function startJob(username: string): Promise<string> {
  const org = await Org.create({ aliasOrUsername: username });
  const client = await gatedWriter(username);
  const kit = (await client.listKits()).find((k) => k.developerName === 'Retail_Core')!;
  const plan = planDeploy(kit, { kit: kit.developerName, dataSpace: 'default', orgId: org.getOrgId() });
  return client.deploy(kit.developerName, plan.body!);
}

/** promote --dry-run reads the target's connections: the target gets the same mutations as the source */
const second: { emulator?: EmulatorHandle; org?: OrgFixture } = {};
const preflight: Runner = (org, state) => {
  second.emulator!.current.state.mutations = state.mutations;
  return DatakitPromote.run([
    '-n',
    'Retail_Core',
    '--source-org',
    org,
    '-o',
    second.org!.username(),
    '--dry-run',
    '--json',
  ]);
};

const READERS: Reader[] = [
  { type: 'WireKitList', resource: 'list', root: '', run: { deploy, resume } },
  { type: 'WireDeploymentStatus', resource: 'status', root: '', run: { deploy, undeploy } },
  { type: 'WireAsync', resource: 'deploy', root: '', run: { deploy } },
  { type: 'WireAsync', resource: 'undeploy', root: '', run: { undeploy } },
  { type: 'WireQueryResult', resource: 'query:BackgroundOperation', root: '', run: { deploy } },
  { type: 'WireQueryResult', resource: 'query:DataKitDeploymentLog', root: '', run: { deploy } },
  {
    type: 'WireBackgroundOperation',
    resource: 'query:BackgroundOperation',
    root: 'records[].',
    run: { deploy, resume },
  },
  {
    type: 'WireDeploymentLog',
    resource: 'query:DataKitDeploymentLog',
    root: 'records[].',
    run: { deploy, resume, unwrapFlow },
  },
  { type: 'WireFlowResult', resource: 'flow', root: '[].', run: { unwrapFlow } },
  { type: 'WireDependencies', resource: 'dependencies', root: '', run: { undeploy } },
  { type: 'WireConnectionCollection', resource: 'connections', root: '', run: { preflight } },
];

describe('contract: every field of every answer, missing or null', function () {
  this.timeout(120_000);
  const emulator = useEmulator(undefined, { msPerStep: 2 });
  second.emulator = useEmulator(
    emptyOrg,
    { msPerStep: 2 },
    { orgId: '00DTGT000000001AAA', username: 'admin@target.emulator' }
  );
  const [org, target] = useEmulatorOrgsOncePerFile(emulator, second.emulator);
  second.org = target;

  it('finds the fields in the types (the enumeration itself works)', () => {
    expect(fieldPaths('WireDeploymentLog')).to.include.members([
      'ComponentName',
      'ComponentType',
      'DeploymentError',
      'JobIdentifier',
    ]);
    expect(fieldPaths('WireKitList')).to.include.members([
      'dataKitDetails',
      'dataKitDetails[].components[].componentType',
      'dataKitDetails[].publishingSequence[].developerName',
    ]);
    expect(fieldPaths('WireFlowResult')).to.include.members(['outputValues.Flow__InterviewGuid', 'errors[].message']);
  });

  contractTests(READERS, emulator, org, async (name) => {
    if (name === 'resume') await startJob(org.username());
  });
});
