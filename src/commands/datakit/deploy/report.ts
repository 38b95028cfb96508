import { Messages } from '@salesforce/core';
import { DatakitCommand } from '../../../cli/baseCommand.js';
import { reportExitCodes } from '../../../cli/exitCodeHelp.js';
import { minutesFlag } from '../../../cli/flags.js';
import { jobFlags, jobOrgs } from '../../../cli/jobFlags.js';
import { checkResultsDir } from '../../../cli/outputPaths.js';
import type { JobResult } from '../../../deploy/types.js';
import { followJob } from '../../../jobs/follow.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.deploy.report');

export type DatakitDeployReportResult = JobResult;

export default class DatakitDeployReport extends DatakitCommand<DatakitDeployReportResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = reportExitCodes;

  public static readonly flags = {
    ...jobFlags,
    wait: minutesFlag({ char: 'w', summary: messages.getMessage('flags.wait.summary') }),
  };

  public async run(): Promise<DatakitDeployReportResult> {
    const { flags, metadata } = await this.parse(DatakitDeployReport);
    if (flags.junit) await checkResultsDir(flags['results-dir']);
    return followJob({
      jobId: flags['job-id'],
      useMostRecent: flags['use-most-recent'],
      ...jobOrgs(flags['target-org'], metadata),
      apiVersion: flags['api-version'],
      ux: this.jobUx,
      progress: this.progressDisplay,
      waitMinutes: flags.wait?.minutes ?? 0,
      setExitCode: false,
      junit: { enabled: flags.junit, dir: flags['results-dir'] },
    });
  }
}
