import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
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
  verifyFlag,
  waitFlag,
} from '../../cli/flags.js';
import { checkResultsDir } from '../../cli/outputPaths.js';
import { unusedOverrides } from '../../deploy/configFile.js';
import { overridesFor } from '../../cli/environment.js';
import type { JobResult, Ref } from '../../deploy/types.js';
import type { ChecklistItem } from '../../kits/checklist.js';
import { kitComponents } from '../../kits/components.js';
import { findKit } from '../../kits/kits.js';
import { unwrapAndWatch } from '../../unwrap/unwrapAndWatch.js';
import type { KitVerification } from '../../verify/verifyKit.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.unwrap');

export type DatakitUnwrapResult = {
  kit: string;
  method?: 'connect' | 'flow';
  jobId?: string;
  alreadyActive: Ref[];
  checklist: ChecklistItem[];
  job?: JobResult;
  /** --verify: does the kit work in the org */
  verify?: KitVerification;
};

export default class DatakitUnwrap extends DatakitCommand<DatakitUnwrapResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = jobExitCodes;

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    name: kitNameFlag,
    'data-space': dataSpaceFlag,
    method: Flags.option({
      summary: messages.getMessage('flags.method.summary'),
      options: ['auto', 'connect', 'flow'] as const,
      default: 'auto',
    })(),
    'config-file': configFileFlag,
    wait: waitFlag,
    async: asyncFlag,
    junit: junitFlag,
    'results-dir': resultsDirFlag,
    'no-prompt': noPromptFlag,
    reason: reasonFlag,
    verify: verifyFlag,
  };

  public async run(): Promise<DatakitUnwrapResult> {
    const { flags } = await this.parse(DatakitUnwrap);
    const org = flags['target-org'];
    if (flags.junit) await checkResultsDir(flags['results-dir']);
    // a full deploy of the kit when nothing is live yet: a protected org is confirmed like deploy's
    const change = await this.openChange(org, {
      kit: flags.name,
      what: messages.getMessage('what', [flags.name]),
      noPrompt: flags['no-prompt'],
      reason: flags.reason,
      apiVersion: flags['api-version'],
    });
    const overrides = await overridesFor(flags['config-file'], change);
    const client = change.writer;
    const kit = await findKit(client, flags.name, this.lookupContext(org));
    const unused = unusedOverrides(overrides, kitComponents(kit), flags.name);
    if (unused) this.warn(unused);
    const { release } = change;
    const outcome = await unwrapAndWatch({
      client,
      kit,
      orgId: org.getOrgId(),
      orgName: org.getUsername() ?? 'target-org',
      ux: this.jobUx,
      progress: this.progressDisplay,
      dataSpace: flags['data-space'],
      overrides,
      method: flags.method,
      async: flags.async,
      waitMinutes: flags.wait.minutes,
      junit: { enabled: flags.junit, dir: flags['results-dir'] },
    });
    if (outcome.jobId) {
      const expected = kitComponents(kit).filter((c) => !outcome.alreadyActive.some((a) => a.name === c.name));
      await this.recordJobRelease(release, outcome.jobId, expected, outcome.job);
    }
    const live = !flags.async && (!outcome.job || outcome.job.outcome === 'Succeeded');
    const verify = flags.verify && live ? await this.verifyAfter(client, kit, org, overrides) : undefined;
    return { kit: flags.name, ...outcome, ...(verify ? { verify } : {}) };
  }
}
