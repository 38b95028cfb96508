/*
 * Issue 25: the safety features turned against the user. Each attack as it was reproduced, its files kept in
 * test/fixtures/attacks; each checked in the org's own request log and state, not in the plugin's output.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import type { SinonStub } from 'sinon';
import { SfProject, type SfError } from '@salesforce/core';
import type { EmulatorHandle } from '@sfdatakit/org-emulator/testing';
import { call, emptyOrg, useEmulator } from '@sfdatakit/org-emulator/testing';
import DatakitClean from '../../../src/commands/datakit/clean.js';
import DatakitCreate from '../../../src/commands/datakit/create.js';
import DatakitCompare from '../../../src/commands/datakit/compare.js';
import DatakitComponentList from '../../../src/commands/datakit/component/list.js';
import DatakitDeploy from '../../../src/commands/datakit/deploy.js';
import DatakitHistory from '../../../src/commands/datakit/history.js';
import DatakitPromote from '../../../src/commands/datakit/promote.js';
import DatakitRollback from '../../../src/commands/datakit/rollback.js';
import DatakitUnwrap from '../../../src/commands/datakit/unwrap.js';
import DatakitVerify from '../../../src/commands/datakit/verify.js';
import { answered } from '../../../src/cli/baseCommand.js';
import { repositoryRoot } from '../../../src/releases/git.js';
import { projectRoot, readReleases } from '../../../src/releases/records.js';
import type { ReleaseRecord } from '../../../src/releases/records.js';
import { printed, useEmulatorOrgs } from '../../support/org.js';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'attacks');
const project = (): string => SfProject.resolveProjectPathSync();
const releasesOf = (kit: string): string => join(project(), '.sfdatakit', 'releases', kit);
const records = (kit = 'Retail_Core'): ReleaseRecord[] =>
  readdirSync(releasesOf(kit))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(releasesOf(kit), f), 'utf8')) as ReleaseRecord);
/** Requests that change an org (reads, credential tests and Metadata API retrieves left out). */
const changes = (e: EmulatorHandle): string[] =>
  e.current.state.requests
    .filter((r) => r.method !== 'GET' && !['retrieve', 'checkRetrieveStatus'].includes(r.operation ?? ''))
    .filter((r) => !r.path.endsWith('/actions/test'))
    .map((r) => `${r.method} ${r.path}`);

