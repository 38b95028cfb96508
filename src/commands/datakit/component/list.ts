import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { DataKitClient } from '../../../api/client.js';
import { DatakitCommand } from '../../../cli/baseCommand.js';
import { simpleExitCodes } from '../../../cli/exitCodeHelp.js';
import { developerName } from '../../../cli/flags.js';
import { parseTypeFlag } from '../../../kits/componentRef.js';
import { displayName, kitComponents } from '../../../kits/components.js';
import { findKit } from '../../../kits/kits.js';
import { availableTable, kitComponentsTable } from '../../../output/tables.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.component.list');
const shared = Messages.loadMessages('@sfdatakit/plugin-datakit', 'shared');

export type ListedComponent = {
  type: string;
  name: string;
  label?: string;
  connectorType?: string;
  order?: number;
  /** a DLO's API name where the org lists it under another name (Orders_Enriched1 for Orders_Enriched__dll) */
  apiName?: string;
};
export type DatakitComponentListResult = {
  kit?: string;
  available: boolean;
  total: number;
  components: ListedComponent[];
};

export default class DatakitComponentList extends DatakitCommand<DatakitComponentListResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = simpleExitCodes;

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    name: Flags.string({
      char: 'n',
      summary: shared.getMessage('flags.name.summary'),
      parse: (input) => Promise.resolve(developerName(input)),
    }),
    available: Flags.boolean({ char: 'a', summary: messages.getMessage('flags.available.summary') }),
    type: Flags.string({ char: 't', summary: messages.getMessage('flags.type.summary'), dependsOn: ['available'] }),
  };

  public async run(): Promise<DatakitComponentListResult> {
    const { flags } = await this.parse(DatakitComponentList);
    if (!flags.available && !flags.name) throw messages.createError('error.NameOrAvailable');
    const org = flags['target-org'];
    const client = DataKitClient.forOrg(org, flags['api-version']);

    if (!flags.available) {
      const kit = await findKit(client, flags.name!, this.lookupContext(org));
      const components = kitComponents(kit).map(({ type, name, label, connectorType, order, apiName }) => ({
        type,
        name,
        label,
        connectorType,
        order,
        ...(apiName ? { apiName } : {}),
      }));
      this.printTable(
        kitComponentsTable(components.map((c) => ({ ...c, name: displayName(c) }))),
        messages.getMessage('info.kitTitle', [flags.name, components.length])
      );
      return { kit: flags.name, available: false, total: components.length, components };
    }

    const type = flags.type ? parseTypeFlag(flags.type) : undefined;
    const kit = flags.name ? await findKit(client, flags.name, this.lookupContext(org)) : undefined;
    this.spinner.start(messages.getMessage('info.loadingAvailable'));
    const listed = await client.allAvailableComponents({ componentType: type, dataKitDevName: flags.name });
    for (const note of client.fallbacks) this.warn(note);
    // some orgs ignore dataKitDevName: leave out what the kit has ourselves too
    const inKit = new Set(
      kit ? kitComponents(kit).flatMap((c) => [c.name, c.apiName ?? c.name].map((n) => `${c.type}:${n}`)) : []
    );
    const found = listed.filter((c) => !inKit.has(`${c.type}:${c.info.name}`));
    this.spinner.stop(messages.getMessage('info.found', [found.length]));
    const components = found
      .map((c) => ({ type: c.type, name: c.info.name, label: c.info.label, connectorType: c.info.connectorType }))
      .sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
    this.printTable(
      availableTable(components),
      flags.name
        ? messages.getMessage('info.availableForKitTitle', [flags.name, components.length])
        : messages.getMessage('info.availableTitle', [components.length])
    );
    return { kit: flags.name, available: true, total: components.length, components };
  }
}
