import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { DataKitClient } from '../../api/client.js';
import { DatakitCommand } from '../../cli/baseCommand.js';
import { simpleExitCodes } from '../../cli/exitCodeHelp.js';
import { configFileFlag, dataSpaceFlag, kitNameFlag } from '../../cli/flags.js';
import { deployComponent, isDeployable } from '../../deploy/config.js';
import { readConfigOverrides, unusedOverrides } from '../../deploy/configFile.js';
import { credentialChecklist, type ChecklistItem } from '../../kits/checklist.js';
import { kitComponents } from '../../kits/components.js';
import { findKit } from '../../kits/kits.js';
import { formatChecklist } from '../../output/checklist.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.checklist');

export type DatakitChecklistResult = { kit: string; dataSpace: string; items: ChecklistItem[] };

export default class DatakitChecklist extends DatakitCommand<DatakitChecklistResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = simpleExitCodes;

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    name: kitNameFlag,
    'data-space': dataSpaceFlag,
    'config-file': configFileFlag,
  };

  public async run(): Promise<DatakitChecklistResult> {
    const { flags } = await this.parse(DatakitChecklist);
    const org = flags['target-org'];
    const overrides = flags['config-file'] ? await readConfigOverrides(flags['config-file']) : undefined;
    const client = DataKitClient.forOrg(org, flags['api-version']);
    const kit = await findKit(client, flags.name, this.lookupContext(org));
    const dataSpace = flags['data-space'] ?? kit.dataSpaceName ?? 'default';
    const components = kitComponents(kit);
    const unused = unusedOverrides(overrides, components, flags.name);
    if (unused) this.warn(unused);
    const ctx = { kit: flags.name, dataSpace, orgId: org.getOrgId() };
    const configs = new Map(
      components.filter((c) => isDeployable(c.type)).map((c) => [c.name, deployComponent(c, ctx, overrides)])
    );
    const items = credentialChecklist(components, configs, dataSpace);
    this.log(formatChecklist(flags.name, items));
    return { kit: flags.name, dataSpace, items };
  }
}
