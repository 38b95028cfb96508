import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { simpleExitCodes } from '../../shared/exitCodes.js';
import type { KitSummary } from '../../kits/kits.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.list');

export type DatakitListResult = { kits: KitSummary[] };

export default class DatakitList extends SfCommand<DatakitListResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = simpleExitCodes;

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    namespace: Flags.string({ summary: messages.getMessage('flags.namespace.summary') }),
  };

  public async run(): Promise<DatakitListResult> {
    const { flags } = await this.parse(DatakitList);
    // heavy modules load only when a command runs, keeping `sf` start-up lean
    const { DataKitClient } = await import('../../api/client.js');
    const { summarize, typeLabel } = await import('../../kits/kits.js');
    const client = DataKitClient.forOrg(flags['target-org'], flags['api-version']);
    this.spinner.start(messages.getMessage('info.loading'));
    const kits = (await client.listKits(flags.namespace)).map(summarize).sort((a, b) => a.name.localeCompare(b.name));
    this.spinner.stop();
    if (kits.length === 0) {
      this.info(messages.getMessage('info.noKits'));
    } else {
      this.table({
        data: kits.map((k) => ({ ...k, type: typeLabel(k.type), dataSpace: k.dataSpace ?? '—' })),
        columns: [
          { key: 'name', name: 'Name' },
          { key: 'label', name: 'Label' },
          { key: 'type', name: 'Type' },
          { key: 'componentCount', name: 'Components' },
          { key: 'dataSpace', name: 'Data Space' },
        ],
        title: messages.getMessage('info.title', [kits.length]),
      });
    }
    return { kits };
  }
}
