import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { DataKitClient } from '../../api/client.js';
import { DatakitCommand } from '../../cli/baseCommand.js';
import { simpleExitCodes } from '../../cli/exitCodeHelp.js';
import { kitNameFlag } from '../../cli/flags.js';
import { kitComponents } from '../../kits/components.js';
import { findKit } from '../../kits/kits.js';
import { componentStatuses, type ComponentStatus } from '../../kits/status.js';
import { statusTable } from '../../output/tables.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.status');

export type DatakitStatusResult = { kit: string; components: ComponentStatus[]; counts: Record<string, number> };

export default class DatakitStatus extends DatakitCommand<DatakitStatusResult> {
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
    const org = flags['target-org'];
    const client = DataKitClient.forOrg(org, flags['api-version']);
    const kit = await findKit(client, flags.name, this.lookupContext(org));
    this.spinner.start(messages.getMessage('info.reading', [flags.name]));
    const components = await componentStatuses(client, flags.name, kitComponents(kit));
    this.spinner.stop();
    const counts: Record<string, number> = {};
    for (const c of components) counts[c.status] = (counts[c.status] ?? 0) + 1;
    this.printTable(
      statusTable(components),
      messages.getMessage('info.title', [
        flags.name,
        Object.entries(counts)
          .map(([k, v]) => `${v} ${k}`)
          .join(', ') || messages.getMessage('info.noComponents'),
      ])
    );
    return { kit: flags.name, components, counts };
  }
}
