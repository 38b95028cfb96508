/*
 * deploy report and deploy resume: resolve the job (cache or org), then watch it with runJob.
 */
import { Messages, type Org } from '@salesforce/core';
import type { JobResult } from './types.js';
import { resolveJob } from './resolveJob.js';
import { runJob, type JobUx } from './runJob.js';
import { JobNotFoundError } from './watcher.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'jobs');

export type FollowOptions = {
  jobId?: string;
  useMostRecent: boolean;
  org?: Org;
  apiVersion?: string;
  ux: JobUx;
  jsonEnabled: boolean;
  /** undefined waits for the end; 0 reads the status once */
  waitMinutes?: number;
  setExitCode: boolean;
  junit: { enabled: boolean; dir?: string };
};

export async function followJob(opts: FollowOptions): Promise<JobResult> {
  const job = await resolveJob(opts);
  try {
    return await runJob({
      client: job.client,
      ux: opts.ux,
      jsonEnabled: opts.jsonEnabled,
      kind: job.kind,
      source: job.source,
      kit: job.kit,
      orgName: job.orgName,
      dataSpace: job.dataSpace,
      expected: job.expected,
      waitMinutes: opts.waitMinutes,
      junit: opts.junit,
      setExitCode: opts.setExitCode,
    });
  } catch (e) {
    if (e instanceof JobNotFoundError) throw messages.createError('error.JobNotFound', [job.jobId, job.orgName]);
    throw e;
  }
}
