import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { commandUx } from '../../shared/commandUx.js';
import type { JobResult } from '../../deploy/types.js';
import type { ChecklistItem } from '../../kits/checklist.js';
import type { Ref } from '../../kits/dependencies.js';
import { jobExitCodes } from '../../shared/exitCodes.js';
import { asyncFlag, configFileFlag, dataSpaceFlag, junitFlag, kitNameFlag, orgLabel, resultsDirFlag, waitFlag } from '../../shared/flags.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.unwrap');

export type DatakitUnwrapResult = {
  kit: string;
  method?: 'connect' | 'flow';
  jobId?: string;
  alreadyActive: Ref[];
  checklist: ChecklistItem[];
  job?: JobResult;
};

export default class DatakitUnwrap extends SfCommand<DatakitUnwrapResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = jobExitCodes;

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    name: kitNameFlag,
    'data-space': dataSpaceFlag,
    method: Flags.option({ summary: messages.getMessage('flags.method.summary'), options: ['auto', 'connect', 'flow'] as const, default: 'auto' })(),
    'config-file': configFileFlag,
    wait: waitFlag,
    async: asyncFlag,
    junit: junitFlag,
    'results-dir': resultsDirFlag,
  };

  public async run(): Promise<DatakitUnwrapResult> {
    const { flags } = await this.parse(DatakitUnwrap);
    const { DataKitClient } = await import('../../api/client.js');
    const { findKit } = await import('../../kits/kits.js');
    const { unwrapAndWatch } = await import('../../unwrap/unwrapAndWatch.js');
    const { readConfigOverrides } = await import('../../deploy/configFile.js');
    const org = flags['target-org'];
    const client = DataKitClient.forOrg(org, flags['api-version']);
    const kit = await findKit(client, flags.name, orgLabel(org));
    const outcome = await unwrapAndWatch({
      client,
      kit,
      orgId: org.getOrgId(),
      orgName: org.getUsername() ?? 'target-org',
      ux: commandUx(this),
      jsonEnabled: this.jsonEnabled(),
      dataSpace: flags['data-space'],
      overrides: flags['config-file'] ? await readConfigOverrides(flags['config-file']) : undefined,
      method: flags.method,
      async: flags.async,
      waitMinutes: flags.wait.minutes,
      junit: { enabled: flags.junit, dir: flags['results-dir'] },
    });
    return { kit: flags.name, ...outcome };
  }
}
