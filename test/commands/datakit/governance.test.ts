/*
 * Release governance: environments.json (protected orgs, the promotion order, connections per org), release
 * records read back by history, and a rollback after a bad promotion. Three emulator orgs; the project is the
 * TestContext's own folder for each test.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { SfProject, type SfError } from '@salesforce/core';
import type { EmulatorHandle } from '@sfdatakit/org-emulator/testing';
import { call, emptyOrg, useEmulator } from '@sfdatakit/org-emulator/testing';
import { DatakitCommand } from '../../../src/cli/baseCommand.js';
import DatakitDeploy from '../../../src/commands/datakit/deploy.js';
import DatakitHistory from '../../../src/commands/datakit/history.js';
import DatakitPromote from '../../../src/commands/datakit/promote.js';
import DatakitRollback from '../../../src/commands/datakit/rollback.js';
import DatakitUndeploy from '../../../src/commands/datakit/undeploy.js';
import type { ReleaseRecord } from '../../../src/releases/records.js';
import { pretendTerminal, useEmulatorOrgs } from '../../support/org.js';

const project = (): string => {
  const dir = SfProject.resolveProjectPathSync();
  mkdirSync(join(dir, '.sfdatakit'), { recursive: true });
  return dir;
};
const environments = (list: Array<Record<string, unknown>>): void =>
  writeFileSync(join(project(), '.sfdatakit', 'environments.json'), JSON.stringify({ environments: list }));
const records = (kit = 'Retail_Core'): ReleaseRecord[] => {
  const dir = join(project(), '.sfdatakit', 'releases', kit);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as ReleaseRecord);
};
/** Requests that change an org (reads and Metadata API retrieves left out). */
const changes = (e: EmulatorHandle): string[] =>
  e.current.state.requests
    .filter((r) => r.method !== 'GET' && !['retrieve', 'checkRetrieveStatus'].includes(r.operation ?? ''))
    .map((r) => `${r.method} ${r.path}`);
const segmentValue = async (e: EmulatorHandle): Promise<string> => {
  const xml = (
    (await call(e.current, 'GET', '/__emulator/content?type=DataKitObjectTemplate&fullName=Lapsed_Buyers_Segment'))
      .body as { content: string }
  ).content;
  const json = /<entityPayload>([^<]*)<\/entityPayload>/.exec(xml)![1].replace(/&quot;/g, '"');
  return (JSON.parse(json) as { criteria: { filters: Array<{ value: string }> } }).criteria.filters[0].value;
};