describe('attacks on the safety features (issue 25)', function () {
  this.timeout(120_000);
  const fast = { msPerStep: 5 };
  const dev = useEmulator(undefined, fast);
  const uat = useEmulator(emptyOrg, fast, { orgId: '00DUAT000000001AAA', username: 'admin@uat.emulator' });
  const [devOrg, uatOrg] = useEmulatorOrgs(dev, uat);
  const promote = () =>
    DatakitPromote.run(['-n', 'Retail_Core', '--source-org', devOrg.username(), '-o', uatOrg.username()]);

  it('a rollback snapshot holding anything but the kit is refused, file and member named, before any request', async () => {
    const components = dev.current.state.kits.get('Retail_Core')!.components;
    const lastOne = components.pop()!;
    await promote();
    components.push(lastOne);
    await promote();
    const snapshot = join(project(), ...records().at(-1)!.snapshot!.split('/'), 'main', 'default');
    const planted: Array<[string, string]> = [
      ['objects/Account/fields/Evil__c.field-meta.xml', 'CustomField:Account.Evil__c'],
      ['objects/Evil__c/Evil__c.object-meta.xml', 'CustomObject:Evil__c'],
      [
        'dataPackageKitDefinitions/Web_Engagement.dataPackageKitDefinition-meta.xml',
        'DataPackageKitDefinition:Web_Engagement',
      ],
      ['DataPackageKitObjects/Web_Engagement_1.DataPackageKitObject-meta.xml', 'DataPackageKitObject:Web_Engagement_1'],
      ['DataPackageKitObjects/Retail_Core_999.DataPackageKitObject-meta.xml', 'DataModelObject:Account'],
    ];
    const kitBefore = JSON.stringify(uat.current.state.kits.get('Retail_Core'));
    for (const [file, member] of planted) {
      const target = join(snapshot, file);
      mkdirSync(dirname(target), { recursive: true });
      cpSync(join(FIXTURES, 'snapshot', file), target);
      uat.current.state.requests = [];
      const refused = await DatakitRollback.run(['-o', uatOrg.username(), '-n', 'Retail_Core', '--json']).catch(
        (e: SfError) => e
      );
      expect((refused as SfError).name, file).to.equal('SnapshotForeignError');
      expect((refused as SfError).message, file).to.include(member);
      expect(changes(uat), file).to.deep.equal([]);
      rmSync(target);
    }
    expect(JSON.stringify(uat.current.state.kits.get('Retail_Core'))).to.equal(kitBefore);
    expect(uat.current.state.metadata.has('CustomField:Account.Evil__c')).to.equal(false);
  });

  it('text from a record is printed with its control characters escaped', async () => {
    await promote();
    const [record] = records();
    const file = readdirSync(releasesOf('Retail_Core')).find((f) => f.endsWith('.json'))!;
    writeFileSync(
      join(releasesOf('Retail_Core'), file),
      JSON.stringify({
        ...record,
        reason: 'fix\u001b[2J\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007\u202eok',
      })
    );
    await DatakitHistory.run(['-o', uatOrg.username(), '-n', 'Retail_Core']);
    const out = printed(uatOrg.ux());
    // eslint-disable-next-line no-control-regex
    expect(out).not.to.match(/[\u001b\u0007\u202e]/);
    expect(out).to.include('\\x1b[2J').and.include('\\u202e');
  });

  describe('the gate has no way around it', () => {
    const environments = (list: Array<Record<string, unknown>>): void => {
      mkdirSync(join(project(), '.sfdatakit'), { recursive: true });
      writeFileSync(join(project(), '.sfdatakit', 'environments.json'), JSON.stringify({ environments: list }));
    };
    const protectUat = (extra: Record<string, unknown> = {}): void =>
      environments([{ alias: 'uat', role: 'production', protected: true, username: uatOrg.username(), ...extra }]);
    const refusedWithoutReason = async (run: () => Promise<unknown>, what: string): Promise<void> => {
      uat.current.state.requests = [];
      const e = (await run().catch((err: SfError) => err)) as SfError;
      expect(e.name, what).to.be.oneOf(['ProtectedNeedsReason', 'ProtectedNeedsTerminal']);
      expect(e.exitCode, what).to.equal(2);
      expect(changes(uat), what).to.deep.equal([]);
    };

    it('create, unwrap, clean --restore and verify --activate ask the gate like deploy does', async () => {
      await promote();
      protectUat();
      const o = uatOrg.username();
      await refusedWithoutReason(
        () => DatakitCreate.run(['-o', o, '-n', 'New_Kit', '-l', 'New', '--no-prompt']),
        'create'
      );
      await refusedWithoutReason(() => DatakitUnwrap.run(['-o', o, '-n', 'Retail_Core', '--json']), 'unwrap');
      const restoreFile = join(project(), 'restore.json');
      writeFileSync(
        restoreFile,
        JSON.stringify({
          createdAt: new Date().toISOString(),
          sourceDir: 'force-app',
          fields: [
            {
              member: 'Customer__dlm.KQ_Id__c',
              path: 'force-app/main/default/objects/Customer__dlm/fields/KQ_Id__c.field-meta.xml',
              content:
                '<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n    <fullName>KQ_Id__c</fullName>\n    <label>KQ Id</label>\n    <length>255</length>\n    <type>Text</type>\n</CustomField>\n',
            },
          ],
        })
      );
      await refusedWithoutReason(
        () => DatakitClean.run(['--restore', '--restore-file', restoreFile, '-o', o, '--no-prompt']),
        'clean --restore'
      );
      await refusedWithoutReason(
        () => DatakitVerify.run(['-o', o, '-n', 'Retail_Core', '--activate', '--no-prompt']),
        'verify --activate'
      );
      // with a reason each goes ahead, and leaves a record
      const before = records().length;
      await DatakitVerify.run([
        '-o',
        o,
        '-n',
        'Retail_Core',
        '--activate',
        '--no-prompt',
        '--reason',
        'CHG-7',
        '--json',
      ]);
      expect(records().length).to.equal(before + 1);
      expect(records().at(-1)).to.include({ command: 'verify', reason: 'CHG-7' });
    });

    it('create reads environments.json like every change: a malformed file stops it before any request', async () => {
      mkdirSync(join(project(), '.sfdatakit'), { recursive: true });
      writeFileSync(
        join(project(), '.sfdatakit', 'environments.json'),
        '{"environments": [{"alias": "prod", "protected": "yes"}]}'
      );
      uat.current.state.requests = [];
      const e = (await DatakitCreate.run(['-o', uatOrg.username(), '-n', 'New_Kit', '-l', 'New']).catch(
        (err: SfError) => err
      )) as SfError;
      expect(e.name).to.equal('EnvironmentsRefused');
      expect(uat.current.state.requests).to.deep.equal([]);
    });

    it('the strictest entry that names the org wins, usernames match in any case, unknown keys and invisible reasons are refused', async () => {
      const o = uatOrg.username();
      // CI logs in to production as "dev": the entry pinned by its org id still protects it
      environments([
        { alias: 'dev', username: o },
        { alias: 'prod', protected: true, orgId: '00DUAT000000001AAA' },
      ]);
      await refusedWithoutReason(() => DatakitDeploy.run(['-o', o, '-n', 'Retail_Core', '--no-prompt']), 'orgId');
      environments([{ alias: 'prod', protected: true, username: o.toUpperCase() }]);
      await refusedWithoutReason(() => DatakitDeploy.run(['-o', o, '-n', 'Retail_Core', '--no-prompt']), 'case');

      environments([{ alias: 'prod', protect: true, username: o }]);
      const typo = (await DatakitDeploy.run(['-o', o, '-n', 'Retail_Core', '--no-prompt']).catch(
        (e: SfError) => e
      )) as SfError;
      expect(typo.name).to.equal('EnvironmentsRefused');
      expect(typo.message).to.include('unknown key "protect"');

      protectUat();
      for (const reason of ['\u200b', ' \u200b\u2060 ', '\u202e']) {
        uat.current.state.requests = [];
        const e = (await DatakitDeploy.run(['-o', o, '-n', 'Retail_Core', '--no-prompt', '--reason', reason]).catch(
          (err: SfError) => err
        )) as SfError;
        expect(e.name, JSON.stringify(reason)).to.equal('InvisibleReason');
        expect(e.exitCode).to.equal(2);
        expect(changes(uat)).to.deep.equal([]);
      }
    });

    it('run from a subfolder of a Git repository without sfdx-project.json, the environments file is still found', () => {
      const repo = mkdtempSync(join(tmpdir(), 'datakit-repo-'));
      try {
        mkdirSync(join(repo, '.git'));
        mkdirSync(join(repo, 'pipelines', 'deploy'), { recursive: true });
        expect(repositoryRoot(join(repo, 'pipelines', 'deploy'))).to.equal(repo);
        // TestContext already stands in for the project lookup: this time there is no project
        (SfProject.resolveProjectPathSync as unknown as SinonStub).throws(new Error('no sfdx-project.json'));
        devOrg.$$.SANDBOX.stub(process, 'cwd').returns(join(repo, 'pipelines', 'deploy'));
        expect(projectRoot()).to.equal(repo);
      } finally {
        rmSync(repo, { recursive: true, force: true });
      }
    });
  });

  it('template content and org answers are printed escaped by compare --diff and the warnings', async () => {
    await promote();
    await call(uat.current, 'POST', '/__emulator/content', {
      type: 'DataCalcInsightTemplate',
      fullName: 'Customer_Lifetime_Value',
      field: 'expression',
      value: 'SELECT 1 \u001b[2J\u001b]8;;https://evil.example\u0007x\u001b]8;;\u0007 FROM Sales_Order__dlm',
    });
    await DatakitCompare.run([
      '-n',
      'Retail_Core',
      '--source-org',
      devOrg.username(),
      '-o',
      uatOrg.username(),
      '--diff',
    ]);
    const out = printed(uatOrg.ux());
    expect(out).to.include('\\x1b[2J');
    // eslint-disable-next-line no-control-regex
    expect(out).not.to.match(/[\u001b\u0007]/);
  });

  it('records: a linked releases folder is refused whole; a second id, a misnamed file and a far-future finishedAt decide nothing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'datakit-records-'));
    try {
      const record = (id: string, finishedAt: string): Record<string, unknown> => ({
        schema: 1,
        id,
        kit: 'K',
        command: 'deploy',
        startedAt: finishedAt,
        finishedAt,
        outcome: 'Succeeded',
        org: { id: '00DUAT000000001AAA', username: 'u' },
        components: [],
        jobIds: [],
      });
      const dir = join(root, '.sfdatakit', 'releases', 'K');
      mkdirSync(dir, { recursive: true });
      const put = (file: string, r: Record<string, unknown>): void => writeFileSync(join(dir, file), JSON.stringify(r));
      put(
        '20261201T000000000Z-deploy-00DUAT000000001.json',
        record('20261201T000000000Z-deploy-00DUAT000000001', '2026-12-01T00:00:00Z')
      );
      put(
        '20261202T000000000Z-deploy-00DUAT000000001.json',
        record('20261202T000000000Z-deploy-00DUAT000000001', '2026-12-02T00:00:00Z')
      );
      // planted: an older id that claims to have finished last, a copy under another name, a misnamed file
      put(
        '20261130T000000000Z-deploy-00DUAT000000001.json',
        record('20261130T000000000Z-deploy-00DUAT000000001', '2099-01-01T00:00:00Z')
      );
      put('planted.json', record('20261202T000000000Z-deploy-00DUAT000000001', '2026-12-02T00:00:00Z'));
      const read = await readReleases('K', root);
      expect(read.records.map((r) => r.id).at(-1)).to.equal('20261202T000000000Z-deploy-00DUAT000000001');
      expect(read.refused.map((r) => r.reason).join(' ')).to.include('is not its id');

      // the kit's folder replaced by a link to somewhere else
      const elsewhere = mkdtempSync(join(tmpdir(), 'datakit-elsewhere-'));
      rmSync(dir, { recursive: true });
      symlinkSync(elsewhere, dir);
      const linked = await readReleases('K', root);
      expect(linked.records).to.deep.equal([]);
      expect(linked.refused[0].reason).to.include('link');
      rmSync(elsewhere, { recursive: true, force: true });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  describe('bounds', () => {
    it('an org that ignores offset: --available stops at the repeated page and says so', async () => {
      dev.current.state.seed({ generate: { DataLakeObject: 450 } });
      dev.current.state.faults.ignoreOffset = true;
      dev.current.state.requests = [];
      const listed = await DatakitComponentList.run(['-o', devOrg.username(), '--available', '--json']);
      expect(listed.total).to.equal(200);
      expect(dev.current.state.requests.filter((r) => r.path.includes('available-components'))).to.have.length(2);
      expect(printed(devOrg.ux())).to.include('same page again');
    });

    it('a payload nested 5000 levels deep is unreadable, not a stack overflow', async () => {
      await promote();
      const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
      await call(uat.current, 'POST', '/__emulator/content', {
        type: 'DataCalcInsightTemplate',
        fullName: 'Customer_Lifetime_Value',
        field: 'expression',
        value: deep,
      });
      const compared = await DatakitCompare.run([
        '-n',
        'Retail_Core',
        '--source-org',
        devOrg.username(),
        '-o',
        uatOrg.username(),
        '--json',
      ]).catch((e: Error) => e);
      expect(compared).not.to.be.instanceOf(Error);
      expect(printed(uatOrg.ux())).to.include('nested deeper than 100 levels');
    });

    it('history pages through the log: two deploys of a 1100-component kit are two entries', async () => {
      const state = uat.current.state;
      for (const job of ['08PUA0000000J01', '08PUA0000000J02'])
        for (let i = 0; i < 1100; i++)
          state.logs.push({
            Id: `1LG${job.slice(-3)}${String(i).padStart(9, '0')}`,
            Name: `DKDL-${i}`,
            DataKitName: 'Big_Kit',
            DataSpaceName: 'default',
            ComponentName: `C_${i}`,
            ComponentType: 'MktDataLakeObject',
            DeploymentStatus: 'Successful',
            DeploymentError: null,
            DeploymentAction: 'Deploy',
            DeployJob: job,
            JobIdentifier: job,
            FlowInterviewIdentifier: null,
            CreatedDate: `2026-12-0${job.endsWith('1') ? 1 : 2}T10:00:00.${String(i % 1000).padStart(3, '0')}+0000`,
            CreatedById: state.identity.userId,
          });
      const history = await DatakitHistory.run(['-o', uatOrg.username(), '-n', 'Big_Kit', '--json']);
      expect(history.entries.map((e) => e.jobId)).to.deep.equal(['08PUA0000000J02', '08PUA0000000J01']);
      expect(history.entries.map((e) => e.components)).to.deep.equal([1100, 1100]);
      expect(state.requests.filter((r) => r.path.includes('/query/01g')).length).to.be.above(0);
    });
  });

  describe('rollback correctness', () => {
    const rollback = (...more: string[]) =>
      DatakitRollback.run(['-o', uatOrg.username(), '-n', 'Retail_Core', '--json', ...more]);
    const active = (): string[] =>
      [...uat.current.state.deployed.values()].filter((d) => d.status === 'Active').map((d) => d.name);
    const addInsightAndPromote = async (): Promise<void> => {
      dev.current.state.kits.get('Retail_Core')!.components.push({
        type: 'CalculatedInsight',
        info: { name: 'High_Value_Customers__cio', label: 'High Value Customers' },
      });
      await promote();
    };

    it("rolling back a kit's first release here undeploys what it deployed", async () => {
      await promote();
      expect(active()).to.include('Orders_Cleanup');
      const result = await rollback();
      expect(process.exitCode ?? 0).to.equal(0);
      expect(result.undeploy?.outcome).to.equal('Succeeded');
      expect(active()).to.deep.equal([]);
      expect(records().at(-1)).to.include({ command: 'rollback', outcome: 'Succeeded' });
    });

    it('a change made in the org after the release stops the rollback, with its paths, unless --force', async () => {
      await promote();
      await addInsightAndPromote();
      await call(uat.current, 'POST', '/__emulator/content', {
        type: 'DataCalcInsightTemplate',
        fullName: 'Customer_Lifetime_Value',
        field: 'expression',
        value: 'SELECT 1 AS hotfix__c FROM Sales_Order__dlm',
      });
      uat.current.state.requests = [];
      const refused = (await rollback().catch((e: SfError) => e)) as SfError;
      expect(refused.name).to.equal('EditedSinceError');
      expect(printed(uatOrg.ux())).to.include('Customer_Lifetime_Value').and.include('hotfix__c');
      expect(changes(uat)).to.deep.equal([]);
      const forced = await rollback('--force');
      expect(forced.metadataDeployId).to.be.a('string');
    });

    it('a rollback that stopped part-way says where; run again it takes up from there and never redoes a step', async () => {
      await promote();
      await addInsightAndPromote();
      const promoted = records().at(-1)!;
      uat.current.state.failures.push({
        dataKitName: 'Retail_Core',
        componentName: 'High_Value_Customers__cio',
        phase: 'undeploy',
        message: 'stopped',
      });
      await rollback();
      const stopped = records().at(-1)!;
      expect(stopped).to.include({ command: 'rollback', outcome: 'Failed', restored: promoted.id });
      expect(stopped.stoppedAt).to.include('undeploying');
      expect(stopped.next).to.include('sf datakit rollback --name Retail_Core');

      // the undeploy did go through in the org after all; the rollback is run again, as its record says
      uat.current.state.failures = [];
      const kit = uat.current.state.kits.get('Retail_Core')!;
      kit.components = kit.components.filter((c) => c.info.name !== 'High_Value_Customers__cio');
      for (const [key, d] of uat.current.state.deployed)
        if (d.name === 'High_Value_Customers__cio') uat.current.state.deployed.delete(key);
      uat.current.state.requests = [];
      process.exitCode = undefined; // each command is a process of its own
      const resumed = await rollback();
      expect(printed(uatOrg.ux())).to.include('Taking up rollback');
      expect(resumed.restoring).to.equal(promoted.id);
      expect(process.exitCode ?? 0).to.equal(0);
      expect(active()).not.to.include('High_Value_Customers__cio');
      const deployBodies = uat.current.state.requests
        .filter((r) => r.method === 'POST' && r.path.endsWith('/ssot/data-kits/Retail_Core'))
        .map((r) => JSON.stringify(r.body));
      expect(deployBodies.join(' ')).not.to.include('High_Value_Customers');
      expect(records().at(-1)).to.include({ command: 'rollback', outcome: 'Succeeded', restored: promoted.id });
    });
  });

  describe('interrupts', () => {
    const until = async (done: () => boolean): Promise<void> => {
      for (let i = 0; i < 2000 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
      expect(done(), 'the moment to interrupt came').to.equal(true);
    };

    it('Ctrl-C during verify --activate: exit 69, valid JSON, the run left going, a record', async () => {
      await promote();
      uat.current.state.options.msPerStep = 60_000;
      const before = records().length;
      const running = DatakitVerify.run([
        '-o',
        uatOrg.username(),
        '-n',
        'Retail_Core',
        '--activate',
        '--no-prompt',
        '--json',
      ]);
      await until(() => uat.current.state.requests.some((r) => r.path.endsWith('/actions/run')));
      process.emit('SIGINT', 'SIGINT');
      const result = await running;
      expect(process.exitCode).to.equal(69);
      expect(result.activation?.outcome).to.equal('InProgress');
      expect(result.activation?.runs.at(-1)?.detail).to.include('stopped watching');
      expect(records().length).to.equal(before + 1);
      expect(records().at(-1)).to.include({ command: 'verify', outcome: 'InProgress' });
    });

    it("Ctrl-C during promote's metadata deploy: it ends, a record says where the target stands, the next promote finishes it", async () => {
      // Ctrl-C the moment the target takes the metadata deploy, however busy the machine is
      const requests = uat.current.state.requests;
      const push = requests.push.bind(requests);
      requests.push = (...items) => {
        const n = push(...items);
        if (items.some((r) => r.operation === 'deploy')) {
          requests.push = push; // once
          process.emit('SIGINT', 'SIGINT');
        }
        return n;
      };
      const result = await promote();
      expect(result.stopped?.next).to.include('sf datakit promote --name Retail_Core');
      expect(result.unwrap).to.equal(undefined);
      expect(process.exitCode).to.equal(69);
      const stopped = records().at(-1)!;
      expect(stopped).to.include({ command: 'promote', outcome: 'InProgress' });
      expect(stopped.stoppedAt).to.include('not unwrapped yet');
      process.exitCode = undefined;
      const again = await DatakitPromote.run([
        '-n',
        'Retail_Core',
        '--source-org',
        devOrg.username(),
        '-o',
        uatOrg.username(),
        '--json',
      ]);
      expect(again.conflicts.map((c) => c.check)).not.to.include('editedInTarget');
      expect(again.unwrap?.job?.outcome).to.equal('Succeeded');
    });

    it('Ctrl-C at a confirmation question is a clear stop (exit 130), not an unexpected error', async () => {
      const stop = Object.assign(new Error('User force closed the prompt'), { name: 'ExitPromptError' });
      const e = await answered(Promise.reject(stop)).catch((err: SfError) => err);
      expect(e.name).to.equal('PromptInterrupted');
      expect(e.exitCode).to.equal(130);
      const timedOut = await answered(Promise.reject(new Error('cancelled'))).catch((err: SfError) => err);
      expect(timedOut.name).to.equal('PromptTimedOut');
    });
  });
});
