import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import type { JobResult } from '../../deploy/types.js';
import type { ChecklistItem } from '../../kits/checklist.js';
import type { Ref } from '../../kits/dependencies.js';
import { jobExitCodes } from '../../shared/exitCodes.js';
import { asyncFlag, dataSpaceFlag, junitFlag, kitNameFlag, orgLabel, resultsDirFlag, waitFlag } from '../../shared/flags.js';

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
    'config-file': Flags.file({ exists: true, summary: messages.getMessage('flags.config-file.summary') }),
    wait: waitFlag,
    async: asyncFlag,
    junit: junitFlag,
    'results-dir': resultsDirFlag,
  };

  public async run(): Promise<DatakitUnwrapResult> {
    const { flags } = await this.parse(DatakitUnwrap);
    const { DataKitClient } = await import('../../api/client.js');
    const { findKit } = await import('../../kits/kits.js');
    const { startUnwrap } = await import('../../unwrap/unwrap.js');
    const { cacheJob, resumeCommand, runJob } = await import('../../deploy/runJob.js');
    const { readConfigOverrides } = await import('../../deploy/configFile.js');
    const { formatChecklist } = await import('../../output/checklist.js');
    const { refKey } = await import('../../kits/componentRef.js');
    const org = flags['target-org'];
    const orgName = org.getUsername() ?? 'target-org';
    const client = DataKitClient.forOrg(org, flags['api-version']);

    const kit = await findKit(client, flags.name, orgLabel(org));
    const overrides = flags['config-file'] ? await readConfigOverrides(flags['config-file']) : undefined;
    const start = await startUnwrap(client, kit, { orgId: org.getOrgId(), dataSpace: flags['data-space'], overrides, method: flags.method });
    if (start.alreadyActive.length) this.info(messages.getMessage('info.alreadyActive', [start.alreadyActive.map(refKey).join(', ')]));
    const base = { kit: flags.name, alreadyActive: start.alreadyActive, checklist: start.checklist };
    if (!start.started) {
      this.logSuccess(messages.getMessage('info.nothingToDo', [flags.name]));
      return base;
    }
    this.log(messages.getMessage(start.method === 'connect' ? 'info.startedConnect' : 'info.startedFlow', [start.jobId]));
    await cacheJob(start.jobId, {
      kind: 'unwrap', kit: flags.name, username: orgName, dataSpace: start.dataSpace, components: start.expected,
      ...('interviewId' in start.source ? { interviewId: start.source.interviewId } : {}),
    });
    const result = { ...base, method: start.method, jobId: start.jobId };
    if (flags.async) {
      this.log(messages.getMessage('info.async', [resumeCommand(start.jobId, orgName)]));
      return result;
    }
    const job = await runJob({
      client,
      ux: { log: (t) => this.log(t), warn: (t) => this.warn(t), success: (t) => this.logSuccess(t), table: (data, columns) => this.table({ data, columns }) },
      jsonEnabled: this.jsonEnabled(),
      kind: 'unwrap',
      source: start.source,
      kit: flags.name,
      orgName,
      dataSpace: start.dataSpace,
      expected: start.expected,
      waitMinutes: flags.wait.minutes,
      junit: { enabled: flags.junit, dir: flags['results-dir'] },
    });
    if (job.outcome !== 'Failed') this.log(formatChecklist(flags.name, start.checklist));
    return { ...result, job };
  }
}
