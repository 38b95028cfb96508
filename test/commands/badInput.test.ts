/*
 * Bad input, command by command: missing and malformed flags, unknown kit/component/type, odd characters,
 * an API version below the minimum. Each gets a clear error and a non-zero exit, and the org does not change.
 */
import { expect } from 'chai';
import type { SfCommand } from '@salesforce/sf-plugins-core';
import { useEmulator } from '@sfdatakit/org-emulator/testing';
import DatakitChecklist from '../../src/commands/datakit/checklist.js';
import DatakitCompare from '../../src/commands/datakit/compare.js';
import DatakitPromote from '../../src/commands/datakit/promote.js';
import DatakitComponentAdd from '../../src/commands/datakit/component/add.js';
import DatakitComponentDependencies from '../../src/commands/datakit/component/dependencies.js';
import DatakitComponentList from '../../src/commands/datakit/component/list.js';
import DatakitComponentRemove from '../../src/commands/datakit/component/remove.js';
import DatakitCreate from '../../src/commands/datakit/create.js';
import DatakitDelete from '../../src/commands/datakit/delete.js';
import DatakitDeploy from '../../src/commands/datakit/deploy.js';
import DatakitDeployReport from '../../src/commands/datakit/deploy/report.js';
import DatakitDeployResume from '../../src/commands/datakit/deploy/resume.js';
import DatakitList from '../../src/commands/datakit/list.js';
import DatakitManifest from '../../src/commands/datakit/manifest.js';
import DatakitStatus from '../../src/commands/datakit/status.js';
import DatakitUndeploy from '../../src/commands/datakit/undeploy.js';
import DatakitUnwrap from '../../src/commands/datakit/unwrap.js';
import { useEmulatorOrg } from '../support/org.js';

type Runnable = { name: string; run(argv: string[]): Promise<unknown> } & typeof SfCommand<unknown>;
type Case = { cmd: Runnable; args: string[]; expect: RegExp; code?: number };

const ODD = "Retail Core'; DROP--/../x";