describe('governance: protected orgs, release records, history, rollback', () => {
  const fast = { msPerStep: 5 };
  const dev = useEmulator(undefined, fast);
  const uat = useEmulator(emptyOrg, fast, { orgId: '00DUAT000000001AAA', username: 'admin@uat.emulator' });
  const prod = useEmulator(emptyOrg, fast, { orgId: '00DPRD000000001AAA', username: 'admin@prod.emulator' });
  const [devOrg, uatOrg, prodOrg] = useEmulatorOrgs(dev, uat, prod);
  const $$ = () => devOrg.$$;

  const stages = (): void =>
    environments([
      { alias: 'dev', role: 'dev', order: 1, username: devOrg.username() },
      { alias: 'uat', role: 'uat', order: 2, username: uatOrg.username() },
      { alias: 'prod', role: 'production', order: 3, protected: true, username: prodOrg.username() },
    ]);

  describe('a protected org', () => {
    beforeEach(async () => {
      stages();
      // prod has the kit already, deployed by an earlier promotion (through uat)
      await DatakitPromote.run(['-n', 'Retail_Core', '--source-org', devOrg.username(), '-o', uatOrg.username()]);
      await DatakitPromote.run([
        '-n',
        'Retail_Core',
        '--source-org',
        uatOrg.username(),
        '-o',
        prodOrg.username(),
        '--no-prompt',
        '--reason',
        'first release',
      ]);
      prod.current.state.requests = [];
    });

    it('without a terminal: --no-prompt alone exits 2 and sends nothing; with --reason it goes ahead and records it', async () => {
      const refused = await DatakitDeploy.run(['-o', prodOrg.username(), '-n', 'Retail_Core', '--no-prompt']).catch(
        (e: SfError) => e
      );
      expect((refused as SfError).name).to.equal('ProtectedNeedsReason');
      expect((refused as SfError).exitCode).to.equal(2);
      expect((refused as SfError).message).to.include('protected org (production)');
      expect(prod.current.state.requests).to.deep.equal([]);

      const noTerminal = await DatakitUndeploy.run(['-o', prodOrg.username(), '-n', 'Retail_Core', '--json']).catch(
        (e: SfError) => e
      );
      expect((noTerminal as SfError).name).to.equal('ProtectedNeedsTerminal');
      expect(prod.current.state.requests).to.deep.equal([]);

      const done = await DatakitDeploy.run([
        '-o',
        prodOrg.username(),
        '-n',
        'Retail_Core',
        '--no-prompt',
        '--reason',
        'CHG-1234 approved by CAB',
        '--json',
      ]);
      expect(done.job?.outcome).to.equal('Succeeded');
      const record = records().at(-1)!;
      expect(record).to.include({ command: 'deploy', reason: 'CHG-1234 approved by CAB', who: prodOrg.username() });
      expect(record.argv).to.include('--reason');
      expect(record.jobIds).to.deep.equal([done.jobId]);
      expect(record.components.every((c) => c.outcome === 'Succeeded')).to.equal(true);
      expect(record.components.find((c) => c.component === 'DataTransform:Orders_Cleanup')?.hash).to.match(
        /^[0-9a-f]{64}$/
      );
      expect(record.snapshot).to.match(/^\.sfdatakit\/releases\/Retail_Core\/.+-deploy-00DPRD000000001\.snapshot$/);
      expect(done.releaseFile).to.include(record.id);
    });

    it('in a terminal: the alias must be typed; a wrong one changes nothing, the right one goes ahead', async () => {
      pretendTerminal();
      const asked = $$().SANDBOX.stub(
        DatakitCommand.prototype as unknown as { askText: (message: string) => Promise<string> },
        'askText'
      );
      asked.resolves('uat');
      const wrong = await DatakitDeploy.run(['-o', prodOrg.username(), '-n', 'Retail_Core']).catch((e: SfError) => e);
      expect((wrong as SfError).name).to.equal('NotConfirmed');
      expect(changes(prod)).to.deep.equal([]);
      expect(asked.firstCall.args[0]).to.include('Type its alias, prod, to go ahead');

      asked.resolves('prod');
      const done = await DatakitDeploy.run(['-o', prodOrg.username(), '-n', 'Retail_Core', '--reason', 'typed']);
      expect(done.job?.outcome).to.equal('Succeeded');
      expect(records().at(-1)?.reason).to.equal('typed');
    });

    it('promote refuses to skip a stage of the promotion order unless --force', async () => {
      const skipped = await DatakitPromote.run([
        '-n',
        'Retail_Core',
        '--source-org',
        devOrg.username(),
        '-o',
        prodOrg.username(),
        '--no-prompt',
        '--reason',
        'hotfix',
      ]).catch((e: SfError) => e);
      expect((skipped as SfError).name).to.equal('SkipsStageError');
      expect((skipped as SfError).message).to.include('skips uat');
      expect(prod.current.state.requests).to.deep.equal([]);
      // going back down the order is allowed: prod -> dev
      const back = await DatakitPromote.run([
        '-n',
        'Retail_Core',
        '--source-org',
        prodOrg.username(),
        '-o',
        devOrg.username(),
        '--dry-run',
        '--json',
      ]);
      expect(back.preflight).to.not.equal(undefined);
    });
  });

  it('a malformed environments.json stops changes before anything is sent', async () => {
    writeFileSync(
      join(project(), '.sfdatakit', 'environments.json'),
      '{"environments": [{"alias": "../prod", "protected": "yes"}]}'
    );
    const err = await DatakitDeploy.run(['-o', devOrg.username(), '-n', 'Retail_Core']).catch((e: SfError) => e);
    expect((err as SfError).name).to.equal('EnvironmentsRefused');
    expect((err as SfError).message)
      .to.include('"alias"')
      .and.include('"protected"');
    expect(dev.current.state.requests).to.deep.equal([]);
  });

  it("an environment's config file names the connections when --config-file is not given", async () => {
    mkdirSync(join(project(), 'config'), { recursive: true });
    writeFileSync(
      join(project(), 'config', 'dev.json'),
      JSON.stringify({ S3_Orders_Bundle: { bundleConfig: { connectionName: 'Dev_S3' } } })
    );
    environments([{ alias: 'dev', username: devOrg.username(), configFile: 'config/dev.json' }]);
    await DatakitDeploy.run(['-o', devOrg.username(), '-n', 'Retail_Core', '--async']);
    const body = dev.current.state.requests.find((r) => r.method === 'POST' && r.path.includes('/ssot/'))?.body as {
      components: Array<{ config: Record<string, unknown> }>;
    };
    expect(body.components.find((c) => c.config.bundleName === 'S3_Orders_Bundle')?.config.bundleConfig).to.deep.equal({
      connectionName: 'Dev_S3',
    });
  });

  it('history merges the org log (who, outcome) with the release records (command, reason, commit)', async () => {
    const root = project();
    execFileSync('git', ['init', '-q'], { cwd: root });
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '--allow-empty', '-m', 'kit'], {
      cwd: root,
    });
    const deployed = await DatakitDeploy.run([
      '-o',
      devOrg.username(),
      '-n',
      'Retail_Core',
      '--reason',
      'sprint 12',
      '--json',
    ]);
    // someone else deploys from the UI: the org's log knows, the project does not
    await call(dev.current, 'POST', '/__emulator/user', { username: 'ana@example.com' });
    await call(dev.current, 'POST', '/services/data/v66.0/ssot/data-kits/Web_Engagement?asyncMode=true', {
      components: [
        {
          type: 'DataLakeObject',
          config: { dataSourceObjectDevName: 'Web_Events__dll', apiName: 'Web_Events', label: 'Web' },
        },
      ],
    });
    await new Promise((r) => setTimeout(r, 50));

    const history = await DatakitHistory.run(['-o', devOrg.username(), '-n', 'Retail_Core', '--json']);
    const mine = history.entries.find((e) => e.jobId === deployed.jobId)!;
    expect(mine).to.include({ what: 'deploy', reason: 'sprint 12', source: 'both', outcome: 'Succeeded' });
    expect(mine.who).to.equal(dev.current.state.identity.username);
    expect(mine.commit).to.match(/^[0-9a-f]{12}$/);
    expect(mine.components).to.equal(8);

    const web = await DatakitHistory.run(['-o', devOrg.username(), '-n', 'Web_Engagement', '--json']);
    expect(web.entries[0]).to.include({ who: 'ana@example.com', what: 'Deploy', source: 'org' });

    // an org whose log has no DeploymentAction column: the same history, without the log's action
    await call(dev.current, 'POST', '/__emulator/profile', { name: 'log-without-action' });
    const plain = await DatakitHistory.run(['-o', devOrg.username(), '-n', 'Web_Engagement', '--json']);
    expect(plain.entries[0]).to.include({ who: 'ana@example.com', what: 'job', source: 'org' });
  });

  it('rollback restores what a bad promotion changed: content back, the added component undeployed, its own record', async () => {
    const kit = dev.current.state.kits.get('Retail_Core')!;
    kit.components.push({ type: 'MarketSegment', info: { name: 'Lapsed_Buyers_Segment', label: 'Lapsed Buyers' } });
    await DatakitPromote.run(['-n', 'Retail_Core', '--source-org', devOrg.username(), '-o', uatOrg.username()]);
    const good = records().at(-1)!;
    expect(good.snapshot, 'uat had no kit before: nothing to keep').to.equal(undefined);

    // the bad release: a filter value changed and a component added
    await call(dev.current, 'POST', '/__emulator/content', {
      type: 'DataKitObjectTemplate',
      fullName: 'Lapsed_Buyers_Segment',
      field: 'entityPayload',
      path: 'criteria.filters[0].value',
      value: '1',
    });
    kit.components.push({
      type: 'CalculatedInsight',
      info: { name: 'High_Value_Customers__cio', label: 'High Value Customers' },
    });
    await DatakitPromote.run(['-n', 'Retail_Core', '--source-org', devOrg.username(), '-o', uatOrg.username()]);
    expect(await segmentValue(uat)).to.equal('1');
    const bad = records().at(-1)!;
    expect(bad.snapshot).to.match(/\.snapshot$/);

    const preview = await DatakitRollback.run(['-o', uatOrg.username(), '-n', 'Retail_Core', '--dry-run', '--json']);
    expect(preview).to.include({ restoring: bad.id, dryRun: true });
    expect(preview.added).to.deep.equal(['CalculatedInsight:High_Value_Customers__cio']);
    expect(preview.changes.map((c) => c.component)).to.include('MarketSegment:Lapsed_Buyers_Segment');

    const result = await DatakitRollback.run(['-o', uatOrg.username(), '-n', 'Retail_Core', '--json']);
    expect(process.exitCode ?? 0).to.equal(0);
    expect(await segmentValue(uat)).to.equal('1000');
    expect(result.undeploy?.components.map((c) => c.name)).to.deep.equal(['High_Value_Customers__cio']);
    expect(uat.current.state.kits.get('Retail_Core')!.components.map((c) => c.info.name)).to.not.include(
      'High_Value_Customers__cio'
    );
    expect(result.unwrap?.job?.components.map((c) => c.name)).to.include('Lapsed_Buyers_Segment');
    const rollback = records().at(-1)!;
    expect(rollback).to.include({ command: 'rollback', restored: bad.id });
    expect(rollback.snapshot).to.match(/-rollback-00DUAT000000001\.snapshot$/);
    // compare agrees: uat is dev as the good release carried it, except the filter dev still has wrong
    const history = await DatakitHistory.run(['-o', uatOrg.username(), '-n', 'Retail_Core', '--json']);
    expect(history.entries.map((e) => e.what).slice(0, 3)).to.deep.equal(['rollback', 'promote', 'promote']);
  });

  it('a rollback whose undeploy fails stops there: nothing else deployed, its record says how it ended', async () => {
    const kit = dev.current.state.kits.get('Retail_Core')!;
    await DatakitPromote.run(['-n', 'Retail_Core', '--source-org', devOrg.username(), '-o', uatOrg.username()]);
    kit.components.push({
      type: 'CalculatedInsight',
      info: { name: 'High_Value_Customers__cio', label: 'High Value Customers' },
    });
    await DatakitPromote.run(['-n', 'Retail_Core', '--source-org', devOrg.username(), '-o', uatOrg.username()]);
    await call(uat.current, 'POST', '/__emulator/fail', {
      dataKitName: 'Retail_Core',
      componentName: 'High_Value_Customers__cio',
      phase: 'undeploy',
      message: 'Insight is used by a segment',
    });
    uat.current.state.requests = [];
    const result = await DatakitRollback.run(['-o', uatOrg.username(), '-n', 'Retail_Core', '--json']);
    expect(process.exitCode).to.equal(1);
    expect(result.undeploy?.outcome).to.equal('Failed');
    expect(result.metadataDeployId).to.equal(undefined);
    expect(uat.current.state.requests.filter((r) => r.operation === 'deploy')).to.deep.equal([]);
    expect(records().at(-1)).to.include({ command: 'rollback', outcome: 'Failed' });
  });

  it('rollback refuses a snapshot that holds more than the kit, and an unknown release with suggestions', async () => {
    const components = dev.current.state.kits.get('Retail_Core')!.components;
    const lastOne = components.pop()!;
    await DatakitPromote.run(['-n', 'Retail_Core', '--source-org', devOrg.username(), '-o', uatOrg.username()]);
    components.push(lastOne);
    await DatakitPromote.run(['-n', 'Retail_Core', '--source-org', devOrg.username(), '-o', uatOrg.username()]);
    const last = records().at(-1)!;
    const unknown = await DatakitRollback.run([
      '-o',
      uatOrg.username(),
      '-n',
      'Retail_Core',
      '--to',
      `${last.id.slice(0, -2)}XX`,
    ]).catch((e: SfError) => e);
    expect((unknown as SfError).message).to.include('Did you mean');

    const classes = join(project(), ...last.snapshot!.split('/'), 'main', 'default', 'classes');
    mkdirSync(classes, { recursive: true });
    writeFileSync(join(classes, 'Evil.cls'), 'public class Evil {}');
    uat.current.state.requests = [];
    const refused = await DatakitRollback.run(['-o', uatOrg.username(), '-n', 'Retail_Core']).catch((e: SfError) => e);
    expect((refused as SfError).name).to.equal('SnapshotForeignError');
    expect((refused as SfError).message).to.include('Evil.cls');
    expect(changes(uat)).to.deep.equal([]);
  });
});
