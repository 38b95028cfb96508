import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { DatakitCommand } from '../../cli/baseCommand.js';
import { simpleExitCodes } from '../../cli/exitCodeHelp.js';
import { kitNameFlag, noPromptFlag, orgLabel, reasonFlag } from '../../cli/flags.js';
import { findKit } from '../../kits/kits.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.delete');

export type DatakitDeleteResult = { name: string; deleted: boolean };

export default class DatakitDelete extends DatakitCommand<DatakitDeleteResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = simpleExitCodes;

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    name: kitNameFlag,
    'no-prompt': noPromptFlag,
    reason: reasonFlag,
  };

  public async run(): Promise<DatakitDeleteResult> {
    const { flags } = await this.parse(DatakitDelete);
    const org = flags['target-org'];
    const approval = await this.openChange(org, {
      kit: flags.name,
      what: messages.getMessage('what', [flags.name]),
      noPrompt: flags['no-prompt'],
      reason: flags.reason,
      apiVersion: flags['api-version'],
    });
    if (!approval.confirmed) this.ensurePromptable(flags['no-prompt']);
    const client = approval.writer;
    // look the kit up first: an unknown name gets suggestions, and the prompt can say what is lost
    const kit = await findKit(client, flags.name, this.lookupContext(org));
    if (
      !approval.confirmed &&
      !(await this.confirmOrRefuse(
        messages.getMessage('prompt.confirm', [flags.name, kit.components.length, orgLabel(org)]),
        flags['no-prompt']
      ))
    ) {
      this.info(messages.getMessage('info.cancelled'));
      return { name: flags.name, deleted: false };
    }
    await client.deleteKit(flags.name);
    this.logSuccess(messages.getMessage('info.deleted', [flags.name]));
    await this.recordRelease(approval.release, {
      outcome: 'Succeeded',
      components: kit.components.map((c) => ({ component: `${c.componentType ?? ''}:${c.developerName}` })),
    });
    return { name: flags.name, deleted: true };
  }
}
