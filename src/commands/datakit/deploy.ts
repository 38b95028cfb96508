import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { commandUx } from '../../shared/commandUx.js';
import type { DeployPlan, PlanValidation } from '../../deploy/plan.js';
import type { JobResult } from '../../deploy/types.js';
import { jobExitCodes } from '../../shared/exitCodes.js';
import { asyncFlag, configFileFlag, dataSpaceFlag, junitFlag, kitNameFlag, orgLabel, resultsDirFlag, waitFlag } from '../../shared/flags.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.deploy');

export type DatakitDeployResult = {
  dryRun: boolean;
  jobId?: string;
  plan: DeployPlan;
  validation?: PlanValidation;
  job?: JobResult;
};

export default class DatakitDeploy extends SfCommand<DatakitDeployResult> {
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
  };

  public async run(): Promise<DatakitDeployResult> {
    const { flags } = await this.parse(DatakitDeploy);
    const { DataKitClient } = await import('../../api/client.js');
    const { kitNotFound } = await import('../../kits/kits.js');
    const { planDeploy, validatePlan } = await import('../../deploy/plan.js');
    const { cacheJob, resumeCommand, runJob } = await import('../../deploy/runJob.js');
    const { readConfigOverrides } = await import('../../deploy/configFile.js');
    const org = flags['target-org'];
    const orgName = org.getUsername() ?? 'target-org';
    const client = DataKitClient.forOrg(org, flags['api-version']);

    const kits = await client.listKits();
    const kit = kits.find((k) => k.developerName === flags.name);
    if (!kit) throw kitNotFound(flags.name, kits.map((k) => k.developerName), orgLabel(org));
    const dataSpace = flags['data-space'] ?? kit.dataSpaceName ?? 'default';
    const overrides = flags['config-file'] ? await readConfigOverrides(flags['config-file']) : undefined;
    const plan = planDeploy(kit, { kit: flags.name, dataSpace, orgId: org.getOrgId() }, overrides);
    if (plan.steps.length === 0) throw messages.createError('error.NothingToDeploy', [flags.name], [flags.name]);

    if (flags['dry-run']) {
      const validation = await validatePlan(client, kit, plan, kits);
      this.table({
        data: plan.steps.map((s, i) => ({ ...s, status: validation.checks[i].currentStatus, action: validation.checks[i].action, needs: validation.checks[i].needs.join(', ') })),
        columns: [
          { key: 'order', name: '#' },
          { key: 'type', name: 'Type' },
          { key: 'name', name: 'Name' },
          { key: 'status', name: 'Status Now' },
          { key: 'action', name: 'Action' },
          { key: 'needs', name: 'Needs' },
        ],
        title: messages.getMessage('info.planTitle', [flags.name, orgName, dataSpace]),
      });
      if (plan.carried.length) this.info(messages.getMessage('info.carried', [plan.carried.map((c) => c.name).join(', ')]));
      for (const p of validation.problems) this.warn(`${p.severity === 'error' ? 'Problem' : 'Note'}: ${p.message}`);
      if (validation.valid) this.logSuccess(messages.getMessage('info.planValid', [plan.steps.length, flags.name]));
      else this.log(messages.getMessage('info.planInvalid', [validation.problems.filter((p) => p.severity === 'error').length]));
      process.exitCode = validation.valid ? 0 : 1;
      return { dryRun: true, plan, validation };
    }

    const jobId = await client.deploy(flags.name, plan.body, flags['data-space']);
    await cacheJob(jobId, { kind: 'deploy', kit: flags.name, username: orgName, dataSpace, components: plan.steps });
    if (flags.async) {
      this.log(messages.getMessage('info.async', [jobId, resumeCommand(jobId, orgName), `sf datakit deploy report --job-id ${jobId} --target-org ${orgName}`]));
      return { dryRun: false, jobId, plan };
    }
    const job = await runJob({
      client,
      ux: commandUx(this),
      jsonEnabled: this.jsonEnabled(),
      kind: 'deploy',
      source: { jobId },
      kit: flags.name,
      orgName,
      dataSpace,
      expected: plan.steps,
      waitMinutes: flags.wait.minutes,
      junit: { enabled: flags.junit, dir: flags['results-dir'] },
    });
    return { dryRun: false, jobId, plan, job };
  }
}
