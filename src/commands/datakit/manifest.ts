import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { DataKitClient } from '../../api/client.js';
import { ApiError } from '../../api/errors.js';
import { DatakitCommand } from '../../cli/baseCommand.js';
import { simpleExitCodes } from '../../cli/exitCodeHelp.js';
import { kitNameFlag } from '../../cli/flags.js';
import { checkOutputFile } from '../../cli/outputPaths.js';
import { kitNotFound } from '../../kits/kits.js';
import { manifestTypes, toPackageXml, type ManifestType } from '../../kits/packageXml.js';
import { splitCarriable } from '../../metadata/registry.js';
import type { LeftOut } from '../../metadata/retrievable.js';
import { manifestTable } from '../../output/tables.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.manifest');
const source = Messages.loadMessages('@sfdatakit/plugin-datakit', 'source');

export type DatakitManifestResult = {
  name: string;
  apiVersion: string;
  types: ManifestType[];
  excluded: LeftOut[];
  outputFile?: string;
};

export default class DatakitManifest extends DatakitCommand<DatakitManifestResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = simpleExitCodes;

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    name: kitNameFlag,
    'output-file': Flags.file({ char: 'f', summary: messages.getMessage('flags.output-file.summary') }),
  };

  public async run(): Promise<DatakitManifestResult> {
    const { flags } = await this.parse(DatakitManifest);
    await checkOutputFile('--output-file', flags['output-file']);
    const org = flags['target-org'];
    const client = DataKitClient.forOrg(org, flags['api-version']);

    let members;
    try {
      members = await client.manifest(flags.name);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 404) throw e;
      throw kitNotFound(
        flags.name,
        (await client.listKits()).map((k) => k.developerName),
        this.lookupContext(org)
      );
    }
    const all = manifestTypes(members);
    // the same rule as "sf datakit retrieve": what the Metadata API or the CLI registry cannot carry is left out
    const { retrievable: types, leftOut } = splitCarriable(all);
    for (const l of leftOut) this.warn(source.getMessage('warning.leftOut', [l.type, l.members.join(', '), l.reason]));

    this.printTable(
      manifestTable(all, (type) =>
        leftOut.some((l) => l.type === type) ? messages.getMessage('info.leftOutNote') : undefined
      ),
      messages.getMessage('info.title', [flags.name])
    );
    let outputFile: string | undefined;
    if (flags['output-file']) {
      outputFile = resolve(flags['output-file']);
      await mkdir(dirname(outputFile), { recursive: true });
      await writeFile(outputFile, toPackageXml(types, client.apiVersion));
      this.logSuccess(messages.getMessage('info.written', [outputFile, flags['output-file'], org.getUsername()]));
    }
    return {
      name: flags.name,
      apiVersion: client.apiVersion,
      types,
      excluded: leftOut,
      ...(outputFile ? { outputFile } : {}),
    };
  }
}
