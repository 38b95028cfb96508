import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import type { RemoveOutcome } from '../../../kits/editKit.js';
import { simpleExitCodes } from '../../../shared/exitCodes.js';
import { kitNameFlag, orgLabel } from '../../../shared/flags.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.component.remove');

export type DatakitComponentRemoveResult = RemoveOutcome;

export default class DatakitComponentRemove extends SfCommand<DatakitComponentRemoveResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = simpleExitCodes;

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    name: kitNameFlag,
    component: Flags.string({ char: 'c', summary: messages.getMessage('flags.component.summary'), multiple: true, required: true }),
  };

  public async run(): Promise<DatakitComponentRemoveResult> {
    const { flags } = await this.parse(DatakitComponentRemove);
    const { DataKitClient } = await import('../../../api/client.js');
    const { parseComponentRef, refKey } = await import('../../../kits/componentRef.js');
    const { removeComponents } = await import('../../../kits/editKit.js');
    const refs = flags.component.map(parseComponentRef);
    const client = DataKitClient.forOrg(flags['target-org'], flags['api-version']);

    this.spinner.start(messages.getMessage('info.removing', [flags.name]));
    const out = await removeComponents(client, flags.name, refs, orgLabel(flags['target-org']));
    this.spinner.stop();

    this.logSuccess(messages.getMessage('info.removed', [out.removed.map(refKey).join(', '), flags.name, out.components.length]));
    for (const d of out.stillDeployed) this.warn(messages.getMessage('warning.stillDeployed', [refKey(d), d.status, flags.name, refKey(d), flags.name, refKey(d)]));
    for (const b of out.brokenDependencies) this.warn(messages.getMessage('warning.brokenDependency', [refKey(b), b.needs]));
    return out;
  }
}
