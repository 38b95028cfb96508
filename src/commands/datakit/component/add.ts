import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { DatakitCommand } from '../../../cli/baseCommand.js';
import { simpleExitCodes } from '../../../cli/exitCodeHelp.js';
import { kitNameFlag, noPromptFlag, reasonFlag } from '../../../cli/flags.js';
import { parseComponentRef, refKey } from '../../../kits/componentRef.js';
import { addComponents, type AddOutcome } from '../../../kits/editKit.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.component.add');

export type DatakitComponentAddResult = AddOutcome;

export default class DatakitComponentAdd extends DatakitCommand<DatakitComponentAddResult> {
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
    'with-dependencies': Flags.boolean({ char: 'd', summary: messages.getMessage('flags.with-dependencies.summary') }),
  };

  public async run(): Promise<DatakitComponentAddResult> {
    const { flags } = await this.parse(DatakitComponentAdd);
    const refs = flags.component.map(parseComponentRef);
    const org = flags['target-org'];
    const { writer: client, release } = await this.openChange(org, {
      kit: flags.name,
      what: messages.getMessage('what', [flags.name]),
      noPrompt: flags['no-prompt'],
      reason: flags.reason,
      apiVersion: flags['api-version'],
    });

    this.spinner.start(messages.getMessage('info.adding', [flags.name]));
    const out = await addComponents(client, flags.name, refs, {
      withDependencies: flags['with-dependencies'],
      lookup: this.lookupContext(flags['target-org']),
    });
    this.spinner.stop();

    for (const r of out.alreadyInKit) this.info(messages.getMessage('info.alreadyInKit', [refKey(r), flags.name]));
    if (out.added.length > 0)
      this.logSuccess(messages.getMessage('info.added', [out.added.map(refKey).join(', '), flags.name]));
    if (out.dependenciesAdded.length > 0)
      this.logSuccess(messages.getMessage('info.dependenciesAdded', [out.dependenciesAdded.map(refKey).join(', ')]));
    if (out.missingDependencies.length > 0) {
      const lines = out.missingDependencies
        .map((m) => messages.getMessage('info.neededBy', [refKey(m), m.neededBy]))
        .join(', ');
      this.warn(
        messages.getMessage(
          flags['with-dependencies'] ? 'warning.unavailableDependencies' : 'warning.missingDependencies',
          [lines, flags.name]
        )
      );
    }
    const changed = [...out.added, ...out.dependenciesAdded];
    if (changed.length)
      await this.recordRelease(release, {
        outcome: 'Succeeded',
        components: changed.map((c) => ({ component: refKey(c), outcome: 'Added' })),
      });
    return out;
  }
}