function cases(): Case[] {
  const kitCommands: Array<[Runnable, string[]]> = [
    [DatakitDelete, ['--no-prompt']],
    [DatakitComponentList, []],
    [DatakitComponentAdd, ['-c', 'DLO:Web_Events__dll']],
    [DatakitComponentRemove, ['-c', 'DLO:Orders_S3__dll']],
    [DatakitComponentDependencies, ['-c', 'DLO:Orders_S3__dll']],
    [DatakitManifest, []],
    [DatakitDeploy, []],
    [DatakitStatus, []],
    [DatakitUndeploy, ['--no-prompt']],
    [DatakitUnwrap, []],
    [DatakitChecklist, []],
  ];
  return [
    // missing required flags: oclif's flag errors, exit 2
    ...(
      [
        DatakitCreate,
        DatakitDelete,
        DatakitComponentAdd,
        DatakitComponentRemove,
        DatakitComponentDependencies,
        DatakitManifest,
        DatakitDeploy,
        DatakitStatus,
        DatakitUndeploy,
        DatakitUnwrap,
      ] as Runnable[]
    ).map((cmd) => ({ cmd, args: [], expect: /Missing required flag/, code: 2 })),
    {
      cmd: DatakitDeployReport as Runnable,
      args: [],
      expect: /Exactly one of the following must be provided/,
      code: 2,
    },
    {
      cmd: DatakitCompare as Runnable,
      args: ['-n', 'Retail_Core'],
      expect: /Exactly one of the following must be provided/,
      code: 2,
    },
    {
      cmd: DatakitPromote as Runnable,
      args: ['-n', 'Retail_Core'],
      expect: /Missing required flag source-org/,
      code: 2,
    },
    { cmd: DatakitChecklist as Runnable, args: [], expect: /Missing required flag/, code: 2 },
    // an org that is not logged in, as the source of a two-org command
    {
      cmd: DatakitCompare as Runnable,
      args: ['-n', 'Retail_Core', '--source-org', 'not-an-alias'],
      expect: /not-an-alias/,
    },
    {
      cmd: DatakitPromote as Runnable,
      args: ['-n', 'Retail_Core', '--source-org', 'not-an-alias', '--dry-run'],
      expect: /not-an-alias/,
    },
    {
      cmd: DatakitCompare as Runnable,
      args: ['-n', 'Retail_Core', '--source-dir', '/no/such/dir'],
      expect: /\/no\/such\/dir/,
    },
    {
      cmd: DatakitDeployResume as Runnable,
      args: [],
      expect: /Exactly one of the following must be provided/,
      code: 2,
    },
    // malformed values
    {
      cmd: DatakitDeploy as Runnable,
      args: ['-n', 'Retail_Core', '--wait', 'soon'],
      expect: /--wait must be a whole number of minutes/,
      code: 2,
    },
    // a negative wait is refused before any request (the duration flag's own minimum is not enforced)
    ...([DatakitDeploy, DatakitUndeploy, DatakitUnwrap, DatakitPromote] as Runnable[]).map((cmd) => ({
      cmd,
      args: [
        '-n',
        'Retail_Core',
        '--wait',
        '-1',
        ...(cmd === DatakitPromote ? ['--source-org', 'x'] : []),
        ...(cmd === DatakitUndeploy ? ['--no-prompt'] : []),
      ],
      expect: /--wait must be a whole number of minutes, 0 or more; got "-1"/,
      code: 2,
    })),
    ...([DatakitDeployResume, DatakitDeployReport] as Runnable[]).map((cmd) => ({
      cmd,
      args: ['--job-id', '08P000000000000', '--wait', '-1'],
      expect: /--wait must be a whole number/,
      code: 2,
    })),
    {
      cmd: DatakitDeploy as Runnable,
      args: ['-n', 'Retail_Core', '--wait', '5', '--async'],
      expect: /cannot also be provided when using --async|--async cannot also be provided/,
      code: 2,
    },
    {
      cmd: DatakitCreate as Runnable,
      args: ['-n', 'K', '-l', 'K', '--type', 'Standardish'],
      expect: /Expected --type=Standardish to be one of: None, Sandbox/,
      code: 2,
    },
    { cmd: DatakitDeployResume as Runnable, args: ['--job-id', 'not-a-job'], expect: /is not a data kit job id/ },
    {
      cmd: DatakitDeployReport as Runnable,
      args: ['--job-id', '08P000000000000', '--results-dir', '/tmp/x'],
      expect: /--junit/,
      code: 2,
    },
    {
      cmd: DatakitComponentAdd as Runnable,
      args: ['-n', 'Retail_Core', '-c', 'Orders_S3__dll'],
      expect: /is not a component\. Write components as TYPE:NAME/,
      code: 2,
    },
    {
      cmd: DatakitComponentAdd as Runnable,
      args: ['-n', 'Retail_Core', '-c', 'DataLakeObjct:Orders_S3__dll'],
      expect: /"DataLakeObjct".*is not a data kit component type\. Did you mean: DataLakeObject/,
    },
    { cmd: DatakitComponentList as Runnable, args: ['--type', 'DLO'], expect: /--available/, code: 2 },
    {
      cmd: DatakitDeploy as Runnable,
      args: ['-n', 'Retail_Core', '--config-file', '/no/such/file.json'],
      expect: /\/no\/such\/file\.json/,
    },
    // unknown kit, with suggestions, and names with odd characters
    ...kitCommands.map(([cmd, extra]) => ({
      cmd,
      args: ['-n', 'Retail_Cor', ...extra],
      expect: /Retail_Cor.*(Did you mean: Retail_Core|was not found)/s,
    })),
    // names that are not developer names never reach the org (".." would resolve to another URL path)
    ...kitCommands.flatMap(([cmd, extra]) =>
      [ODD, '..', '.'].map((name) => ({
        cmd,
        args: ['-n', name, ...extra],
        expect: /is not a developer name/,
        code: 2,
      }))
    ),
    // unknown components
    {
      cmd: DatakitComponentRemove as Runnable,
      args: ['-n', 'Retail_Core', '-c', 'DLO:Nope__dll'],
      expect: /DataLakeObject:Nope__dll is not in data kit Retail_Core/,
    },
    {
      cmd: DatakitComponentDependencies as Runnable,
      args: ['-n', 'Retail_Core', '-c', 'CI:Nope'],
      expect: /CalculatedInsight:Nope is not in data kit Retail_Core/,
    },
    {
      cmd: DatakitUndeploy as Runnable,
      args: ['-n', 'Retail_Core', '-c', 'DLO:Orders_S3_dll', '--no-prompt'],
      expect: /Did you mean: DataLakeObject:Orders_S3__dll/,
    },
    {
      cmd: DatakitCreate as Runnable,
      args: ['-n', 'K2', '-l', 'K', '-c', `DLO:${ODD}`],
      expect: /is not a component/,
      code: 2,
    },
    {
      cmd: DatakitComponentRemove as Runnable,
      args: ['-n', 'Retail_Core', '-c', 'DLO:../../x'],
      expect: /is not a component/,
      code: 2,
    },
    // an API version below the minimum
    ...[DatakitList, DatakitStatus, DatakitDeploy, DatakitManifest].map((cmd) => ({
      cmd: cmd as Runnable,
      args: cmd === DatakitList ? ['--api-version', '60.0'] : ['-n', 'Retail_Core', '--api-version', '60.0'],
      expect: /needs API version 6\d\.0 or later, but the command is using 60\.0/,
    })),
  ];
}

describe('bad input, every command', () => {
  const emulator = useEmulator();
  const org = useEmulatorOrg(emulator);

  for (const c of cases()) {
    it(`${c.cmd.name} ${c.args.join(' ') || '(no flags)'}`, async () => {
      const before = JSON.stringify([
        [...emulator.current.state.kits.values()],
        [...emulator.current.state.deployed.values()],
      ]);
      const err = (await c.cmd.run(['-o', org.username(), ...c.args]).then(
        () => expect.fail('should have failed'),
        (e: Error) => e
      )) as Error & { exitCode?: number; oclif?: { exit?: number } };
      expect(err.message).to.match(c.expect);
      const code = err.oclif?.exit ?? err.exitCode;
      expect(code, 'exit code').to.equal(c.code ?? 1);
      expect(
        JSON.stringify([[...emulator.current.state.kits.values()], [...emulator.current.state.deployed.values()]])
      ).to.equal(before);
      expect(emulator.current.state.requests.filter((r) => r.method !== 'GET')).to.deep.equal([]);
      // a flag that cannot be read stops the command before it sends anything at all
      if (code === 2) expect(emulator.current.state.requests).to.deep.equal([]);
    });
  }
});
