import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { DataKitClient } from '../../api/client.js';
import { DatakitCommand } from '../../cli/baseCommand.js';
import { checkOutputFile, checkOutputFolder } from '../../cli/outputPaths.js';
import { findKit } from '../../kits/kits.js';
import { manifestTypes, toPackageXml } from '../../kits/packageXml.js';
import { retrieveKitSource } from '../../metadata/retrieve.js';
import { findRemovals } from '../../source/clean.js';
import { defaultOutputDir } from '../../source/projectDirs.js';
import type { RetrievedFile } from '../../metadata/retrieve.js';
import type { LeftOut } from '../../metadata/retrievable.js';
import { simpleExitCodes } from '../../cli/exitCodeHelp.js';
import { kitNameFlag, orgLabel } from '../../cli/flags.js';
import { retrievedTable } from '../../output/tables.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.retrieve');
const source = Messages.loadMessages('@sfdatakit/plugin-datakit', 'source');

export type DatakitRetrieveResult = {
  kit: string;
  outputDir: string;
  manifestFile: string;
  files: RetrievedFile[];
  leftOut: LeftOut[];
  toClean: string[];
};

export default class DatakitRetrieve extends DatakitCommand<DatakitRetrieveResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = simpleExitCodes;

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    name: kitNameFlag,
    'output-dir': Flags.directory({ char: 'r', summary: messages.getMessage('flags.output-dir.summary') }),
    'manifest-file': Flags.file({ char: 'x', summary: messages.getMessage('flags.manifest-file.summary') }),
    wait: Flags.duration({
      unit: 'minutes',
      char: 'w',
      summary: messages.getMessage('flags.wait.summary'),
      defaultValue: 10,
      min: 1,
    }),
  };

  public async run(): Promise<DatakitRetrieveResult> {
    const { flags } = await this.parse(DatakitRetrieve);
    await checkOutputFile('--manifest-file', flags['manifest-file']);
    await checkOutputFolder('--output-dir', flags['output-dir']);
    const org = flags['target-org'];
    const client = DataKitClient.forOrg(org, flags['api-version']);
    await findKit(client, flags.name, this.lookupContext(org));

    const types = manifestTypes(await client.manifest(flags.name));
    const outputDir = flags['output-dir'] ?? (await defaultOutputDir());
    const manifestFile = flags['manifest-file'] ?? join('manifest', `${flags.name}-package.xml`);
    const count = types.reduce((n, t) => n + t.members.length, 0);
    this.spinner.start(messages.getMessage('info.retrieving', [count, flags.name, orgLabel(org)]));
    const outcome = await retrieveKitSource(org.getConnection(client.apiVersion), types, outputDir, flags.wait.minutes);
    this.spinner.stop();

    // the package.xml lists what can be carried: the same split the retrieve made
    const kept = types.filter((t) => !outcome.leftOut.some((l) => l.type === t.type));
    await mkdir(dirname(manifestFile), { recursive: true });
    await writeFile(manifestFile, toPackageXml(kept, client.apiVersion));
    for (const l of outcome.leftOut)
      this.warn(source.getMessage('warning.leftOut', [l.type, l.members.join(', '), l.reason]));
    for (const p of outcome.problems) this.warn(messages.getMessage('info.problem', [p]));
    const failed = outcome.files.filter((f) => f.state === 'Failed');
    if (failed.length)
      throw messages.createError('error.RetrieveFailed', [
        flags.name,
        failed.map((f) => `${f.type} ${f.fullName}${f.error ? ` (${f.error})` : ''}`).join(', '),
      ]);

    this.printTable(retrievedTable(outcome.files, (path) => relative(process.cwd(), path)));
    this.logSuccess(messages.getMessage('info.retrieved', [outcome.files.length, flags.name, outputDir, manifestFile]));
    const toClean = (await findRemovals(outputDir)).map((r) => r.file);
    if (toClean.length) this.info(messages.getMessage('info.cleanNext', [toClean.length, outputDir]));
    return { kit: flags.name, outputDir, manifestFile, files: outcome.files, leftOut: outcome.leftOut, toClean };
  }
}
