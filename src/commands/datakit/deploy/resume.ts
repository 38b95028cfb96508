import { Messages } from '@salesforce/core';
import { DatakitCommand } from '../../../cli/baseCommand.js';
import { jobExitCodes } from '../../../cli/exitCodeHelp.js';
import { waitFlag } from '../../../cli/flags.js';
import { jobFlags, jobOrgs } from '../../../cli/jobFlags.js';
import { checkResultsDir } from '../../../cli/outputPaths.js';
import type { JobResult } from '../../../deploy/types.js';
import { followJob } from '../../../jobs/follow.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.deploy.resume');

export type DatakitDeployResumeResult = JobResult;

export default class DatakitDeployResume extends DatakitCommand<DatakitDeployResumeResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = jobExitCodes;

  public static readonly flags = { ...jobFlags, wait: waitFlag };

  public async run(): Promise<DatakitDeployResumeResult> {
    const { flags, metadata } = await this.parse(DatakitDeployResume);
    if (flags.junit) await checkResultsDir(flags['results-dir']);
    return followJob({
      jobId: flags['job-id'],
      useMostRecent: flags['use-most-recent'],
      ...jobOrgs(flags['target-org'], metadata),
      apiVersion: flags['api-version'],
      ux: this.jobUx,
      progress: this.progressDisplay,
      waitMinutes: flags.wait.minutes,
      setExitCode: true,
      junit: { enabled: flags.junit, dir: flags['results-dir'] },
    });
  }
}
