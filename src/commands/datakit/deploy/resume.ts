import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { commandUx } from '../../../shared/commandUx.js';
import type { JobResult } from '../../../deploy/types.js';
import { jobExitCodes } from '../../../shared/exitCodes.js';
import { junitFlag, resultsDirFlag, waitFlag } from '../../../shared/flags.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.deploy.resume');
const jobs = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.deploy.jobflags');

export type DatakitDeployResumeResult = JobResult;

export default class DatakitDeployResume extends SfCommand<DatakitDeployResumeResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = jobExitCodes;

  public static readonly flags = {
    'target-org': Flags.optionalOrg({ summary: jobs.getMessage('flags.target-org.summary') }),
    'api-version': Flags.orgApiVersion(),
    'job-id': Flags.string({
      char: 'i',
      summary: jobs.getMessage('flags.job-id.summary'),
      exactlyOne: ['use-most-recent', 'job-id'],
      parse: async (input) => (await import('../../../deploy/resolveJob.js')).parseJobId(input),
    }),
    'use-most-recent': Flags.boolean({ char: 'r', summary: jobs.getMessage('flags.use-most-recent.summary'), exactlyOne: ['use-most-recent', 'job-id'] }),
    wait: waitFlag,
    junit: junitFlag,
    'results-dir': resultsDirFlag,
  };

  public async run(): Promise<DatakitDeployResumeResult> {
    const { flags } = await this.parse(DatakitDeployResume);
    const { followJob } = await import('../../../deploy/followJob.js');
    return followJob({
      jobId: flags['job-id'],
      useMostRecent: flags['use-most-recent'],
      org: flags['target-org'],
      apiVersion: flags['api-version'],
      ux: commandUx(this),
      jsonEnabled: this.jsonEnabled(),
      waitMinutes: flags.wait.minutes,
      setExitCode: true,
      junit: { enabled: flags.junit, dir: flags['results-dir'] },
    });
  }
}
