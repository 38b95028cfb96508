import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { DatakitCommand } from '../../cli/baseCommand.js';
import { simpleExitCodes } from '../../cli/exitCodeHelp.js';
import { dataSpaceFlag, kitNameFlag, noPromptFlag, orgLabel, reasonFlag } from '../../cli/flags.js';
import { resolveAvailable } from '../../kits/available.js';
import { parseComponentRef } from '../../kits/componentRef.js';
import { waitUntilListed } from '../../kits/kits.js';
import { RecentKits } from '../../kits/recentKits.js';
import { createdTable } from '../../output/tables.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.create');

export type CreatedComponent = { type: string; name: string; label?: string };
export type DatakitCreateResult = {
  name: string;
  label: string;
  type: 'None' | 'Sandbox';
  dataSpace: string;
  components: CreatedComponent[];
  listed: boolean;
};

export default class DatakitCreate extends DatakitCommand<DatakitCreateResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = simpleExitCodes;

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    name: kitNameFlag,
    label: Flags.string({ char: 'l', summary: messages.getMessage('flags.label.summary'), required: true }),
    type: Flags.option({
      char: 't',
      summary: messages.getMessage('flags.type.summary'),
      options: ['None', 'Sandbox'] as const,
      default: 'None',
    })(),
    'data-space': dataSpaceFlag,
    component: Flags.string({ char: 'c', summary: messages.getMessage('flags.component.summary'), multiple: true }),
    'no-prompt': noPromptFlag,
    reason: reasonFlag,
  };

  public async run(): Promise<DatakitCreateResult> {
    const { flags } = await this.parse(DatakitCreate);
    const org = flags['target-org'];
    const refs = (flags.component ?? []).map(parseComponentRef);
    const change = await this.openChange(org, {
      kit: flags.name,
      what: messages.getMessage('what', [flags.name]),
      noPrompt: flags['no-prompt'],
      reason: flags.reason,
      apiVersion: flags['api-version'],
    });
    const client = change.writer;

    this.spinner.start(messages.getMessage('info.creating', [flags.name]));
    const components = refs.length > 0 ? await resolveAvailable(client, refs, orgLabel(org)) : [];
    try {
      await client.createKit({
        dataKitDevName: flags.name,
        label: flags.label,
        dataKitType: flags.type,
        ...(flags['data-space'] ? { dataSpaceName: flags['data-space'] } : {}),
        components,
      });
    } catch (e) {
      if ((e as Error).name === 'DUPLICATE_VALUE')
        throw messages.createError('error.KitExists', [flags.name, orgLabel(org)], [flags.name]);
      throw e;
    }
    await RecentKits.remember(org.getOrgId(), flags.name);
    // the next command looks the kit up: return once the org lists it (some orgs lag behind a create)
    const listed = await waitUntilListed(client, flags.name);
    this.spinner.stop();
    const result: DatakitCreateResult = {
      name: flags.name,
      label: flags.label,
      type: flags.type,
      dataSpace: flags['data-space'] ?? 'default',
      components: components.map((c) => ({ type: c.type, name: c.info.name, label: c.info.label })),
      listed,
    };
    this.logSuccess(messages.getMessage('info.created', [flags.name, components.length]));
    await this.recordRelease(change.release, {
      outcome: 'Succeeded',
      components: components.map((c) => ({ component: `${c.type}:${c.info.name}`, outcome: 'Added' })),
    });
    if (!listed) this.warn(messages.getMessage('warning.notListedYet', [flags.name]));
    if (components.length > 0) {
      this.printTable(createdTable(components));
    }
    return result;
  }
}
