import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { simpleExitCodes } from '../../../shared/exitCodes.js';
import { orgLabel } from '../../../shared/flags.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.component.list');
const shared = Messages.loadMessages('@sfdatakit/plugin-datakit', 'shared');

export type ListedComponent = { type: string; name: string; label?: string; connectorType?: string; order?: number };
export type DatakitComponentListResult = { kit?: string; available: boolean; total: number; components: ListedComponent[] };

export default class DatakitComponentList extends SfCommand<DatakitComponentListResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = simpleExitCodes;

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    name: Flags.string({ char: 'n', summary: shared.getMessage('flags.name.summary') }),
    available: Flags.boolean({ char: 'a', summary: messages.getMessage('flags.available.summary') }),
    type: Flags.string({ char: 't', summary: messages.getMessage('flags.type.summary'), dependsOn: ['available'] }),
  };

  public async run(): Promise<DatakitComponentListResult> {
    const { flags } = await this.parse(DatakitComponentList);
    if (!flags.available && !flags.name) throw messages.createError('error.NameOrAvailable');
    const { DataKitClient } = await import('../../../api/client.js');
    const { findKit } = await import('../../../kits/kits.js');
    const org = flags['target-org'];
    const client = DataKitClient.forOrg(org, flags['api-version']);

    if (!flags.available) {
      const { kitComponents } = await import('../../../kits/components.js');
      const kit = await findKit(client, flags.name!, orgLabel(org));
      const components = kitComponents(kit).map(({ type, name, label, connectorType, order }) => ({ type, name, label, connectorType, order }));
      this.table({
        data: components.map((c) => ({ ...c, label: c.label ?? '', connectorType: c.connectorType ?? '' })),
        columns: [
          { key: 'order', name: 'Order' },
          { key: 'type', name: 'Type' },
          { key: 'name', name: 'Name' },
          { key: 'label', name: 'Label' },
          { key: 'connectorType', name: 'Connector' },
        ],
        title: messages.getMessage('info.kitTitle', [flags.name, components.length]),
      });
      return { kit: flags.name, available: false, total: components.length, components };
    }

    const { parseTypeFlag } = await import('../../../kits/componentRef.js');
    const type = flags.type ? parseTypeFlag(flags.type) : undefined;
    if (flags.name) await findKit(client, flags.name, orgLabel(org));
    this.spinner.start(messages.getMessage('info.loadingAvailable'));
    const found = await client.allAvailableComponents({ componentType: type, dataKitDevName: flags.name });
    this.spinner.stop(messages.getMessage('info.found', [found.length]));
    const components = found
      .map((c) => ({ type: c.type, name: c.info.name, label: c.info.label, connectorType: c.info.connectorType }))
      .sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
    this.table({
      data: components.map((c) => ({ ...c, label: c.label ?? '', connectorType: c.connectorType ?? '' })),
      columns: [
        { key: 'type', name: 'Type' },
        { key: 'name', name: 'Name' },
        { key: 'label', name: 'Label' },
        { key: 'connectorType', name: 'Connector' },
      ],
      title: flags.name
        ? messages.getMessage('info.availableForKitTitle', [flags.name, components.length])
        : messages.getMessage('info.availableTitle', [components.length]),
    });
    return { kit: flags.name, available: true, total: components.length, components };
  }
}
