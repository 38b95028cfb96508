/*
 * What a deploy, undeploy or unwrap job looks like to the user: one row per component plus the job.
 */

export type JobKind = 'deploy' | 'undeploy' | 'unwrap';

/** Overall outcome, in `sf project deploy` words (they pick the exit code). */
export type JobOutcome = 'Succeeded' | 'SucceededPartial' | 'Failed' | 'InProgress';

export type ComponentState = 'NotStarted' | 'InProgress' | 'Succeeded' | 'Failed';

export type ComponentProgress = {
  type: string;
  name: string;
  /** a DLO's API name where the org lists it under another name (F2) */
  apiName?: string;
  state: ComponentState;
  /** the deployment-status code read after the job (ACTIVE, ERROR, NOT_DEPLOYED, ...) */
  componentStatus?: string;
  /** the component's own error, from its deployment log row */
  error?: string;
};

export type JobResult = {
  jobId: string;
  kind: JobKind;
  kit?: string;
  targetOrg?: string;
  dataSpace?: string;
  outcome: JobOutcome;
  /** BackgroundOperation.Status, or what the deployment log or the components' statuses say when the org keeps no job row */
  jobStatus: string;
  /** the job's own error (BackgroundOperation.Error or a job-level log row): not any one component's */
  jobError?: string;
  components: ComponentProgress[];
  /** the watch ended because --wait ran out, or Ctrl-C / SIGTERM */
  stoppedWatching?: 'timeout' | 'interrupted';
  elapsedMs: number;
  junitFile?: string;
  /** why the JUnit file could not be written (the job's result stands) */
  junitError?: string;
};

export type { Ref } from '../kits/dependencies.js';

/** Where a job's records are found: a Connect job id (08P...) or a legacy flow interview GUID. */
export type JobSource = { jobId: string } | { interviewId: string };

export const idOfSource = (source: JobSource): string => ('jobId' in source ? source.jobId : source.interviewId);
