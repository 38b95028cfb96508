import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { DatakitCommand } from '../../cli/baseCommand.js';
import { jobExitCodes } from '../../cli/exitCodeHelp.js';
import {
  asyncFlag,
  dataSpaceFlag,
  junitFlag,
  kitNameFlag,
  noPromptFlag,
  reasonFlag,
  resultsDirFlag,
  waitFlag,
} from '../../cli/flags.js';
import { checkResultsDir } from '../../cli/outputPaths.js';
import type { JobResult } from '../../deploy/types.js';
import { planUndeploy, type UndeployPlan } from '../../deploy/undeployPlan.js';
import { rememberJob } from '../../jobs/cache.js';
import { runJob } from '../../jobs/run.js';
import { resumeCommand } from '../../shared/nextCommands.js';
import { parseComponentRef, refKey } from '../../kits/componentRef.js';
import { findKit } from '../../kits/kits.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.undeploy');

export type DatakitUndeployResult = {
  kit: string;
  jobId?: string;
  plan: UndeployPlan;
  cancelled: boolean;
  job?: JobResult;
};

export default class DatakitUndeploy extends DatakitCommand<DatakitUndeployResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = jobExitCodes;

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    name: kitNameFlag,
    component: Flags.string({ char: 'c', summary: messages.getMessage('flags.component.summary'), multiple: true }),
    'data-space': dataSpaceFlag,
    wait: waitFlag,
    async: asyncFlag,
    'no-prompt': noPromptFlag,
    reason: reasonFlag,
    junit: junitFlag,
    'results-dir': resultsDirFlag,
  };

  public async run(): Promise<DatakitUndeployResult> {
    const { flags } = await this.parse(DatakitUndeploy);
    const org = flags['target-org'];
    const orgName = org.getUsername() ?? 'target-org';
    const refs = flags.component?.map(parseComponentRef);
    const approval = await this.openChange(org, {
      kit: flags.name,
      what: messages.getMessage('what', [flags.name]),
      noPrompt: flags['no-prompt'],
      reason: flags.reason,
      apiVersion: flags['api-version'],
    });
    // a protected org's typed alias was the confirmation: no second question
    if (!approval.confirmed) this.ensurePromptable(flags['no-prompt']);
    if (flags.junit) await checkResultsDir(flags['results-dir']);
    const client = approval.writer;

    const kit = await findKit(client, flags.name, this.lookupContext(org));
    const dataSpace = flags['data-space'] ?? kit.dataSpaceName;
    const plan = await planUndeploy(client, kit, refs, dataSpace);
    for (const s of plan.skipped) this.info(messages.getMessage('info.skipped', [refKey(s), s.reason]));
    if (plan.order.length === 0) {
      this.info(messages.getMessage('info.nothing', [flags.name]));
      return { kit: flags.name, plan, cancelled: false };
    }
    this.log(messages.getMessage('info.order', [plan.order.map(refKey).join(' → ')]));
    if (
      !approval.confirmed &&
      !(await this.confirmOrRefuse(
        messages.getMessage('prompt.confirm', [plan.order.length, flags.name, orgName]),
        flags['no-prompt']
      ))
    ) {
      this.info(messages.getMessage('info.cancelled'));
      return { kit: flags.name, plan, cancelled: true };
    }

    const { release } = approval;
    const jobId = await client.undeploy(flags.name, plan.order, flags['data-space']);
    await rememberJob(jobId, {
      kind: 'undeploy',
      kit: flags.name,
      username: orgName,
      orgId: org.getOrgId(),
      dataSpace,
      components: plan.order,
    });
    if (flags.async) {
      this.log(messages.getMessage('info.async', [jobId, resumeCommand(jobId, orgName)]));
      await this.recordJobRelease(release, jobId, plan.order);
      return { kit: flags.name, jobId, plan, cancelled: false };
    }
    const job = await runJob({
      client,
      ux: this.jobUx,
      progress: this.progressDisplay,
      kind: 'undeploy',
      source: { jobId },
      kit: flags.name,
      orgName,
      dataSpace,
      expected: plan.order,
      known: true,
      waitMinutes: flags.wait.minutes,
      junit: { enabled: flags.junit, dir: flags['results-dir'] },
    }).catch(async (e: Error) => {
      await this.recordJobRelease(release, jobId, plan.order);
      throw e;
    });
    await this.recordJobRelease(release, jobId, plan.order, job);
    return { kit: flags.name, jobId, plan, cancelled: false, job };
  }
}
