import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import type { ChecklistItem } from '../../kits/checklist.js';
import { simpleExitCodes } from '../../shared/exitCodes.js';
import { configFileFlag, dataSpaceFlag, kitNameFlag, orgLabel } from '../../shared/flags.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.checklist');

export type DatakitChecklistResult = { kit: string; dataSpace: string; items: ChecklistItem[] };

export default class DatakitChecklist extends SfCommand<DatakitChecklistResult> {
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
    const { DataKitClient } = await import('../../api/client.js');
    const { findKit } = await import('../../kits/kits.js');
    const { kitComponents } = await import('../../kits/components.js');
    const { credentialChecklist } = await import('../../kits/checklist.js');
    const { deployComponent, isDeployable } = await import('../../deploy/config.js');
    const { readConfigOverrides } = await import('../../deploy/configFile.js');
    const { formatChecklist } = await import('../../output/checklist.js');
    const org = flags['target-org'];
    const client = DataKitClient.forOrg(org, flags['api-version']);
    const kit = await findKit(client, flags.name, orgLabel(org));
    const dataSpace = flags['data-space'] ?? kit.dataSpaceName ?? 'default';
    const overrides = flags['config-file'] ? await readConfigOverrides(flags['config-file']) : undefined;
    const components = kitComponents(kit);
    const ctx = { kit: flags.name, dataSpace, orgId: org.getOrgId() };
    const configs = new Map(components.filter((c) => isDeployable(c.type)).map((c) => [c.name, deployComponent(c, ctx, overrides)]));
    const items = credentialChecklist(components, configs, dataSpace);
    this.log(formatChecklist(flags.name, items));
    return { kit: flags.name, dataSpace, items };
  }
}
