import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import type { ComponentStatus } from '../../kits/status.js';
import { simpleExitCodes } from '../../shared/exitCodes.js';
import { kitNameFlag, orgLabel } from '../../shared/flags.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.status');

export type DatakitStatusResult = { kit: string; components: ComponentStatus[]; counts: Record<string, number> };

export default class DatakitStatus extends SfCommand<DatakitStatusResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = simpleExitCodes;

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    name: kitNameFlag,
  };

  public async run(): Promise<DatakitStatusResult> {
    const { flags } = await this.parse(DatakitStatus);
    const { DataKitClient } = await import('../../api/client.js');
    const { findKit } = await import('../../kits/kits.js');
    const { kitComponents } = await import('../../kits/components.js');
    const { componentStatuses } = await import('../../kits/status.js');
    const client = DataKitClient.forOrg(flags['target-org'], flags['api-version']);
    const kit = await findKit(client, flags.name, orgLabel(flags['target-org']));
    this.spinner.start(messages.getMessage('info.reading', [flags.name]));
    const components = await componentStatuses(client, flags.name, kitComponents(kit));
    this.spinner.stop();
    const counts: Record<string, number> = {};
    for (const c of components) counts[c.status] = (counts[c.status] ?? 0) + 1;
    this.table({
      data: components.map((c) => ({ ...c, componentId: c.componentId ?? '' })),
      columns: [
        { key: 'order', name: '#' },
        { key: 'type', name: 'Type' },
        { key: 'name', name: 'Name' },
        { key: 'status', name: 'Status' },
        { key: 'componentId', name: 'Component ID' },
      ],
      title: messages.getMessage('info.title', [flags.name, Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ') || 'no components']),
    });
    return { kit: flags.name, components, counts };
  }
}
