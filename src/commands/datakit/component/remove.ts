import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { DatakitCommand } from '../../../cli/baseCommand.js';
import { simpleExitCodes } from '../../../cli/exitCodeHelp.js';
import { kitNameFlag, noPromptFlag, reasonFlag } from '../../../cli/flags.js';
import { parseComponentRef, refKey } from '../../../kits/componentRef.js';
import { removeComponents, type RemoveOutcome } from '../../../kits/editKit.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.component.remove');

export type DatakitComponentRemoveResult = RemoveOutcome;

export default class DatakitComponentRemove extends DatakitCommand<DatakitComponentRemoveResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = simpleExitCodes;

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    name: kitNameFlag,
    component: Flags.string({
      char: 'c',
      summary: messages.getMessage('flags.component.summary'),
      multiple: true,
      required: true,
    }),
    'no-prompt': noPromptFlag,
    reason: reasonFlag,
  };

  public async run(): Promise<DatakitComponentRemoveResult> {
    const { flags } = await this.parse(DatakitComponentRemove);
    const refs = flags.component.map(parseComponentRef);
    const org = flags['target-org'];
    const { writer: client, release } = await this.openChange(org, {
      kit: flags.name,
      what: messages.getMessage('what', [flags.name]),
      noPrompt: flags['no-prompt'],
      reason: flags.reason,
      apiVersion: flags['api-version'],
    });

    this.spinner.start(messages.getMessage('info.removing', [flags.name]));
    const out = await removeComponents(client, flags.name, refs, this.lookupContext(flags['target-org']));
    this.spinner.stop();

    this.logSuccess(
      messages.getMessage('info.removed', [out.removed.map(refKey).join(', '), flags.name, out.components.length])
    );
    for (const d of out.stillDeployed)
      this.warn(
        messages.getMessage('warning.stillDeployed', [
          refKey(d),
          d.status,
          flags.name,
          refKey(d),
          flags.name,
          refKey(d),
        ])
      );
    for (const b of out.brokenDependencies)
      this.warn(messages.getMessage('warning.brokenDependency', [refKey(b), b.needs]));
    await this.recordRelease(release, {
      outcome: 'Succeeded',
      components: out.removed.map((c) => ({ component: refKey(c), outcome: 'Removed' })),
    });
    return out;
  }
}
