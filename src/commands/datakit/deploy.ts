import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { DataKitClient } from '../../api/client.js';
import { DatakitCommand } from '../../cli/baseCommand.js';
import { jobExitCodes } from '../../cli/exitCodeHelp.js';
import {
  asyncFlag,
  configFileFlag,
  dataSpaceFlag,
  junitFlag,
  kitNameFlag,
  noPromptFlag,
  reasonFlag,
  resultsDirFlag,
  waitFlag,
} from '../../cli/flags.js';
import { overridesFor, placeOf } from '../../cli/environment.js';
import { checkResultsDir } from '../../cli/outputPaths.js';
import { unusedOverrides } from '../../deploy/configFile.js';
import { planDeploy, validatePlan, type DeployPlan, type PlanValidation } from '../../deploy/plan.js';
import type { JobResult } from '../../deploy/types.js';
import { rememberJob } from '../../jobs/cache.js';
import { runJob } from '../../jobs/run.js';
import { reportCommand, resumeCommand } from '../../shared/nextCommands.js';
import { kitComponents } from '../../kits/components.js';
import { findKitAmong } from '../../kits/kits.js';
import { retryAfterSettling, startKitDeploy } from '../../deploy/start.js';
import { planProblemLine, planTable } from '../../output/plan.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.deploy');

export type DatakitDeployResult = {
  dryRun: boolean;
  jobId?: string;
  plan: DeployPlan;
  validation?: PlanValidation;
  job?: JobResult;
  /** the release record written in the project */
  releaseFile?: string;
};

export default class DatakitDeploy extends DatakitCommand<DatakitDeployResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = jobExitCodes;

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    name: kitNameFlag,
    'data-space': dataSpaceFlag,
    wait: waitFlag,
    async: asyncFlag,
    'dry-run': Flags.boolean({ summary: messages.getMessage('flags.dry-run.summary') }),
    'config-file': configFileFlag,
    junit: junitFlag,
    'results-dir': resultsDirFlag,
    'no-prompt': noPromptFlag,
    reason: reasonFlag,
  };

  public async run(): Promise<DatakitDeployResult> {
    const { flags } = await this.parse(DatakitDeploy);
    const org = flags['target-org'];
    const orgName = org.getUsername() ?? 'target-org';
    if (flags.junit) await checkResultsDir(flags['results-dir']);
    // a protected org is confirmed before the first request; a dry run changes nothing and needs no approval
    const change = flags['dry-run']
      ? undefined
      : await this.openChange(org, {
          kit: flags.name,
          what: messages.getMessage('what', [flags.name]),
          noPrompt: flags['no-prompt'],
          reason: flags.reason,
          apiVersion: flags['api-version'],
        });
    const overrides = await overridesFor(flags['config-file'], change ?? (await placeOf(org)));
    const client = change?.writer ?? DataKitClient.forOrg(org, flags['api-version']);

    const { kit, all } = await findKitAmong(client, flags.name, this.lookupContext(org));
    const dataSpace = flags['data-space'] ?? kit.dataSpaceName ?? 'default';
    const plan = planDeploy(kit, { kit: flags.name, dataSpace, orgId: org.getOrgId() }, overrides);
    if (plan.steps.length === 0) throw messages.createError('error.NothingToDeploy', [flags.name], [flags.name]);
    const unused = unusedOverrides(overrides, kitComponents(kit), flags.name);

    if (flags['dry-run']) return this.dryRun(client, kit, plan, all, unused, orgName, dataSpace);

    if (unused) this.warn(unused);
    const { release, writer } = change!;
    // a Connect deploy runs the org's templates without changing them: the snapshot of them (for a rollback) is
    // read while the job starts and runs, not before it; a stopped watch (Ctrl-C) does not wait for it
    const stopSnapshot = new AbortController();
    const snapshot = this.snapshotAlongside(
      release,
      client,
      kitComponents(kit),
      flags.wait.minutes,
      stopSnapshot.signal
    );
    const expected = plan.steps.map(({ type, name, apiName }) => ({ type, name, ...(apiName ? { apiName } : {}) }));
    const start = async (): Promise<string> => {
      const id = await startKitDeploy(writer, flags.name, plan.body, flags['data-space'], (t) => this.info(t)).catch(
        async (e: Error) => {
          await snapshot;
          throw e;
        }
      );
      await rememberJob(id, {
        kind: 'deploy',
        kit: flags.name,
        username: orgName,
        orgId: org.getOrgId(),
        dataSpace,
        components: expected,
      });
      return id;
    };
    let jobId = await start();
    if (flags.async) {
      this.log(
        messages.getMessage('info.async', [jobId, resumeCommand(jobId, orgName), reportCommand(jobId, orgName)])
      );
      const releaseFile = await this.recordJobRelease(release, jobId, expected, undefined, await snapshot);
      return { dryRun: false, jobId, plan, ...(releaseFile ? { releaseFile } : {}) };
    }
    const watch = (id: string): Promise<JobResult> =>
      runJob({
        client,
        ux: this.jobUx,
        progress: this.progressDisplay,
        kind: 'deploy',
        source: { jobId: id },
        kit: flags.name,
        orgName,
        dataSpace,
        expected,
        known: true,
        waitMinutes: flags.wait.minutes,
        junit: { enabled: flags.junit, dir: flags['results-dir'] },
      }).catch(async (e: Error) => {
        // the job goes on in the org even when the watch stops: its record says so
        await this.recordJobRelease(release, id, expected, undefined, await snapshot);
        throw e;
      });
    let job = await watch(jobId);
    // right after a metadata deploy the first job may end on locked objects: start it again, bounded (F6)
    for (let attempt = 1; await retryAfterSettling(attempt, jobId, job, this.jobUx); attempt++) {
      jobId = await start();
      job = await watch(jobId);
    }
    if (job.stoppedWatching === 'interrupted') stopSnapshot.abort();
    const releaseFile = await this.recordJobRelease(release, jobId, expected, job, await snapshot);
    return { dryRun: false, jobId, plan, job, ...(releaseFile ? { releaseFile } : {}) };
  }

  /** --dry-run: the plan and what would stop it, exit 0 or 1; nothing changes. */
  private async dryRun(
    client: DataKitClient,
    kit: Parameters<typeof validatePlan>[1],
    plan: Parameters<typeof validatePlan>[2],
    all: Parameters<typeof validatePlan>[3],
    unused: string | undefined,
    orgName: string,
    dataSpace: string
  ): Promise<DatakitDeployResult> {
    const name = kit.developerName;
    const validation = await validatePlan(client, kit, plan, all);
    // under --dry-run a config entry for no component is a problem: the real deploy would ignore it
    if (unused) validation.problems.push({ severity: 'error', check: 'unusedConfig', message: unused });
    validation.valid &&= !unused;
    this.printTable(planTable(plan, validation), messages.getMessage('info.planTitle', [name, orgName, dataSpace]));
    if (plan.carried.length)
      this.info(messages.getMessage('info.carried', [plan.carried.map((c) => c.name).join(', ')]));
    for (const p of validation.problems) this.warn(planProblemLine(p));
    if (validation.valid) this.logSuccess(messages.getMessage('info.planValid', [plan.steps.length, name]));
    else
      this.log(
        messages.getMessage('info.planInvalid', [validation.problems.filter((p) => p.severity === 'error').length])
      );
    process.exitCode = validation.valid ? 0 : 1;
    return { dryRun: true, plan, validation };
  }
}
