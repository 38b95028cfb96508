import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { simpleExitCodes } from '../../shared/exitCodes.js';
import { kitNameFlag, orgLabel } from '../../shared/flags.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.delete');

export type DatakitDeleteResult = { name: string; deleted: boolean };

export default class DatakitDelete extends SfCommand<DatakitDeleteResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = simpleExitCodes;

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    name: kitNameFlag,
    'no-prompt': Flags.boolean({ char: 'p', summary: messages.getMessage('flags.no-prompt.summary') }),
  };

  public async run(): Promise<DatakitDeleteResult> {
    const { flags } = await this.parse(DatakitDelete);
    const { DataKitClient } = await import('../../api/client.js');
    const { findKit } = await import('../../kits/kits.js');
    const org = flags['target-org'];
    const client = DataKitClient.forOrg(org, flags['api-version']);
    // look the kit up first: an unknown name gets suggestions, and the prompt can say what is lost
    const kit = await findKit(client, flags.name, orgLabel(org));
    const count = kit.components?.length ?? 0;
    if (!flags['no-prompt'] && !(await this.confirm({ message: messages.getMessage('prompt.confirm', [flags.name, count, orgLabel(org)]) }))) {
      this.info(messages.getMessage('info.cancelled'));
      return { name: flags.name, deleted: false };
    }
    await client.deleteKit(flags.name);
    this.logSuccess(messages.getMessage('info.deleted', [flags.name]));
    return { name: flags.name, deleted: true };
  }
}
