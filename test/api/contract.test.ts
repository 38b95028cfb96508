/*
 * The contract test: every field of every answer the client reads (src/api/wire.ts, enumerated here with the
 * TypeScript compiler, not listed by hand) is dropped in turn, and set to null in turn, in the emulator's answers;
 * each watching command that reads that answer must still end with a documented exit code and a message.
 */
import { join } from 'node:path';
import { expect } from 'chai';
import ts from 'typescript';
import type { SfError } from '@salesforce/core';
import { emptyOrg, useEmulator, type EmulatorHandle } from '@sfdatakit/org-emulator/testing';
import DatakitDeploy from '../../src/commands/datakit/deploy.js';
import DatakitDeployResume from '../../src/commands/datakit/deploy/resume.js';
import DatakitPromote from '../../src/commands/datakit/promote.js';
import DatakitUndeploy from '../../src/commands/datakit/undeploy.js';
import DatakitUnwrap from '../../src/commands/datakit/unwrap.js';
import { useEmulatorOrgs, type OrgFixture } from '../support/org.js';

type Runner = (org: string, state: ReturnType<typeof useEmulator>['current']['state']) => Promise<unknown>;

const deploy: Runner = (org) => DatakitDeploy.run(['-o', org, '-n', 'Retail_Core', '--wait', '1', '--json']);
const undeploy: Runner = (org) =>
  DatakitUndeploy.run(['-o', org, '-n', 'Web_Engagement', '--no-prompt', '--wait', '1', '--json']);
const unwrapFlow: Runner = (org) =>
  DatakitUnwrap.run(['-o', org, '-n', 'Retail_Core', '--method', 'flow', '--wait', '1', '--json']);
/** a resume from a machine without the cache: the kit comes from the answers only */
const resume: Runner = async (org, state) => {
  const jobId = [...state.jobs.keys()].at(-1) ?? (await startJob(org));
  return DatakitDeployResume.run(['-o', org, '--job-id', jobId, '--wait', '1', '--json']);
};
async function startJob(org: string): Promise<string> {
  const started = (await DatakitDeploy.run(['-o', org, '-n', 'Retail_Core', '--async', '--json'])) as { jobId: string };
  process.exitCode = undefined;
  return started.jobId;
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

/** Each wire type: the emulator answer it travels in, the path of its root in that answer, and who reads it. */
const READERS: Array<{ type: string; resource: string; root: string; run: Record<string, Runner> }> = [
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

/** Every field path of a type alias in wire.ts: `a`, `a[].b`, `a.b`, following arrays and nested objects. */
const WIRE = join(process.cwd(), 'src', 'api', 'wire.ts');
let program: ts.Program | undefined;

function fieldPaths(typeName: string): string[] {
  program ??= ts.createProgram([WIRE], { strict: true, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(WIRE)!;
  const alias = source.statements.find(
    (s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === typeName
  );
  if (!alias) throw new Error(`${typeName} is not in wire.ts`);
  const objectParts = (t: ts.Type): ts.Type[] =>
    (t.isUnion() ? t.types : [t]).filter((x) => (x.flags & ts.TypeFlags.Object) !== 0 && !checker.isArrayType(x));
  const walk = (type: ts.Type, prefix: string, depth: number): string[] =>
    depth > 4
      ? []
      : objectParts(type).flatMap((part) =>
          checker.getPropertiesOfType(part).flatMap((prop) => {
            const path = `${prefix}${prop.name}`;
            const propType = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(prop, alias));
            const arrays = (propType.isUnion() ? propType.types : [propType]).filter((x) => checker.isArrayType(x));
            const inner = arrays.flatMap((a) =>
              checker.getTypeArguments(a as ts.TypeReference).map((e) => checker.getNonNullableType(e))
            );
            return [
              path,
              ...inner.flatMap((e) => walk(e, `${path}[].`, depth + 1)),
              ...walk(propType, `${path}.`, depth + 1),
            ];
          })
        );
  return [...new Set(walk(checker.getTypeAtLocation(alias), '', 0))];
}

describe('contract: every field of every answer, missing or null', function () {
  this.timeout(120_000);
  const emulator = useEmulator(undefined, { msPerStep: 2 });
  second.emulator = useEmulator(
    emptyOrg,
    { msPerStep: 2 },
    { orgId: '00DTGT000000001AAA', username: 'admin@target.emulator' }
  );
  const [org, target] = useEmulatorOrgs(emulator, second.emulator);
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

  for (const reader of READERS) {
    for (const path of fieldPaths(reader.type)) {
      for (const action of ['drop', 'null'] as const) {
        for (const [name, run] of Object.entries(reader.run)) {
          it(`${reader.resource} ${reader.root}${path} ${action === 'drop' ? 'missing' : 'null'}: ${name} ends with a documented exit code`, async () => {
            const state = emulator.current.state;
            // a failure part-way, so error fields are there to lose too
            state.failures.push({
              dataKitName: 'Retail_Core',
              componentName: 'Orders_Cleanup',
              message: 'Transform source has no rows',
              phase: 'deploy',
            });
            if (name === 'resume') await startJob(org.username());
            org.$$.setConfigStubContents('JobCache', { contents: {} });
            state.mutations = [{ resource: reader.resource, path: `${reader.root}${path}`, action }];
            let code: number;
            try {
              await run(org.username(), state);
              code = Number(process.exitCode ?? 0);
            } catch (e) {
              const err = e as SfError;
              expect(err.message, 'a message').to.be.a('string').and.not.equal('');
              expect(err.name).not.to.equal('TypeError');
              code = err.exitCode ?? 1;
            }
            expect([0, 1, 68, 69], `exit code ${code}`).to.include(code);
          });
        }
      }
    }
  }
});
