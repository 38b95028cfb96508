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
  state: ComponentState;
  /** the deployment-status code read after the job (ACTIVE, ERROR, NOT_DEPLOYED, ...) */
  componentStatus?: string;
  error?: string;
};

export type JobResult = {
  jobId: string;
  kind: JobKind;
  kit?: string;
  targetOrg?: string;
  dataSpace?: string;
  outcome: JobOutcome;
  /** BackgroundOperation.Status as the org reported it (or the flow's state for a flow unwrap) */
  jobStatus: string;
  jobError?: string;
  components: ComponentProgress[];
  /** the watch ended because --wait ran out, or Ctrl-C */
  stoppedWatching?: 'timeout' | 'interrupted';
  elapsedMs: number;
  junitFile?: string;
};
