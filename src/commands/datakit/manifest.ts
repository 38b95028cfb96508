import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import type { ManifestType } from '../../kits/packageXml.js';
import { simpleExitCodes } from '../../shared/exitCodes.js';
import { kitNameFlag, orgLabel } from '../../shared/flags.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.manifest');

export type DatakitManifestResult = { name: string; apiVersion: string; types: ManifestType[]; excluded: ManifestType[]; outputFile?: string };

export default class DatakitManifest extends SfCommand<DatakitManifestResult> {
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
    const { DataKitClient } = await import('../../api/client.js');
    const { manifestTypes, NOT_RETRIEVABLE, toPackageXml } = await import('../../kits/packageXml.js');
    const { kitNotFound } = await import('../../kits/kits.js');
    const client = DataKitClient.forOrg(flags['target-org'], flags['api-version']);

    let list;
    try {
      list = await client.manifest(flags.name);
    } catch (e) {
      if ((e as { data?: { status?: number } }).data?.status !== 404) throw e;
      throw kitNotFound(flags.name, (await client.listKits()).map((k) => k.developerName), orgLabel(flags['target-org']));
    }
    const all = manifestTypes(list);
    const types = all.filter((t) => !NOT_RETRIEVABLE[t.type]);
    const excluded = all.filter((t) => NOT_RETRIEVABLE[t.type]);
    for (const t of excluded) this.warn(messages.getMessage('warning.excluded', [t.type, t.members.join(', '), NOT_RETRIEVABLE[t.type]]));

    this.table({
      data: all.map((t) => ({ type: t.type, count: t.members.length, members: t.members.join(', '), note: NOT_RETRIEVABLE[t.type] ? 'left out' : '' })),
      columns: [
        { key: 'type', name: 'Metadata Type' },
        { key: 'count', name: 'Count' },
        { key: 'members', name: 'Members' },
        { key: 'note', name: 'Note' },
      ],
      title: messages.getMessage('info.title', [flags.name]),
    });
    let outputFile: string | undefined;
    if (flags['output-file']) {
      const { mkdir, writeFile } = await import('node:fs/promises');
      const { dirname, resolve } = await import('node:path');
      outputFile = resolve(flags['output-file']);
      await mkdir(dirname(outputFile), { recursive: true });
      await writeFile(outputFile, toPackageXml(types, client.apiVersion));
      this.logSuccess(messages.getMessage('info.written', [outputFile, flags['output-file'], flags['target-org'].getUsername()]));
    }
    return { name: flags.name, apiVersion: client.apiVersion, types, excluded, ...(outputFile ? { outputFile } : {}) };
  }
}
