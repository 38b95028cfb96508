/*
 * deploy report and deploy resume: resolve the job (cache or org), then watch it with runJob.
 */
import type { JobResult } from '../deploy/types.js';
import type { ProgressOptions } from '../output/progress.js';
import type { JobUx } from '../shared/ux.js';
import { resolveJob, type ResolveOptions } from './resolve.js';
import { runJob } from './run.js';

export type FollowOptions = ResolveOptions & {
  ux: JobUx;
  progress: ProgressOptions['mode'];
  /** undefined waits for the end; 0 reads the status once */
  waitMinutes?: number;
  setExitCode: boolean;
  junit: { enabled: boolean; dir?: string };
};

export async function followJob(opts: FollowOptions): Promise<JobResult> {
  const job = await resolveJob({ ...opts, warn: (w) => opts.ux.warn(w) });
  return runJob({
    client: job.client,
    ux: opts.ux,
    // one look needs no live display
    progress: opts.waitMinutes === 0 ? 'none' : opts.progress,
    kind: job.kind,
    source: job.source,
    kit: job.kit,
    orgName: job.orgName,
    dataSpace: job.dataSpace,
    expected: job.expected,
    known: job.fromCache,
    waitMinutes: opts.waitMinutes,
    junit: opts.junit,
    setExitCode: opts.setExitCode,
    componentsOfKit: job.componentsOfKit,
  });
}
